// Child process of the benchmark: a bare node:http server answering each
// known path with recorded response bytes (status, headers, body), or with a
// file streamed from disk under the recorded headers (an attachment's
// content), the floor against which the real server's cost is read.
import fs from 'node:fs';
import http from 'node:http';

export type RecordedResponse = { status: number; headers: Record<string, string> } & ({ bodyBase64: string } | { file: string });

/** Keyed by request path with query, as the load generator sends it. */
export type Recording = Record<string, RecordedResponse>;

if (require.main === module) {
  const recording = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Recording;
  const routes = new Map(Object.entries(recording).map(([url, r]) => [url, { ...r, body: 'bodyBase64' in r ? Buffer.from(r.bodyBase64, 'base64') : undefined }]));
  const server = http.createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route.status, route.headers);
    if (route.body !== undefined) res.end(route.body);
    else if ('file' in route) fs.createReadStream(route.file).pipe(res);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ url: `http://127.0.0.1:${port}` });
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

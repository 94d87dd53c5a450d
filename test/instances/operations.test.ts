// What an operator sees of a running provider: request ids in answers and
// logs, metrics, the proxy setting, start-up refusals in one line, a
// graceful stop with a deadline.
import { expect } from 'chai';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { serverStartUpRefusal, startChildServer, type ChildServer } from '../helpers/child-server';
import { query } from '../helpers/db';
import { A, messageFixture } from '../helpers/message-fixture';
import { seed } from '../helpers/seed';
import { httpClient, tempDir, useServer } from '../helpers/server';
import { filePart, jsonPart, messageToPublish, multipartBody, BOUNDARY, PDF, publicationFixture, PUBLISHER } from '../publication/helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store of its own with the message fixture, for a server in another process. */
async function seededStore(fixture: object = messageFixture()): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = tempDir('ebox-ops-');
  const env = { DATABASE_URL: path.join(dir, 'ebox.sqlite'), STORAGE_DIR: path.join(dir, 'blobs'), AUTH_MODE: 'dev' };
  await seed({ config: loadConfig(env) }, fixture);
  return { dir, env };
}

const jsonLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('request ids', () => {
  const server = useServer({ seed: messageFixture });

  it('gives every answer an X-Request-Id, a new UUID when the request brings none', async () => {
    const one = (await server.get('/ebox', A)).header('x-request-id');
    const two = (await server.get('/ebox', A)).header('x-request-id');
    expect(one).to.match(UUID);
    expect(two).to.match(UUID).and.not.equal(one);
    expect((await server.get('/ebox')).header('x-request-id'), 'on an error answer too').to.match(UUID);
    expect((await server.get('/health')).header('x-request-id')).to.match(UUID);
  });

  it('keeps a well-formed incoming id, replaces one that is not (or that could be a CBE or national number)', async () => {
    expect((await server.get('/ebox', A, { 'X-Request-Id': 'lb-7f3a.92:1' })).header('x-request-id')).to.equal('lb-7f3a.92:1');
    for (const bad of ['has space', 'x'.repeat(129), 'ref-85073003328', '<script>']) {
      const id = (await server.get('/ebox', A, { 'X-Request-Id': bad })).header('x-request-id');
      expect(id, bad).to.match(UUID);
    }
  });
});

describe('request ids in the logs', function () {
  this.timeout(60_000);
  let child: ChildServer | undefined;
  after(async () => {
    child?.child.kill('SIGTERM');
    await child?.exited;
  });

  it('are on every log line of the request, the service\'s own lines included', async () => {
    const { dir, env } = await seededStore();
    // The main content's bytes gone: the service logs an error while answering.
    const [{ blob_key: blobKey }] = await query<{ blob_key: string }>({ config: loadConfig(env) }, `select blob_key from attachments where message_id = 'full' and attachment_id = 'main'`);
    fs.rmSync(path.join(dir, 'blobs', blobKey.slice(0, 2), blobKey.slice(2, 4), blobKey));
    child = await startChildServer({ ...env, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    const res = await fetch(`${child.url}/ebox/messages/full/attachments/main/content`, { headers: { Authorization: `Bearer ${A}`, 'X-Request-Id': 'support-case-42' } });
    expect(res.status).to.equal(500);
    expect(res.headers.get('x-request-id')).to.equal('support-case-42');
    await sleep(300);
    const lines = jsonLines(child.output()).filter((l) => l.requestId === 'support-case-42');
    expect(lines.map((l) => l.msg)).to.include.members(['attachment bytes cannot be read', 'request failed', 'request']);
    expect(JSON.stringify(jsonLines(child.output())), 'no token in the logs').to.not.include(A);
  });
});

describe('LOG_FORMAT=pretty (the default on a developer\'s terminal)', function () {
  this.timeout(60_000);

  it('writes readable lines, with the request id, instead of JSON', async () => {
    const { env } = await seededStore();
    const child = await startChildServer({ ...env, LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    try {
      await fetch(`${child.url}/ebox`, { headers: { Authorization: `Bearer ${A}`, 'X-Request-Id': 'pretty-1' } });
      for (let i = 0; i < 50 && !child.output().includes('pretty-1'); i++) await sleep(100);
      // A line with the time, the level and the message, then the fields one per line.
      expect(child.output()).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO[^\n]*: request\n(?: {4}[^\n]*\n)*? {4}requestId: "pretty-1"$/m);
      expect(child.output().split('\n').filter((l) => l.startsWith('{'))).to.deep.equal([]);
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  });
});

describe('metrics', () => {
  const server = useServer({ seed: messageFixture });

  it('serve Prometheus text at /metrics without a token: durations by operation and status, in-flight, pool, audit batches, process', async () => {
    await server.get('/ebox', A);
    await server.get('/ebox/messages/nope', A);
    await server.get('/ebox');
    await sleep(500); // the audit batch of those calls is written
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const count = (labels: string) => Number(new RegExp(`^ebox_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(count('operation="getEBoxById",method="GET",status="200"')).to.be.at.least(1);
    expect(count('operation="getMessageById",method="GET",status="404"')).to.be.at.least(1);
    expect(count('operation="getEBoxById",method="GET",status="401"')).to.be.at.least(1);
    expect(text).to.match(/^ebox_http_requests_in_flight 1$/m); // this very request
    expect(text).to.match(/^ebox_db_pool_connections\{state="(used|free)"\} \d+$/m);
    expect(text).to.match(/^ebox_db_query_errors_total \d+$/m);
    expect(Number(/^ebox_audit_batch_size_count (\d+)$/m.exec(text)?.[1])).to.be.at.least(1);
    expect(text).to.match(/^process_resident_memory_bytes \d+/m);
    expect(text).to.match(/^nodejs_eventloop_lag_seconds /m);
  });
});

describe('METRICS=off', () => {
  const server = useServer({ env: { METRICS: 'off' } });

  it('serves no /metrics: the path answers like any unknown one', async () => {
    const res = await server.get('/metrics');
    expect(res.status).to.equal(404);
    expect(res.json().code).to.equal('NOT_FOUND');
  });
});

describe('TRUST_PROXY', () => {
  const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'dp.example.be' };
  describe('off (the default)', () => {
    const server = useServer({ seed: messageFixture });
    it('ignores X-Forwarded-* in links: any client could send them', async () => {
      const message = (await server.get('/ebox/messages/full', A, forwarded)).json();
      expect(message.attachments.items[0].contentHref).to.equal(`${server.url}/ebox/messages/full/attachments/main/content`);
    });
  });
  describe('on', () => {
    const server = useServer({ seed: messageFixture, env: { TRUST_PROXY: 'on' } });
    it('builds links with the scheme and host the proxy says the client used', async () => {
      const message = (await server.get('/ebox/messages/full', A, forwarded)).json();
      expect(message.attachments.items[0].contentHref).to.equal('https://dp.example.be/ebox/messages/full/attachments/main/content');
    });
  });
});

describe('start-up refusals: one line naming the setting, no stack trace', function () {
  this.timeout(60_000);

  it('a PORT already in use', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const { dir } = await seededStore();
      const { code, output } = await serverStartUpRefusal({ PORT: String(port), DATABASE_URL: path.join(dir, 'ebox.sqlite'), STORAGE_DIR: path.join(dir, 'blobs') });
      expect(code).to.equal(1);
      expect(output.trim().split('\n')).to.deep.equal([`configuration error: PORT ${port} on HOST 127.0.0.1 is already in use (another instance, or another program); choose another PORT or stop it`]);
    } finally {
      taken.close();
    }
  });

  it('a STORAGE_DIR that cannot be created', async () => {
    const dir = tempDir('ebox-ops-');
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    const { code, output } = await serverStartUpRefusal({ DATABASE_URL: path.join(dir, 'ebox.sqlite'), STORAGE_DIR: path.join(dir, 'a-file', 'blobs') });
    expect(code).to.equal(1);
    const lines = output.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^configuration error: STORAGE_DIR .*a-file\/blobs cannot be used: ENOTDIR/);
  });

  it('a malformed setting', async () => {
    const dir = tempDir('ebox-ops-');
    const { code, output } = await serverStartUpRefusal({ DATABASE_URL: path.join(dir, 'ebox.sqlite'), CORS_ORIGINS: 'https://www.eboxenterprise.be/portal/' });
    expect(code).to.equal(1);
    expect(output.trim().split('\n')).to.deep.equal([
      'configuration error: CORS_ORIGINS: "https://www.eboxenterprise.be/portal/" has a path, query or fragment; an origin is scheme://host[:port] only (did you mean https://www.eboxenterprise.be?)',
    ]);
  });

  it('and a start that works prints where it listens, the allowed origins and the Local DP line for the portal', async () => {
    const { env } = await seededStore();
    const child = await startChildServer({ ...env, LOG_LEVEL: 'warn' });
    try {
      for (let i = 0; i < 50 && !child.output().includes('addDocumentProviders'); i++) await sleep(100);
      const output = child.output();
      expect(output).to.include('CORS: browsers may call from https://www.eboxenterprise.be, https://wwwacc.eboxenterprise.be');
      expect(output).to.include(`app.addDocumentProviders({"url":"${child.url}","name":"local_dp","version":"0.1.0","id":"local_dp"})`);
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  });
});

describe('a graceful stop (SIGTERM)', function () {
  this.timeout(60_000);

  it('finishes the request in progress, refuses new connections, flushes its audit records and exits 0', async () => {
    const { env } = await seededStore(publicationFixture());
    const child = await startChildServer({ ...env, SHUTDOWN_TIMEOUT_MS: '10000' });
    // A publication still being sent when the stop begins.
    const url = new URL(`${child.url}/publishMessage`);
    const body = multipartBody([jsonPart(messageToPublish()), filePart('upfile1', PDF)]);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { Authorization: `Bearer ${PUBLISHER}`, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of body) chunks.push(chunk as Buffer);
        const all = Buffer.concat(chunks);
        req.write(all.subarray(0, 40));
        await sleep(300);
        child.child.kill('SIGTERM');
        await sleep(500);
        req.end(all.subarray(40));
      })();
    });
    await sleep(500);
    const refused = await fetch(`${child.url}/ebox`, { headers: { Authorization: `Bearer ${A}` } }).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused, 'a new connection during the stop').to.equal('refused');
    const published = await answer;
    expect(published.status, published.text).to.equal(201);
    expect(await child.exited).to.equal(0);
    const audited = await query<{ n: number }>({ config: loadConfig(env) }, `select count(*) as n from audit_records where request_url = '/publishMessage'`);
    expect(Number(audited[0].n)).to.equal(1);
  });

  it('closes a client that stopped sending halfway once SHUTDOWN_TIMEOUT_MS has passed, instead of waiting for it forever', async () => {
    const { env } = await seededStore();
    const child = await startChildServer({ ...env, SHUTDOWN_TIMEOUT_MS: '1000' });
    const { hostname, port } = new URL(child.url);
    const halfOpen = net.connect(Number(port), hostname);
    await new Promise((resolve) => halfOpen.once('connect', resolve));
    halfOpen.write(`PATCH /ebox/messages HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${A}\r\nContent-Type: application/merge-patch+json\r\nContent-Length: 100\r\n\r\n{"items":`);
    halfOpen.on('error', () => {});
    // And an idle keep-alive connection, which must not hold the stop either.
    const client = httpClient(new URL(child.url).origin, '');
    expect((await client.get('/ebox', A)).status).to.equal(200);
    await sleep(200);
    const stopping = Date.now();
    child.child.kill('SIGTERM');
    const closed = new Promise((resolve) => halfOpen.once('close', resolve));
    expect(await child.exited).to.equal(0);
    await closed;
    expect(Date.now() - stopping, 'the stop waited for the deadline, not for the client').to.be.within(900, 8_000);
  });
});

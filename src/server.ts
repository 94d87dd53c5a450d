import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createApp } from './app';
import { AuditTrail } from './audit/trail';
import { DevAuthenticator } from './auth/dev-tokens';
import type { Authenticator } from './auth/identity';
import { createIntrospectionAuthenticator } from './auth/introspection';
import { FsBlobStore } from './blobs/fs-blob-store';
import { ConfigError, loadConfig, type Config } from './config';
import { connect, migrate } from './db/connect';
import { createLogger, type Logger } from './log';
import { startNotifications } from './notifications';
import { createServices } from './services';

export interface Running {
  server: Server;
  url: string;
  close(): Promise<void>;
}

async function authenticatorFor(config: Config, log: Logger): Promise<Authenticator> {
  if (config.authMode === 'dev') return new DevAuthenticator();
  // loadConfig fills these in introspection mode; never fall back to dev tokens.
  if (config.introspection === undefined) throw new ConfigError('AUTH_MODE=introspection needs its OAUTH_* settings');
  return createIntrospectionAuthenticator(config.introspection, log.child({ component: 'introspection' }));
}

/**
 * Deliberate limits of the node:http server (README, "Reliability"): how many
 * connections it holds, how long a client may take to send its headers and
 * its request, how long an idle keep-alive connection stays open. A request
 * Node cannot parse gets a StatusMessage too, not Node's bare 400.
 */
function bound(server: Server, config: Config): void {
  server.maxConnections = config.maxConnections;
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const body = JSON.stringify({
      id: randomUUID(),
      code: 'INVALID_REQUEST',
      message: timedOut ? 'The request took too long to arrive' : 'The request is not valid HTTP',
    });
    const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** Migrates the store and serves the registry; used by the CLI entry point and by the tests. */
export async function start(config: Config): Promise<Running> {
  const log = createLogger(config.logLevel);
  const authenticator = await authenticatorFor(config, log);
  const db = connect(config.databaseUrl);
  await migrate(db);
  const audit = new AuditTrail(db, log);
  const blobs = new FsBlobStore(config.storageDir);
  const app = await createApp({ config, db, services: createServices(db, blobs, log, config.publication, config.certification), authenticator, audit, log });
  const notifications = await startNotifications(config, db, blobs, log);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  bound(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    server,
    url: `http://${host}:${port}${config.basePath}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await notifications.stop();
      await audit.flush();
      await db.destroy();
    },
  };
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    const running = await start(config);
    console.log(`e-Box Document Provider listening on ${running.url} (AUTH_MODE=${config.authMode})`);
    if (config.authMode === 'dev') {
      console.log(`try: curl -H 'Authorization: Bearer dev.0123456749' '${running.url}/ebox'`);
      console.log(`     curl -H 'Authorization: Bearer dev.0123456749' '${running.url}/referenceData/senderOrganizations?pageSize=2'`);
    }
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })().catch((err) => {
    console.error(err instanceof ConfigError ? `configuration error: ${err.message}` : err);
    process.exit(1);
  });
}

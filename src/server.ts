import fs from 'node:fs';
import type { Server } from 'node:http';
import { createApp } from './app';
import { AuditTrail } from './audit/trail';
import { DevAuthenticator } from './auth/dev-tokens';
import type { Authenticator } from './auth/identity';
import { createIntrospectionAuthenticator } from './auth/introspection';
import { FsBlobStore } from './blobs/fs-blob-store';
import { ConfigError, loadConfig, type Config } from './config';
import { checkDatabase, connect, migrate } from './db/connect';
import { DatabaseUrlError, MigrationLockTimeout } from './db/errors';
import { bound, closeGracefully, listen } from './http/lifecycle';
import { Readiness } from './http/probes';
import { createLogger, type Logger } from './log';
import { startNotifications } from './notifications';
import { createServices } from './services';
import { packageVersion } from './contract/spec-path';

export interface Running {
  server: Server;
  url: string;
  /**
   * Stops gracefully: /ready fails, no new connection is accepted, requests
   * in progress finish (their connections closed after `timeoutMs`, by
   * default SHUTDOWN_TIMEOUT_MS), then the event dispatcher stops, the audit
   * trail is flushed and the database closed.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** The blob folder, created if needed; one that cannot be created, read or written stops start-up with one line. */
function openBlobStore(dir: string): FsBlobStore {
  try {
    const store = new FsBlobStore(dir);
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
    return store;
  } catch (err) {
    throw new ConfigError(`STORAGE_DIR ${dir} cannot be used: ${(err as Error).message}`);
  }
}

async function authenticatorFor(config: Config, log: Logger): Promise<Authenticator> {
  if (config.authMode === 'dev') return new DevAuthenticator();
  // loadConfig fills these in introspection mode; never fall back to dev tokens.
  if (config.introspection === undefined) throw new ConfigError('AUTH_MODE=introspection needs its OAUTH_* settings');
  return createIntrospectionAuthenticator(config.introspection, log.child({ component: 'introspection' }));
}

/**
 * Serves the registry and migrates the store; used by the CLI entry point and
 * by the tests. It listens before migrating, so that while the migrations run
 * (or wait for another instance's) the liveness probe answers and everything
 * else says 503 SERVICE_STARTING; it resolves once the instance is ready.
 */
export async function start(config: Config): Promise<Running> {
  const log = createLogger(config.logLevel, config.logFormat);
  const authenticator = await authenticatorFor(config, log);
  const db = connect(config.databaseUrl, { keptStatements: config.postgresKeptStatements, statementTimeoutMs: config.databaseStatementTimeoutMs });
  try {
    await checkDatabase(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const audit = new AuditTrail(db, log);
  const blobs = openBlobStore(config.storageDir);
  const readiness = new Readiness();
  const app = await createApp({ config, db, services: createServices(db, blobs, log, config.publication, config.certification, config.searchTotals), authenticator, audit, log, readiness });
  const server = await listen(app, config);
  bound(server, config);
  try {
    await migrate(db);
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.destroy();
    throw err;
  }
  readiness.markMigrated();
  const notifications = await startNotifications(config, db, blobs, log);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    server,
    url: `http://${host}:${port}${config.basePath}`,
    async close(timeoutMs = config.shutdownTimeoutMs) {
      readiness.markStopping();
      await closeGracefully(server, timeoutMs);
      await notifications.stop();
      await audit.flush();
      await db.destroy();
    },
  };
}

/** The line that makes the eboxenterprise.be portal in this browser show this provider ("Local DP" testing, consultation profile). */
export function addDocumentProviders(url: string): string {
  const provider = { url, name: 'local_dp', version: packageVersion(), id: 'local_dp' };
  return `app.addDocumentProviders(${JSON.stringify(provider)})`;
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    const running = await start(config);
    console.log(`e-Box Document Provider listening on ${running.url} (AUTH_MODE=${config.authMode})`);
    const root = running.url.slice(0, running.url.length - config.basePath.length);
    if (config.portal) console.log(`portal view: ${root}/portal/ (paste a token such as dev.0123456749 with AUTH_MODE=dev)`);
    console.log(`API docs: ${root}/docs`);
    console.log(`CORS: browsers may call from ${config.corsOrigins.length > 0 ? config.corsOrigins.join(', ') : 'no origin (CORS_ORIGINS is empty)'}`);
    if (config.authMode === 'dev') {
      console.log(`try: curl -H 'Authorization: Bearer dev.0123456749' '${running.url}/ebox'`);
      console.log(`     curl -H 'Authorization: Bearer dev.0123456749' '${running.url}/referenceData/senderOrganizations?pageSize=2'`);
      console.log(`Local DP testing: in the portal's JavaScript console (www or wwwacc.eboxenterprise.be), paste`);
      console.log(`     ${addDocumentProviders(running.url)}`);
    }
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })().catch((err) => {
    // What an operator can fix from the message alone gets one line, not a stack trace.
    if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
    else if (err instanceof DatabaseUrlError || err instanceof MigrationLockTimeout) console.error(err.message);
    else console.error(err);
    process.exit(1);
  });
}

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ConfigError, type Config } from '../config';

/**
 * Listens on PORT and HOST. An address that cannot be had (in use, a
 * privileged port, a host this machine does not have) is a setting to change:
 * one line naming it, not a stack trace.
 */
export function listen(app: { listen(port: number, host: string): Server }, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `PORT ${config.port} on HOST ${config.host}`;
      if (err.code === 'EADDRINUSE') reject(new ConfigError(`${where} is already in use (another instance, or another program); choose another PORT or stop it`));
      else if (err.code === 'EACCES') reject(new ConfigError(`${where} needs privileges this process does not have; choose a PORT above 1023`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ConfigError(`HOST ${config.host} is not an address of this machine`));
      else reject(err);
    });
  });
}

/**
 * Deliberate limits of the node:http server (README, "Reliability"): how many
 * connections it holds, how long a client may take to send its headers and
 * its request, how long an idle keep-alive connection stays open. A request
 * Node cannot parse gets a StatusMessage too, not Node's bare 400.
 */
export function bound(server: Server, config: Config): void {
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

/** How often connections that became idle during a stop are closed: a keep-alive client would otherwise hold its socket until KEEP_ALIVE_TIMEOUT_MS. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections, lets the requests in progress finish, closes
 * connections as they become idle, and after `timeoutMs` closes whatever is
 * left (a client that stopped sending halfway, a download that does not
 * progress). Resolves once no connection is open.
 */
export async function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

import net from 'node:net';

/**
 * A TCP relay between the server and its database, which a test can cut and
 * restore: the database going away and coming back, as a network fault or a
 * restart does, without stopping the PostgreSQL that other suites use.
 */
export interface TcpProxy {
  port: number;
  /** Closes every relayed connection and refuses new ones, as a database that went down. */
  cut(): void;
  /** Closes every relayed connection and accepts new ones without ever answering, as a host that went silent. */
  stall(): void;
  /** Keeps every relayed connection open but relays nothing more, and accepts new ones without answering: a network that went silent mid-query. */
  freeze(): void;
  /** Accepts and relays connections again; connections frozen meanwhile are closed, as TCP gives up on them. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let mode: 'up' | 'down' | 'silent' = 'up';
  const relays = new Set<[net.Socket, net.Socket]>();
  const frozen = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (mode === 'down') {
      client.destroy();
      return;
    }
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (mode === 'silent') {
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    for (const socket of [client, upstream]) {
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const relay: [net.Socket, net.Socket] = [client, upstream];
    relays.add(relay);
    upstream.on('close', () => relays.delete(relay));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  const closeAll = (next: typeof mode) => {
    mode = next;
    for (const socket of sockets) socket.destroy();
  };
  const cut = () => closeAll('down');
  return {
    port: address.port,
    cut,
    stall: () => closeAll('silent'),
    freeze() {
      mode = 'silent';
      for (const [client, upstream] of relays) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        frozen.add(client).add(upstream);
      }
      relays.clear();
    },
    restore() {
      mode = 'up';
      for (const socket of frozen) socket.destroy();
      frozen.clear();
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

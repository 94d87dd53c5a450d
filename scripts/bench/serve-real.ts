// Child process of the benchmark: the real server, configured from the
// environment like `npm start`, telling its parent its URL over IPC.
import { loadConfig } from '../../src/config';
import { start } from '../../src/server';

(async () => {
  const running = await start(loadConfig());
  const stop = () => {
    // Do not wait for idle keep-alive sockets of the load generator.
    running.server.closeAllConnections();
    void running.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent is gone (crash, kill -9): nobody will stop us otherwise.
  process.on('disconnect', stop);
  process.send?.({ url: running.url });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

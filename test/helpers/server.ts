import { expect } from 'chai';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { start, type Running } from '../../src/server';
import { assertConforms, type Received } from './contract';
import { postgres } from './databases';
import { seed } from './seed';
import { tempDir } from './temp-dirs';

export interface Response extends Received {
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A header the test relies on: the test fails when the response lacks it. */
  header(name: string): string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: string | object;
  contentType?: string;
  /** Fails the request (an AbortError) when no answer came within this time: a hung request is a failure, not a test timeout. */
  timeoutMs?: number;
}

export interface TestServer {
  url: string;
  dir: string;
  config: Config;
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  get(path: string, token?: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export { tempDir };

/**
 * Requests to a server at `origin` whose contract is served under `basePath`
 * (a server of this process or another): every response is checked against the contract.
 */
export function httpClient(origin: string, basePath: string): Pick<TestServer, 'request' | 'get'> {
  async function request(method: string, urlPath: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const res = await fetch(origin + urlPath, { method, headers, body, signal });
    const bytes = Buffer.from(await res.arrayBuffer());
    const received: Received = { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
    const contractPath = new URL(origin + urlPath).pathname.slice(basePath.length) || '/';
    await assertConforms(method, contractPath, received);
    return {
      ...received,
      json: () => JSON.parse(received.text),
      header: (name) => received.headers.get(name) ?? expect.fail(`${method} ${urlPath}: no ${name} header`),
    };
  }

  return { request, get: (p, token, headers) => request('GET', p, { token, headers }) };
}

/**
 * The real server on an ephemeral port, with a fresh SQLite file and blob
 * folder. Every response it gives is checked against the contract.
 */
export async function startServer(env: Record<string, string> = {}, dir = tempDir()): Promise<TestServer> {
  // TEST_DATABASE=postgres: the same tests on a PostgreSQL database of their own.
  const pgUrl = process.env.TEST_DATABASE === 'postgres' ? await postgres.createUrl() : undefined;
  const config = loadConfig({
    DATABASE_URL: pgUrl ?? path.join(dir, 'ebox.sqlite'),
    STORAGE_DIR: path.join(dir, 'blobs'),
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const running: Running = await start(config);
  const origin = running.url.replace(config.basePath, '');

  const { request } = httpClient(origin, config.basePath);

  return {
    url: running.url,
    dir,
    config,
    request,
    get: (p, token, headers) => request('GET', p, { token, headers }),
    close: async () => {
      await running.close();
      if (pgUrl !== undefined) await postgres.drop(pgUrl);
    },
  };
}

export interface UseServerOptions {
  /**
   * Environment over startServer's defaults. A function is called when the
   * server starts, for values that exist only once an earlier hook has run.
   */
  env?: Record<string, string> | (() => Record<string, string>);
  /** An import document loaded through the real importer once the server runs. */
  seed?: object | (() => object);
  /**
   * The database to serve from instead of a fresh SQLite file: the way to run
   * a suite on another engine. It must be empty; useServer() does not clean it
   * up. A function is called when the server starts (creating a database
   * for the suite, for instance).
   */
  databaseUrl?: string | (() => string | Promise<string>);
}

/** The suite's server as its tests see it: useServer() closes it, not the tests. */
export type SuiteServer = Omit<TestServer, 'close'>;

/**
 * One real server for the enclosing describe block: a `before` hook starts it
 * (and seeds it), an `after` hook closes it. Call it in a describe body; the
 * object it returns may be used in that block's tests and later hooks.
 *
 *     const server = useServer({ seed: messageFixture });
 *     it('…', async () => expect((await server.get('/ebox', A)).status).to.equal(200));
 */
export function useServer(options: UseServerOptions = {}): SuiteServer {
  let running: TestServer | undefined;
  before(async () => {
    const env = { ...(typeof options.env === 'function' ? options.env() : options.env) };
    if (options.databaseUrl !== undefined) {
      env.DATABASE_URL = typeof options.databaseUrl === 'function' ? await options.databaseUrl() : options.databaseUrl;
    }
    running = await startServer(env);
    if (options.seed) await seed(running, typeof options.seed === 'function' ? options.seed() : options.seed);
  });
  after(async () => {
    await running?.close();
    running = undefined;
  });
  const current = (): TestServer => {
    if (!running) throw new Error('useServer(): the server runs only during the tests and hooks of the describe block that declares it');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get dir() {
      return current().dir;
    },
    get config() {
      return current().config;
    },
    request: (method, urlPath, requestOptions) => current().request(method, urlPath, requestOptions),
    get: (urlPath, token, headers) => current().get(urlPath, token, headers),
  };
}

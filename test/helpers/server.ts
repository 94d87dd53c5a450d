import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { start, type Running } from '../../src/server';
import { assertConforms, type Received } from './contract';
import { postgres } from './databases';

export interface Response extends Received {
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: string | object;
  contentType?: string;
}

export interface TestServer {
  url: string;
  dir: string;
  config: Config;
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  get(path: string, token?: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'ebox-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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

  async function request(method: string, urlPath: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    // fetch() marks hand-made conditional requests `Cache-Control: no-cache`, which
    // by RFC 9111 forbids a 304; send what a browser cache sends when it revalidates.
    if (headers['If-None-Match'] || headers['If-Modified-Since']) headers['Cache-Control'] ??= 'max-age=0';
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const res = await fetch(origin + urlPath, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    const received: Received = { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
    const contractPath = new URL(origin + urlPath).pathname.slice(config.basePath.length) || '/';
    await assertConforms(method, contractPath, received);
    return { ...received, json: () => JSON.parse(received.text) };
  }

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

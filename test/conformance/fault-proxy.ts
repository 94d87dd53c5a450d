import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy made for the conformance kit's tests: it forwards every
 * request to the provider and may break the answer on the way back, one
 * fault at a time, so that the tests can show the kit notices. The product
 * holds no fault switch; this lives in test/ only.
 */

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  requestBody: Buffer | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  body: Buffer;
}

/** Asks the provider itself, past the fault. */
export type Upstream = (path: string, headers: Record<string, string>, method?: string, body?: string) => Promise<Exchange>;

/** A fault rewrites an exchange (or answers something else, or never answers). */
export type Fault = (exchange: Exchange, upstream: Upstream) => Promise<Exchange | 'hang'> | Exchange | 'hang';

export interface FaultProxy {
  url: string;
  /** The provider behind it, once known. */
  target: string;
  fault: Fault | undefined;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

async function forward(target: string, method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Promise<Exchange> {
  const url = new URL(target + path);
  const sent = Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k) && k !== 'host'));
  const response = await fetch(url, { method, headers: sent, body: body && body.length > 0 ? new Uint8Array(body) : undefined, redirect: 'manual' });
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key)) responseHeaders[key] = value;
  });
  return { method, url, headers: sent, requestBody: body, status: response.status, responseHeaders, body: Buffer.from(await response.arrayBuffer()) };
}

export async function startFaultProxy(): Promise<FaultProxy> {
  const hanging = new Set<http.ServerResponse>();
  const proxy: FaultProxy = { url: '', target: '', fault: undefined, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
          const exchange = await forward(proxy.target, req.method ?? 'GET', req.url ?? '/', headers, Buffer.concat(chunks));
          const upstream: Upstream = (path, h, method = 'GET', body) => forward(proxy.target, method, path, h, body === undefined ? undefined : Buffer.from(body));
          const answer = proxy.fault ? await proxy.fault(exchange, upstream) : exchange;
          if (answer === 'hang') {
            hanging.add(res);
            return;
          }
          res.writeHead(answer.status, { ...answer.responseHeaders, 'content-length': String(answer.body.length) });
          res.end(answer.body);
        } catch (err) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(err));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

/** Rewrites a JSON answer in place. */
export function editJson(exchange: Exchange, edit: (body: any) => unknown): Exchange { // eslint-disable-line @typescript-eslint/no-explicit-any
  const body = JSON.parse(exchange.body.toString('utf8'));
  edit(body);
  return { ...exchange, body: Buffer.from(JSON.stringify(body)) };
}

/** The provider's answer to the same request without some query parameters: a provider that ignores them. */
export function ignoring(names: string[]): (e: Exchange, upstream: Upstream) => Promise<Exchange> {
  return async (e, upstream) => {
    const url = new URL(e.url);
    for (const name of names) url.searchParams.delete(name);
    return upstream(url.pathname + url.search, e.headers);
  };
}

export const isList = (e: Exchange) => e.method === 'GET' && e.url.pathname === '/ebox/messages' && e.status === 200;

import type { Readable } from 'node:stream';

/** What a handler returns; the Koa adapter writes it to the response. */
export interface Result {
  status: number;
  body?: unknown;
  /** Bytes to stream instead of a JSON body. */
  stream?: Readable;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Result => ({ status: 200, body, headers });

import type { Readable } from 'node:stream';

/** What a handler returns, in the general shape the pipeline writes to the response. */
export interface Result {
  status: number;
  body?: unknown;
  /** Bytes to stream instead of a JSON body. */
  stream?: Readable;
  headers?: Record<string, string>;
}

export const ok = <T>(body: T, headers?: Record<string, string>) => ({ status: 200 as const, body, headers });

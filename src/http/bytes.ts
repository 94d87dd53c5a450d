import type { Readable } from 'node:stream';
import parseRange from 'range-parser';
import type { ByteRange } from '../blobs/blob-store';
import { rangeNotSatisfiable } from './errors';
import { rangeStillValid } from './preconditions';

export interface Bytes {
  size: number;
  open(range?: ByteRange): Promise<Readable>;
  headers: Record<string, string>;
}

/** The request headers byte ranges depend on. */
export interface RangeRequest {
  range?: string;
  'if-range'?: string;
}

/**
 * Streams stored bytes, honouring a single-range `Range: bytes=…` request
 * (206) unless an If-Range says the client's copy is another version.
 * Several ranges or a malformed header get the whole content (200), as
 * RFC 9110 allows; a range outside the content is 416.
 */
export async function bytesResult(b: Bytes, request: RangeRequest): Promise<{ status: 200 | 206; stream: Readable; headers: Record<string, string> }> {
  const headers = { ...b.headers, 'Accept-Ranges': 'bytes' };
  const rangeHeader = rangeStillValid(request['if-range'], b.headers) ? request.range : undefined;
  const ranges = rangeHeader && b.size > 0 ? parseRange(b.size, rangeHeader) : undefined;
  if (ranges === -1) {
    throw rangeNotSatisfiable(b.size);
  }
  if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) {
    const { start, end } = ranges[0];
    return {
      status: 206 as const,
      stream: await b.open({ start, end }),
      headers: { ...headers, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${b.size}` },
    };
  }
  return { status: 200 as const, stream: await b.open(), headers: { ...headers, 'Content-Length': String(b.size) } };
}

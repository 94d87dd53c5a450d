import type { Readable } from 'node:stream';
import parseRange from 'range-parser';
import type { ByteRange } from '../blobs/blob-store';
import { rangeNotSatisfiable } from './errors';

export interface Bytes {
  size: number;
  open(range?: ByteRange): Promise<Readable>;
  headers: Record<string, string>;
}

/**
 * Streams stored bytes, honouring a single-range `Range: bytes=…` request
 * (206). Several ranges or a malformed header get the whole content (200), as
 * RFC 9110 allows; a range outside the content is 416.
 */
export async function bytesResult(b: Bytes, rangeHeader: string | undefined): Promise<{ status: 200 | 206; stream: Readable; headers: Record<string, string> }> {
  const headers = { ...b.headers, 'Accept-Ranges': 'bytes' };
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

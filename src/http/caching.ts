import crypto from 'node:crypto';
import type { Result } from './result';

/**
 * Reference data changes rarely and the portal asks for it with every message
 * it shows: let browsers and proxies keep it, and let them revalidate cheaply.
 */
export function cacheable<R extends Result>(result: R, opts: { lastModified: number; maxAge: number; etag?: string }): R {
  const etag = opts.etag ?? crypto.createHash('sha256').update(JSON.stringify(result.body)).digest('base64url');
  return {
    ...result,
    headers: {
      ...result.headers,
      'Cache-Control': `public, no-transform, proxy-revalidate, max-age=${opts.maxAge}`,
      ETag: `"${etag}"`,
      'Last-Modified': new Date(opts.lastModified).toUTCString(),
    },
  };
}

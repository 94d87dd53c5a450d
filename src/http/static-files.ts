import crypto from 'node:crypto';
import type Router from '@koa/router';
import { ApiError } from './errors';
import { notModified } from './preconditions';
import type { AppContext, AppMiddleware, RequestState } from './state';

/** A file served as it is: its bytes, media type and validator, computed once. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

export function asset(body: Buffer | string, type: string): Asset {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { body: bytes, type, etag: `"${crypto.createHash('sha256').update(bytes).digest('base64url')}"` };
}

/**
 * A handler for exactly this path; other paths the router matched it on go on
 * to the next route (in the end the contract's 404). The router forgives case
 * and a trailing slash; a page's relative links do not.
 */
export function onlyAt(route: string, handler: (ctx: AppContext) => void): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.path === route) handler(ctx);
    else await next();
  };
}

/**
 * Serves one asset at exactly one path (GET and HEAD; other methods 405); a
 * function gives the asset for the request. The pages are a handful of files
 * known at start-up, held in memory: a directory server (koa-static) would
 * also serve whatever else lies in the folder, such as swagger-ui-dist's demo
 * index.html, and could not fill in the page's settings. Names are not
 * content-hashed, so browsers revalidate (`no-cache`) by ETag.
 */
export function serveAsset(router: Router<RequestState>, route: string, source: Asset | ((ctx: AppContext) => Asset), headers: Record<string, string> = {}): void {
  router.all(
    route,
    onlyAt(route, (ctx) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        throw new ApiError('METHOD_NOT_ALLOWED', 'Method not allowed on this resource', { Allow: 'GET, HEAD' });
      }
      const file = typeof source === 'function' ? source(ctx) : source;
      ctx.set(headers);
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('ETag', file.etag);
      ctx.type = file.type;
      if (notModified(ctx.headers, { ETag: file.etag })) ctx.status = 304;
      else ctx.body = file.body;
    }),
  );
}

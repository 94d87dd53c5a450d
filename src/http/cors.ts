import cors from '@koa/cors';
import type { AppMiddleware } from './state';

/** Request headers a portal page may send: the contract's, and those of byte ranges and revalidation. */
const ALLOW_HEADERS = ['Content-Type', 'Authorization', 'Accept', 'Accept-Language', 'If-None-Match', 'If-Modified-Since', 'Range', 'If-Range', 'X-Request-Id'];

/**
 * Response headers a portal page may read. Without this list a browser shows
 * a script only the CORS-safelisted ones; the profile asks for Location, and
 * a page needs the others to revalidate (ETag), name a download
 * (Content-Disposition), resume one (Content-Range, Accept-Ranges), react to
 * an expired token (WWW-Authenticate) or to a 503 (Retry-After).
 */
const EXPOSE_HEADERS = ['Location', 'ETag', 'Content-Disposition', 'Content-Range', 'Accept-Ranges', 'WWW-Authenticate', 'Retry-After', 'X-Request-Id'];

export interface CorsOptions {
  origins: string[];
  maxAgeSeconds: number;
}

/**
 * CORS for the listed origins (README, "Configuration"). A preflight from any
 * other origin is answered 204 without CORS headers, so the browser refuses
 * the call: the contract has no OPTIONS operations, and a 405 with an error
 * log for every foreign page's preflight would say something is wrong here.
 * Preflights asking for private-network access (a public portal page calling
 * a provider on the user's machine, Chrome's rule) are granted to the listed
 * origins.
 */
export function corsPolicy(options: CorsOptions): AppMiddleware {
  const allowed = new Set(options.origins);
  const withCors = cors({
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: options.maxAgeSeconds,
    privateNetworkAccess: true,
  });
  return async (ctx, next) => {
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') && !allowed.has(ctx.get('Origin'))) {
      ctx.vary('Origin');
      ctx.status = 204;
      return;
    }
    await withCors(ctx, next);
  };
}

import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../log';
import { ApiError } from './errors';

/**
 * The one place that decides what a failure looks like: a contract
 * StatusMessage whose id is also in the request's log line. Unknown errors are
 * logged in full and answered with a generic 500.
 */
export function errorMiddleware(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    let errorId: string | undefined;
    try {
      await next();
    } catch (err) {
      errorId = crypto.randomUUID();
      const known = err instanceof ApiError ? err : fromKoa(err);
      if (!known) log.error({ errorId, err }, 'unhandled error');
      const shown = known ?? new ApiError(500, 'INTERNAL_ERROR', 'An unexpected error occurred; quote the id when reporting it');
      ctx.status = shown.status;
      ctx.set(shown.headers);
      ctx.body = { id: errorId, code: shown.code, message: shown.message };
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, errorId }, 'request');
    }
  };
}

const koaCodes: Record<number, string> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * Errors raised by Koa and its body parser (malformed JSON, body too large)
 * carry a 4xx status; their message is shown only when marked safe to expose.
 */
function fromKoa(err: unknown): ApiError | undefined {
  const e = err as { status?: number; expose?: boolean; message?: string };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  const message = e.expose && e.message ? e.message : 'The request body could not be read (malformed or too large)';
  return new ApiError(e.status, koaCodes[e.status] ?? 'INVALID_REQUEST', message);
}

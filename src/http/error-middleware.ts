import crypto from 'node:crypto';
import type { Logger } from '../log';
import { ApiError, internalError } from './errors';
import type { AppMiddleware } from './state';

/**
 * The one place that decides what a failure looks like: a contract
 * StatusMessage whose id is also in the request's log line. Unknown errors are
 * logged in full and answered with a generic 500.
 */
export function errorMiddleware(log: Logger): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const errorId = crypto.randomUUID();
      ctx.state.errorId = errorId;
      const known = err instanceof ApiError ? err : fromKoa(err);
      if (!known) log.error({ errorId, err }, 'unhandled error');
      const shown = known ?? internalError();
      ctx.status = shown.status;
      ctx.set(shown.headers);
      ctx.body = { id: errorId, code: shown.code, message: shown.message };
    }
  };
}

/**
 * Errors raised by Koa and its body parser (malformed JSON, body too large)
 * carry a 4xx status; their message is shown only when marked safe to expose.
 */
function fromKoa(err: unknown): ApiError | undefined {
  const e = err as { status?: number; expose?: boolean; message?: string };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  const message = e.expose && e.message ? e.message : 'The request body could not be read (malformed or too large)';
  if (e.status === 413) return new ApiError('PAYLOAD_TOO_LARGE', message);
  if (e.status === 415) return new ApiError('UNSUPPORTED_MEDIA_TYPE', message);
  return new ApiError('INVALID_REQUEST', message);
}

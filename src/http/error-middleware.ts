import crypto from 'node:crypto';
import { isStoreUnavailable } from '../db/errors';
import { safeError, type Logger } from '../log';
import { ApiError, internalError, storeUnavailable } from './errors';
import type { AppContext, AppMiddleware } from './state';

/**
 * The one place that decides what a failure looks like: a contract
 * StatusMessage whose id is also in the request's log line. Unknown errors are
 * logged (without SQL values) and answered with a generic 500.
 */
export const errorMiddleware = (log: Logger): AppMiddleware => renderingFailures(log, 'request failed');

/**
 * The last line of defence, outermost: a failure in a middleware outside the
 * error middleware (the audit trail's) still answers a StatusMessage in JSON,
 * never Koa's plain-text 500.
 */
export const safetyNet = (log: Logger): AppMiddleware => renderingFailures(log, 'failure outside the error middleware');

function renderingFailures(log: Logger, where: string): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const errorId = crypto.randomUUID();
      ctx.state.errorId = errorId;
      const shown = toApiError(err);
      if (shown.status >= 500) log.error({ errorId, code: shown.code, err: safeError(err) }, where);
      render(ctx, errorId, shown);
    }
  };
}

function render(ctx: AppContext, errorId: string, shown: ApiError): void {
  if (ctx.headerSent) return;
  // Headers of the answer that was being prepared (ETag, Content-Disposition…) do not describe this one; CORS ones and the request id do.
  for (const name of Object.keys(ctx.response.headers)) {
    if (!name.startsWith('access-control-') && name !== 'vary' && name !== 'x-request-id') ctx.remove(name);
  }
  ctx.status = shown.status;
  ctx.set(shown.headers);
  ctx.body = { id: errorId, code: shown.code, message: shown.message };
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isStoreUnavailable(err)) return storeUnavailable();
  return fromKoa(err) ?? internalError();
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

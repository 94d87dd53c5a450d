import type { Logger } from '../log';
import type { AppMiddleware } from './state';

/** One log line per request: method, path (never the query, which may hold searched text), status, duration. */
export function accessLog(log: Logger): AppMiddleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, errorId: ctx.state.errorId }, 'request');
    }
  };
}

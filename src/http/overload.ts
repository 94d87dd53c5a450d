import { overloaded } from './errors';
import type { AppMiddleware } from './state';

/**
 * Sheds load instead of queueing: past `maxInFlight` requests being served at
 * once, a new one is answered 503 with Retry-After at once, so a client sees
 * a quick refusal rather than a reply tens of seconds late.
 */
export function loadShedding(maxInFlight: number): AppMiddleware {
  let inFlight = 0;
  return async (_ctx, next) => {
    if (inFlight >= maxInFlight) throw overloaded();
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}

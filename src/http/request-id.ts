import { randomUUID } from 'node:crypto';
import { inRequest } from '../log';
import type { AppMiddleware } from './state';

/**
 * An id a proxy or client chose is kept when it is a plain token of at most
 * 128 characters. One holding ten digits in a row is replaced: it could be a
 * CBE or national number, which must never reach the logs.
 */
const WELL_FORMED = /^[A-Za-z0-9._:/+=@-]{1,128}$/;
const NUMBER_LIKE = /\d{10}/;

/**
 * Gives each request an id: the incoming X-Request-Id when well formed,
 * otherwise a new UUID. It is echoed as X-Request-Id and carried by every log
 * line of the request, so that a support request quoting it finds them all.
 */
export function requestIds(): AppMiddleware {
  return (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = WELL_FORMED.test(incoming) && !NUMBER_LIKE.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    return inRequest(requestId, next);
  };
}

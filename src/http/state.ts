import type Koa from 'koa';
import type { AuditContext } from '../audit/context';

/** What the middlewares of one request share through `ctx.state`. */
export interface RequestState {
  audit: AuditContext;
  /** The contract operation the request was routed to, once known (metrics label it by this). */
  operationId?: string;
  /** The request's id (X-Request-Id), in every log line of the request. */
  requestId: string;
  /** Set by the error middleware when the answer is an error: the StatusMessage id, also logged. */
  errorId?: string;
}

export type AppContext = Koa.ParameterizedContext<RequestState>;
export type AppMiddleware = Koa.Middleware<RequestState>;

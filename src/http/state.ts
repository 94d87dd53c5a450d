import type Koa from 'koa';
import type { AuditContext } from '../audit/context';

/** What the middlewares of one request share through `ctx.state`. */
export interface RequestState {
  audit: AuditContext;
  /** Set by the error middleware when the answer is an error: the StatusMessage id, also logged. */
  errorId?: string;
}

export type AppContext = Koa.ParameterizedContext<RequestState>;
export type AppMiddleware = Koa.Middleware<RequestState>;

import Router from '@koa/router';
import Koa from 'koa';
import type { AuditTrail } from './audit/trail';
import type { Authenticator } from './auth/identity';
import type { Config } from './config';
import { loadContract } from './contract/api';
import type { Db } from './db/types';
import { handlers } from './handlers';
import { accessLog } from './http/access-log';
import { corsPolicy } from './http/cors';
import { mountDocs } from './http/docs';
import { errorMiddleware, safetyNet } from './http/error-middleware';
import { Metrics, METRICS_PATH } from './http/metrics';
import { loadShedding } from './http/overload';
import { mountPortal } from './http/portal';
import { mountProbes, PROBE_PATHS, untilStarted, type Readiness } from './http/probes';
import { requestIds } from './http/request-id';
import type { RequestState } from './http/state';
import type { Logger } from './log';
import { contractPipeline } from './pipeline';
import type { Services } from './services';

export interface AppDeps {
  config: Config;
  db: Db;
  services: Services;
  authenticator: Authenticator;
  audit: AuditTrail;
  log: Logger;
  readiness: Readiness;
}

/**
 * The Koa application: request ids, the access log, a last-resort JSON 500, load shedding,
 * a 503 for everything but the probes until the migrations are done, the audit trail (outside the error rendering, so it sees the final status of
 * failed calls too), one error shape for every failure, CORS, then the routes:
 * the probes (/health, /ready), /metrics, the portal view, the API docs and the contract.
 */
export async function createApp(deps: AppDeps): Promise<Koa<RequestState>> {
  const { config, db, log } = deps;
  const { api, document } = await loadContract(config.basePath);
  // The handler map is complete by its type; this catches a spec/ changed without `make generate`.
  const missing = api.getOperations().filter((op) => !(op.operationId && op.operationId in handlers));
  if (missing.length > 0) throw new Error(`no handler for operation(s) ${missing.map((op) => op.operationId ?? op.path).join(', ')}`);

  const router = new Router<RequestState>();
  mountProbes(router, { db, readiness: deps.readiness, audit: deps.audit });
  const metrics = config.metrics ? new Metrics(db) : undefined;
  if (metrics) {
    metrics.mount(router);
    deps.audit.onBatchWritten(metrics.observeAuditBatch);
  }
  mountPortal(router, config, log);
  mountDocs(router, config, document);
  router.all('/{*rest}', contractPipeline({ ...deps, api, document, handlers }));

  const app = new Koa<RequestState>();
  // Behind a TLS proxy the links must name the proxy's scheme and host; trusted only when said so, since any client can send X-Forwarded-*.
  app.proxy = config.trustProxy;
  app.use(requestIds());
  if (metrics) app.use(metrics.middleware());
  app.use(accessLog(log));
  app.use(safetyNet(log));
  app.use(loadShedding(config.maxInFlight));
  app.use(untilStarted(deps.readiness, [...PROBE_PATHS, METRICS_PATH]));
  app.use(deps.audit.middleware());
  app.use(errorMiddleware(log));
  app.use(corsPolicy({ origins: config.corsOrigins, maxAgeSeconds: config.corsMaxAge }));
  app.use(router.routes());
  return app;
}

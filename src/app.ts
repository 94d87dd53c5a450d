import Router from '@koa/router';
import cors from '@koa/cors';
import Koa from 'koa';
import type { AuditTrail } from './audit/trail';
import type { Authenticator } from './auth/identity';
import type { Config } from './config';
import { loadContract } from './contract/api';
import type { Db } from './db/types';
import { handlers } from './handlers';
import { accessLog } from './http/access-log';
import { mountDocs } from './http/docs';
import { errorMiddleware, safetyNet } from './http/error-middleware';
import { loadShedding } from './http/overload';
import { mountPortal } from './http/portal';
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
}

/**
 * The Koa application: the access log, a last-resort JSON 500, load shedding,
 * the audit trail (outside the error rendering, so it sees the final status of
 * failed calls too), one error shape for every failure, CORS, then the routes:
 * /health, the portal view, the API docs and the contract.
 */
export async function createApp(deps: AppDeps): Promise<Koa<RequestState>> {
  const { config, db, log } = deps;
  const { api, document } = await loadContract(config.basePath);
  // The handler map is complete by its type; this catches a spec/ changed without `make generate`.
  const missing = api.getOperations().filter((op) => !(op.operationId && op.operationId in handlers));
  if (missing.length > 0) throw new Error(`no handler for operation(s) ${missing.map((op) => op.operationId ?? op.path).join(', ')}`);

  const router = new Router<RequestState>();
  router.get('/health', async (ctx) => {
    await db.raw('select 1');
    ctx.body = { status: 'ok' };
  });
  mountPortal(router, config, log);
  mountDocs(router, config, document);
  router.all('/{*rest}', contractPipeline({ ...deps, api, document, handlers }));

  const app = new Koa<RequestState>();
  app.use(accessLog(log));
  app.use(safetyNet(log));
  app.use(loadShedding(config.maxInFlight));
  app.use(deps.audit.middleware());
  app.use(errorMiddleware(log));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      allowHeaders: ['Content-Type', 'Authorization', 'Accept', 'Accept-Language', 'If-None-Match', 'If-Modified-Since', 'Location'],
      exposeHeaders: ['Location'],
    }),
  );
  app.use(router.routes());
  return app;
}

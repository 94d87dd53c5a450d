import Router from '@koa/router';
import cors from '@koa/cors';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Request } from 'openapi-backend';
import type { Authenticator, Identity } from './auth/identity';
import type { AuditContext, AuditTrail } from './audit/trail';
import { bearerToken } from './auth/bearer';
import { missingScope, scopeAlternatives } from './auth/scopes';
import type { Config } from './config';
import { declaredQuery, loadContract, responseSchema } from './contract/api';
import { JsonBodyValidator } from './contract/json-bodies';
import { completeTranslations } from './contract/translations';
import type { Db } from './db/types';
import { handlers } from './handlers';
import { ApiError, badRequest, forbidden } from './http/errors';
import { errorMiddleware } from './http/error-middleware';
import { paramsOf } from './http/params';
import type { Result } from './http/result';
import type { Logger } from './log';
import type { Services } from './services';

export interface AppDeps {
  config: Config;
  db: Db;
  services: Services;
  authenticator: Authenticator;
  audit: AuditTrail;
  log: Logger;
}

const SECURITY_SCHEME = 'eboxOAuth2';

/** Wires the contract to Koa: routing → security → validation → handler, one error shape for all. */
export async function createApp(deps: AppDeps): Promise<Koa> {
  const { config, db, services, authenticator, audit, log } = deps;
  const { api, document } = await loadContract(config.basePath);
  const jsonBodies = new JsonBodyValidator();

  const missing = api.getOperations().filter((op) => !handlers[op.operationId!]).map((op) => op.operationId);
  if (missing.length > 0) throw new Error(`no handler for operation(s) ${missing.join(', ')}`);

  api.registerSecurityHandler(SECURITY_SCHEME, (c: Context) =>
    authenticator.authenticate(bearerToken(c.request.headers.authorization as string | undefined)),
  );
  api.register({
    notFound: () => {
      throw new ApiError(404, 'NOT_FOUND', 'No such resource');
    },
    methodNotAllowed: () => {
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed on this resource');
    },
    unauthorizedHandler: (c: Context) => {
      throw (c.security[SECURITY_SCHEME] as { error: unknown }).error;
    },
    postSecurityHandler: (c: Context, ctx: Koa.Context) => {
      if (!c.security.authorized) return;
      const identity = c.security[SECURITY_SCHEME] as Identity;
      Object.assign(ctx.state.audit as AuditContext, { identity, operationId: c.operation.operationId });
      const scope = missingScope(identity, scopeAlternatives(c.operation));
      if (scope) throw forbidden(scope);
      assertMediaType(c, ctx);
    },
    preOperationHandler: (c: Context, ctx: Koa.Context) => {
      const problem = jsonBodies.check(c.operation, ctx.request.type, c.request.requestBody);
      if (problem) throw badRequest(problem);
    },
    validationFail: (c: Context) => {
      const first = c.validation.errors?.[0];
      const where = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request';
      throw badRequest(`${where} ${first?.message ?? 'is invalid'}`);
    },
  });
  for (const [operationId, handler] of Object.entries(handlers)) {
    api.register(operationId, async (c: Context, ctx: Koa.Context): Promise<Result> => {
      const trail = ctx.state.audit as AuditContext;
      trail.params = paramsOf(c);
      const result = await handler({
        params: trail.params,
        body: c.request.requestBody,
        recordWrite: (trx) => audit.recordWithin(trx, trail, ctx.method, ctx.originalUrl, c.request.requestBody),
        identity: c.security[SECURITY_SCHEME] as Identity,
        services,
        config,
        headers: ctx.headers as Record<string, string | undefined>,
        baseUrl: config.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}${config.basePath}`,
      });
      trail.result = result;
      if (result.body === undefined) return result;
      return { ...result, body: completeTranslations(result.body, responseSchema(document, c.operation, result.status), document) };
    });
  }

  const router = new Router();
  router.get('/health', async (ctx) => {
    await db.raw('select 1');
    ctx.body = { status: 'ok' };
  });
  router.all('/{*rest}', async (ctx) => {
    const request: Request = {
      method: ctx.method,
      path: ctx.path,
      headers: ctx.headers as Record<string, string>,
      query: ctx.query as Record<string, string | string[]>,
      body: ctx.request.body,
    };
    // The consultation profile allows 400 only for wrong criteria: parameters the
    // contract does not declare are dropped, not rejected.
    const operation = api.matchOperation(request);
    if (operation) {
      const known = declaredQuery(operation);
      request.query = Object.fromEntries(Object.entries(request.query as object).filter(([name]) => known.has(name)));
    }
    write(ctx, (await api.handleRequest(request, ctx)) as Result);
  });

  const app = new Koa();
  // Outermost, so that it sees the final status of failed calls too.
  app.use(audit.middleware());
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
  app.use(bodyParser({ enableTypes: ['json'], extendTypes: { json: ['application/json', 'application/merge-patch+json'] }, jsonLimit: '1mb' }));
  app.use(router.routes());
  return app;
}

/** A body in a media type the operation does not declare is refused before it is validated. */
function assertMediaType(c: Context, ctx: Koa.Context): void {
  const declared = Object.keys((c.operation.requestBody as { content?: object } | undefined)?.content ?? {});
  if (declared.length > 0 && ctx.request.is(declared) === false) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `The request body must be ${declared.join(' or ')}`);
  }
}

function write(ctx: Koa.Context, result: Result): void {
  ctx.status = result.status;
  ctx.set(result.headers ?? {});
  // Conditional GET (If-None-Match / If-Modified-Since) against the validators just set.
  if (result.status === 200 && ctx.fresh) {
    result.stream?.destroy();
    ctx.status = 304;
    return;
  }
  if (result.stream) ctx.body = result.stream;
  else if (result.body !== undefined) ctx.body = result.body;
  else {
    // A declared status without content: Koa would otherwise write the reason phrase.
    ctx.body = '';
    ctx.remove('Content-Type');
  }
}

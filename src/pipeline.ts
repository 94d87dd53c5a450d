import { bodyParser } from '@koa/bodyparser';
import type OpenAPIBackend from 'openapi-backend';
import type { Operation, ParsedRequest, Request } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import type { Identified } from './audit/context';
import type { AuditTrail } from './audit/trail';
import { bearerToken } from './auth/bearer';
import type { Authenticator, Identity } from './auth/identity';
import { configuredScopes, missingScope, scopeAlternatives } from './auth/scopes';
import type { Config } from './config';
import { declaredQuery, responseSchema, streamsBody } from './contract/api';
import { JsonBodyValidator } from './contract/json-bodies';
import type { OperationId, ParamsOf } from './contract/operations';
import { completeTranslations } from './contract/translations';
import type { Call, Handlers } from './handlers/call';
import { badRequest, forbidden, methodNotAllowed, noRoute, unsupportedMediaType } from './http/errors';
import { jsonDepth } from './http/json-depth';
import { paramsOf } from './http/params';
import { notModified } from './http/preconditions';
import type { Result } from './http/result';
import type { AppContext, AppMiddleware } from './http/state';
import type { Services } from './services';

export interface PipelineDeps {
  api: OpenAPIBackend;
  document: OpenAPIV3.Document;
  handlers: Handlers;
  authenticator: Authenticator;
  audit: AuditTrail;
  services: Services;
  config: Config;
}

/**
 * The path of every contract request, in order. Each step is a small function
 * below; a step that refuses throws an ApiError, rendered by the error
 * middleware. The body is read only once the caller is known and allowed.
 */
export function contractPipeline(deps: PipelineDeps): AppMiddleware {
  const jsonBodies = new JsonBodyValidator();
  const readJson = bodyParser({
    enableTypes: ['json'],
    extendTypes: { json: ['application/json', 'application/merge-patch+json'] },
    jsonLimit: BODY_LIMITS.bytes,
  });

  return async (ctx) => {
    const request = requestOf(ctx); // 400 for a path that is not valid percent-encoded UTF-8
    const operation = route(deps.api, request); // 404, 405
    ctx.state.operationId = operation.operationId;
    const identity = isPublic(operation) ? ANONYMOUS : await deps.authenticator.authenticate(bearerToken(authorizationOf(ctx))); // 400, 401
    const trail = Object.assign(ctx.state.audit, { identity, operationId: operation.operationId as OperationId });
    authorize(identity, operation, deps.config); // 403
    checkMediaType(ctx, operation); // 415
    const streamed = streamsBody(operation); // multipart: the handler reads it, part by part, from here on
    if (!streamed) request.body = await readBody(ctx, readJson); // 400 (malformed, too large, too deep)
    const parsed = validate(deps.api, jsonBodies, operation, request, ctx.request.type, streamed); // 400
    const result = await handle(deps, ctx, trail, operation, parsed);
    write(ctx, complete(deps.document, operation, result));
  };
}

/** The request as openapi-backend reads it; Koa's getters do not survive its copying, hence the plain object. */
function requestOf(ctx: AppContext): Request {
  try {
    decodeURIComponent(ctx.path);
  } catch {
    throw badRequest('The request path is not valid percent-encoded UTF-8');
  }
  return { method: ctx.method, path: ctx.path, headers: ctx.headers as Request['headers'], query: ctx.query as Request['query'] };
}

/**
 * The operation the request is for. The consultation profile allows 400 only
 * for wrong criteria: query parameters the contract does not declare are
 * dropped here, not rejected.
 */
function route(api: OpenAPIBackend, request: Request): Operation {
  let operation: Operation | undefined;
  try {
    operation = api.router.matchOperation(request, true);
  } catch (err) {
    throw err instanceof Error && err.message.startsWith('405') ? methodNotAllowed() : noRoute();
  }
  if (!operation) throw noRoute();
  const known = declaredQuery(operation);
  request.query = Object.fromEntries(Object.entries(request.query as object).filter(([name]) => known.has(name)));
  return operation;
}

/** An operation whose `security` is an empty list needs no token (GET /certification/version). */
const isPublic = (operation: Operation): boolean => Array.isArray(operation.security) && operation.security.length === 0;

/** The caller of a public operation: no e-Box, no scope; such operations are not audited. */
const ANONYMOUS: Identity = { eboxId: '', scopes: new Set(), clientId: 'anonymous', tokenHash: '' };

/** The token must grant one of the scope alternatives the operation's `security` lists (with the configured certification scope). */
function authorize(identity: Identity, operation: Operation, config: Config): void {
  const scope = missingScope(identity, configuredScopes(scopeAlternatives(operation), config.certification.scope));
  if (scope) throw forbidden(scope);
}

/** A body in a media type the operation does not declare is refused before it is read. */
function checkMediaType(ctx: AppContext, operation: Operation): void {
  const declared = Object.keys((operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {});
  if (declared.length > 0 && ctx.request.is(declared) === false) throw unsupportedMediaType(declared);
}

/**
 * Bounds on a JSON request body (the contract's only one is PATCH
 * /ebox/messages): its size, and its nesting, which the contract's schema
 * keeps to four levels.
 */
export const BODY_LIMITS = { bytes: '256kb', depth: 16 };

async function readBody(ctx: AppContext, readJson: ReturnType<typeof bodyParser>): Promise<unknown> {
  try {
    await readJson(ctx, async () => {});
  } catch (err) {
    // zlib's errors (a body that is not what its Content-Encoding says) carry no HTTP status.
    if (typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('Z_')) {
      throw badRequest('The request body could not be decoded as its Content-Encoding says');
    }
    throw err;
  }
  const body: unknown = ctx.request.body;
  if (jsonDepth(body, BODY_LIMITS.depth) > BODY_LIMITS.depth) throw badRequest(`The request body is nested deeper than ${BODY_LIMITS.depth} levels`);
  return body;
}

/** The Authorization header; several of them are ambiguous (Node would keep the first silently). */
function authorizationOf(ctx: AppContext): string | undefined {
  const count = ctx.req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'authorization').length;
  if (count > 1) throw badRequest('Send one Authorization header, not several');
  return ctx.get('Authorization') || undefined;
}

/**
 * Parameters and body against the contract; parameters come out converted to
 * their declared types. A streamed body is not here to validate: its handler
 * checks each part as it arrives (the one such operation, postMessage, has no
 * parameters).
 */
function validate(api: OpenAPIBackend, jsonBodies: JsonBodyValidator, operation: Operation, request: Request, mediaType: string, streamed: boolean): ParsedRequest {
  if (streamed) return api.router.parseRequest(request, operation);
  const validation = api.validateRequest(request, operation);
  const first = validation.errors?.[0];
  if (first) {
    const where = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request';
    throw badRequest(`${where} ${first.message ?? 'is invalid'}`);
  }
  const problem = jsonBodies.check(operation, mediaType, request.body);
  if (problem) throw badRequest(problem);
  return api.router.parseRequest(request, operation);
}

async function handle(deps: PipelineDeps, ctx: AppContext, trail: Identified, operation: Operation, parsed: ParsedRequest): Promise<Result> {
  trail.params = paramsOf(operation, parsed);
  const call: Call<OperationId> = {
    // Validated against the contract these types are generated from.
    params: trail.params as ParamsOf<OperationId>,
    body: parsed.requestBody as never,
    identity: trail.identity,
    recordWrite: (trx, written) =>
      deps.audit.recordWithin(trx, trail, ctx.method, ctx.originalUrl, written ? written.details : parsed.requestBody, written?.status),
    stream: ctx.req,
    noteBody: (body) => (trail.body = body),
    services: deps.services,
    config: deps.config,
    headers: ctx.headers,
    baseUrl: deps.config.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}${deps.config.basePath}`,
  };
  // One handler per operation id, typed per operation; here, any of them.
  const handler = deps.handlers[trail.operationId] as (call: Call<OperationId>) => Promise<Result>;
  trail.result = await handler(call);
  return trail.result;
}

/** Every TranslatedString of the body completed in nl, fr and de, as the contract's response schema locates them. */
function complete(document: OpenAPIV3.Document, operation: Operation, result: Result): Result {
  if (result.body === undefined) return result;
  return { ...result, body: completeTranslations(result.body, responseSchema(document, operation, result.status), document) };
}

function write(ctx: AppContext, result: Result): void {
  ctx.status = result.status;
  ctx.set(result.headers ?? {});
  // Conditional GET (If-None-Match / If-Modified-Since) against the validators just set, before any Range.
  if ((result.status === 200 || result.status === 206) && (ctx.method === 'GET' || ctx.method === 'HEAD') && notModified(ctx.headers, ctx.response.headers as Record<string, string>)) {
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

import addFormats from 'ajv-formats';
import OpenAPIBackend, { type Context, type Operation } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { specPath } from './spec-path';

/**
 * The contract, loaded and validated at start-up (strict: a broken spec stops
 * the server). Requests are routed and validated by openapi-backend; formats
 * (date, date-time, int32…) are checked with ajv-formats.
 */
export async function loadContract(basePath: string): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: specPath,
    apiRoot: basePath || '/',
    strict: true,
    validate: true,
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  return api;
}

/** Query parameter names the matched operation declares. */
export function declaredQuery(operation: Operation): Set<string> {
  return new Set(
    ((operation.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'query').map((p) => p.name),
  );
}

/** The JSON schema of a response, as written in the contract (with its $refs). */
export function responseSchema(api: OpenAPIBackend, c: Context, status: number) {
  const raw = (api.definition as OpenAPIV3.Document).paths[c.operation.path]?.[c.operation.method as OpenAPIV3.HttpMethods];
  const response = raw?.responses?.[String(status)] as OpenAPIV3.ResponseObject | undefined;
  return response?.content?.['application/json']?.schema;
}

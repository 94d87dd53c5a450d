import fs from 'node:fs';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import OpenAPIBackend, { type Operation } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { precompileRouting } from './routing';
import { specPath } from './spec-path';

/**
 * The contract, loaded and validated at start-up (strict: a broken spec stops
 * the server). Requests are routed and validated by openapi-backend; formats
 * (date, date-time, int32…) are checked with ajv-formats.
 */
export async function loadContract(basePath: string): Promise<{ api: OpenAPIBackend; document: OpenAPIV3.Document }> {
  // openapi-backend dereferences its copy; the walk over TranslatedStrings needs the $refs.
  const document = yaml.load(fs.readFileSync(specPath, 'utf8')) as OpenAPIV3.Document;
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
  precompileRouting(api);
  return { api, document };
}

/** Query parameter names the matched operation declares. */
export function declaredQuery(operation: Operation): Set<string> {
  return new Set(
    ((operation.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'query').map((p) => p.name),
  );
}

/** The JSON schema of a response, as written in the contract (with its $refs). */
export function responseSchema(document: OpenAPIV3.Document, operation: Operation, status: number) {
  const raw = document.paths[operation.path]?.[operation.method as OpenAPIV3.HttpMethods];
  const response = raw?.responses?.[String(status)] as OpenAPIV3.ResponseObject | undefined;
  return response?.content?.['application/json']?.schema;
}

/**
 * Whether the operation's body streams to its handler unread: a
 * multipart/form-data body carries files of any size, which must not be
 * parsed into memory (nor validated whole) by the pipeline.
 */
export function streamsBody(operation: Operation): boolean {
  const content = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
  return 'multipart/form-data' in content;
}

import type { Operation, ParsedRequest } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { badRequest } from './errors';

export type Params = Record<string, string | number | boolean | undefined>;

/**
 * The operation's path and query parameters, typed as the contract declares
 * them and with the contract's defaults. openapi-backend has validated them
 * already; it still hands integers and booleans over as strings, so they are
 * converted here, once for every handler. The canonical spellings are required
 * (`1`, not `1e0` or ` 1`), which ajv's lenient coercion would let through.
 */
export function paramsOf(operation: Operation, request: ParsedRequest): Params {
  const params: Params = {};
  for (const p of (operation.parameters ?? []) as OpenAPIV3.ParameterObject[]) {
    if (p.in !== 'query' && p.in !== 'path') continue;
    const raw = p.in === 'path' ? request.params[p.name] : request.query[p.name];
    const schema = (p.schema ?? {}) as OpenAPIV3.SchemaObject;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) {
      params[p.name] = schema.default as Params[string];
      continue;
    }
    params[p.name] = convert(p.name, String(value), schema);
  }
  return params;
}

function convert(name: string, value: string, schema: OpenAPIV3.SchemaObject): string | number | boolean {
  switch (schema.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) throw badRequest(`query parameter ${name} must be an integer`);
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw badRequest(`query parameter ${name} must be true or false`);
      return value === 'true';
    default:
      return value;
  }
}

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Operation } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';

/**
 * openapi-backend validates request bodies declared as application/json (or
 * forms) only; the contract's PATCH takes application/merge-patch+json. Bodies
 * of such `+json` media types are validated here, against the same schema.
 */
export class JsonBodyValidator {
  private readonly ajv = addFormats(new Ajv({ strict: false }));
  private readonly compiled = new Map<string, ValidateFunction>();

  /** A message naming the first problem, or undefined when the body conforms (or is not a `+json` body). */
  check(operation: Operation, mediaType: string, body: unknown): string | undefined {
    if (!mediaType.endsWith('+json')) return undefined;
    const schema = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content?.[mediaType]?.schema;
    if (!schema) return undefined;
    const key = `${operation.operationId} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- Ajv sets errors whenever validate() returns false
    const first = validate.errors![0];
    return `requestBody${first.instancePath.replace(/\//g, '.')} ${first.message ?? 'is invalid'}`;
  }
}

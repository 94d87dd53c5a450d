import type { OpenAPIV3 } from 'openapi-types';
import { isPlainObject } from '../domain/plain-object';
import { completeTranslatedString } from '../domain/translated-string';

type Schema = OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject;

const TRANSLATED_STRING = '#/components/schemas/TranslatedString';

/**
 * Completes, in place, every TranslatedString found in a response body, by
 * following the response schema of the contract. Doing it here, on the way out,
 * covers every endpoint once, whatever the service built.
 */
export function completeTranslations(value: unknown, schema: Schema | undefined, doc: OpenAPIV3.Document): unknown {
  if (schema === undefined || value === null || value === undefined) return value;
  if ('$ref' in schema) {
    if (schema.$ref === TRANSLATED_STRING) return isPlainObject(value) ? completeTranslatedString(value) : value;
    return completeTranslations(value, resolve(schema.$ref, doc), doc);
  }
  for (const part of schema.allOf ?? []) completeTranslations(value, part, doc);
  if (Array.isArray(value) && schema.type === 'array') {
    return value.map((item) => completeTranslations(item, schema.items, doc));
  }
  if (isPlainObject(value) && schema.properties) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name in value) value[name] = completeTranslations(value[name], property, doc);
    }
  }
  return value;
}

function resolve(ref: string, doc: OpenAPIV3.Document): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components?.schemas?.[name];
  if (!schema) throw new Error(`unresolvable schema reference ${ref}`);
  return schema;
}

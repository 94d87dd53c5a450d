// Normalization of an OpenAPI 3.0 document before comparison: everything that
// is documentation, or that two equivalent documents may spell differently, is
// removed or given one canonical form. What remains is the contract.

import { isPlainObject } from '../../src/domain/plain-object';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Top-level keys that are not part of the contract we compare. */
export const ROOT_DROPPED = new Set(['info', 'servers', 'externalDocs']);

/** Annotation keywords, dropped wherever they are keywords (not names). */
const ANNOTATIONS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  // JSON Schema `title` is an annotation with no effect on validation; a
  // rendition may add one to name an inline schema for code generators.
  'title',
]);

/**
 * Keywords whose value is a map keyed by names chosen by the author (paths,
 * property names, status codes, media types...). Inside such a map a key named
 * `description` is a name, not an annotation, so it must be kept.
 */
const NAME_MAPS = new Set([
  'paths',
  'schemas',
  'responses',
  'parameters', // components.parameters (operation parameters are arrays, see below)
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'content',
  'properties',
  'encoding',
  'mapping',
]);

/** Keywords whose value is data, compared as is (only numbers and sets canonicalized). */
const LITERALS = new Set(['enum', 'default']);

/**
 * Boolean keywords whose `false` is the default of the OpenAPI 3.0 spec:
 * writing it or leaving it out means the same thing.
 */
const FALSE_DEFAULTS = new Set([
  'required',
  'deprecated',
  'allowEmptyValue',
  'allowReserved',
  'nullable',
  'readOnly',
  'writeOnly',
  'uniqueItems',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

/** A JSON object of a document (the one plain-object check, src/domain/plain-object.ts, typed for Json). */
export function isObject(v: unknown): v is { [key: string]: Json } {
  return isPlainObject(v);
}

function isScalar(v: unknown): v is null | boolean | number | string {
  return v === null || ['boolean', 'number', 'string'].includes(typeof v);
}

/** Stable order for set-like arrays. */
function sortSet(values: Json[]): Json[] {
  const unique = new Map<string, Json>();
  for (const v of values) unique.set(JSON.stringify(v), v);
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function literal(value: Json): Json {
  // Numbers need nothing: YAML `1.0` and `1` load as the same JS number.
  if (Array.isArray(value)) {
    const items = value.map(literal);
    // `enum` lists (and any array of scalars) are sets: order carries no meaning.
    return items.every(isScalar) ? sortSet(items) : items;
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, literal(value[k])]));
  }
  return value;
}

/**
 * Operation and path-item parameters are an array, but a parameter is
 * identified by its location and name, not its position: they become
 * `parameters/<in>/<name>` so that reordering is not a difference and pointers
 * name the parameter (`/paths/~1ebox~1messages/get/parameters/query/qlang`).
 */
function keyedParameters(list: Json[]): Json {
  const out: { [key: string]: { [key: string]: Json } } = {};
  for (const raw of list) {
    if (!isObject(raw)) throw new Error('parameter is not an object');
    if (typeof raw.$ref === 'string') {
      (out.$ref ??= {})[raw.$ref] = { $ref: raw.$ref };
      continue;
    }
    const { in: location, name, ...rest } = raw;
    // The key holds `in` and `name`; the value keeps the rest.
    (out[String(location)] ??= {})[String(name)] = node(rest);
  }
  return out;
}

function node(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(node);
    // Arrays of plain strings (`required`, operation `tags`, scope lists) are sets.
    return items.every(isScalar) ? sortSet(items) : items;
  }
  if (!isObject(value)) return value;
  if (typeof value.$ref === 'string') {
    // In OpenAPI 3.0 a Reference Object's siblings "SHALL be ignored".
    return { $ref: value.$ref };
  }
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (ANNOTATIONS.has(key) || key.startsWith('x-') || key === 'servers') continue;
    if (FALSE_DEFAULTS.has(key) && v === false) continue;
    if (key === 'parameters' && Array.isArray(v)) {
      // An empty parameter list is the same as none.
      if (v.length > 0) out[key] = keyedParameters(v);
      continue;
    }
    if (key === 'scopes' && isObject(v)) {
      // OAuth2 scope values are their descriptions: keep the scope names only.
      out[key] = Object.fromEntries(Object.keys(v).sort().map((s) => [s, true]));
      continue;
    }
    if (LITERALS.has(key)) out[key] = literal(v);
    else if (NAME_MAPS.has(key) && isObject(v)) out[key] = nameMap(v);
    else out[key] = node(v);
  }
  return out;
}

function nameMap(value: { [key: string]: Json }): Json {
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, node(value[k])]));
}

/** Canonical form of an OpenAPI 3.0 document (the input is not modified). */
export function normalize(doc: unknown): Json {
  if (!isObject(doc)) throw new Error('an OpenAPI document must be an object');
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(doc).sort()) {
    if (ROOT_DROPPED.has(key) || key.startsWith('x-')) continue;
    const v = doc[key];
    if (key === 'openapi' && typeof v === 'string') {
      // 3.0.x patch releases only clarify the text: 3.0.0 and 3.0.3 are one format.
      out[key] = v.split('.').slice(0, 2).join('.');
    } else if (key === 'tags' && Array.isArray(v)) {
      // Tag objects are identified by name; their order is presentation.
      out[key] = Object.fromEntries(
        v.filter(isObject).map((t) => [String(t.name), node(t)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    } else if (key === 'components' && isObject(v)) {
      out[key] = Object.fromEntries(
        Object.keys(v).sort().map((k) => [k, isObject(v[k]) ? nameMap(v[k] as { [key: string]: Json }) : node(v[k])]),
      );
    } else if (key === 'paths' && isObject(v)) {
      out[key] = nameMap(v);
    } else {
      out[key] = node(v);
    }
  }
  return out;
}

/** True when a delta pattern points into a part of the document normalize() drops. */
export function isNormalizedAway(pattern: string): boolean {
  const first = pattern.split('/')[1];
  return first !== undefined && ROOT_DROPPED.has(first);
}

import fs from 'node:fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { specPath } from '../../contract/spec-path';
import { ImportIssue } from './issues';

type Schema = Record<string, unknown>;

const CONTRACT = 'urn:ebox:message-registry';
const IMPORT = 'urn:ebox:import';

/** The official registry refuses more attachments than this on one message. */
export const MAX_ATTACHMENTS = 6;

/** Where an import file may supply bytes, instead of the contract's computed size/digest/href. */
const contentSource: Record<string, Schema> = {
  content: { type: 'string', description: 'The bytes, base64-encoded.' },
  contentFile: { type: 'string', minLength: 1, description: 'A file next to the import file, by relative path.' },
};

/**
 * OpenAPI 3.0 schema objects are almost JSON Schema draft-07: refs point into
 * components/schemas and exclusiveMinimum/Maximum may be booleans. `nullable`
 * is understood by ajv itself; annotations (example…) are ignored (strict off).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/components\/schemas\//, '#/definitions/');
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof (node as Schema)[bound] === 'number') out[key] = (node as Schema)[bound];
    } else if (key === 'example' || key === 'discriminator' || key === 'xml' || key === 'externalDocs') {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
    if (typeof out[key] === 'number' && (node as Schema)[key] === true) delete out[bound];
  }
  return out;
}

export function loadContractSchemas(file: string = specPath): Record<string, Schema> {
  const doc = yaml.load(fs.readFileSync(file, 'utf8')) as { components?: { schemas?: Record<string, Schema> } };
  const schemas = doc?.components?.schemas;
  if (!schemas) throw new Error(`${file}: no components/schemas`);
  return toJsonSchema(schemas) as Record<string, Schema>;
}

/** A contract schema's own properties and required list, with allOf members folded in. */
function shape(schemas: Record<string, Schema>, name: string): { properties: Record<string, Schema>; required: string[] } {
  const schema = schemas[name];
  if (!schema) throw new Error(`contract has no schema ${name}`);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const visit = (s: Schema): void => {
    if (typeof s.$ref === 'string') {
      const target = s.$ref.replace(/^#\/definitions\//, '');
      visit(schemas[target] ?? {});
    }
    Object.assign(properties, (s.properties as Record<string, Schema>) ?? {});
    required.push(...((s.required as string[]) ?? []));
    for (const member of (s.allOf as Schema[]) ?? []) visit(member);
  };
  visit(schema);
  return { properties, required };
}

interface Derivation {
  /** Contract properties computed by the server: accepted in the file and ignored. */
  computed?: string[];
  /** Contract-required properties the file may leave out (defaults or derived values apply). */
  optional?: string[];
  /** Properties whose file shape differs from the contract's. */
  replace?: Record<string, Schema>;
  /** Properties that exist only in the import file. */
  extra?: Record<string, Schema>;
  extraRequired?: string[];
}

/**
 * An import item schema derived from a contract schema: every contract property
 * is reused by $ref to its definition, so the file follows the contract as it
 * evolves; unknown properties are refused so that a misspelt one is not lost.
 */
function derive(schemas: Record<string, Schema>, name: string, d: Derivation): Schema {
  const { properties, required } = shape(schemas, name);
  const computed = new Set(d.computed ?? []);
  const optional = new Set([...(d.optional ?? []), ...computed]);
  const out: Record<string, Schema> = {};
  for (const prop of Object.keys(properties)) {
    if (computed.has(prop)) out[prop] = {};
    else if (d.replace?.[prop]) out[prop] = d.replace[prop];
    else out[prop] = { $ref: `${CONTRACT}#/definitions/${name}/properties/${prop}` };
  }
  for (const [prop, schema] of Object.entries(d.replace ?? {})) out[prop] ??= schema;
  Object.assign(out, d.extra ?? {});
  return {
    type: 'object',
    properties: out,
    required: [...new Set([...required.filter((r) => !optional.has(r)), ...(d.extraRequired ?? [])])],
    additionalProperties: false,
  };
}

/** The JSON Schema of an import file, built from the contract schemas. */
export function buildImportSchema(schemas: Record<string, Schema>): Schema {
  const ref = (def: string) => ({ $ref: `#/definitions/${def}` });
  const contractRef = (def: string) => ({ $ref: `${CONTRACT}#/definitions/${def}` });
  const logos = { type: 'array', items: ref('Image') };
  return {
    $id: IMPORT,
    type: 'object',
    additionalProperties: false,
    properties: {
      senderOrganizations: { type: 'array', items: ref('SenderOrganization') },
      senderApplications: { type: 'array', items: ref('SenderApplication') },
      messageTypes: { type: 'array', items: ref('MessageType') },
      messages: { type: 'array', items: ref('Message') },
    },
    definitions: {
      Image: derive(schemas, 'Image', { computed: ['size', 'contentHref'], extra: contentSource }),
      Attachment: derive(schemas, 'Attachment', { computed: ['size', 'digest', 'contentHref'], extra: contentSource }),
      SenderOrganization: derive(schemas, 'SenderOrganization', { replace: { organizationLogos: logos } }),
      SenderApplication: derive(schemas, 'SenderApplication', { replace: { applicationLogos: logos } }),
      MessageType: derive(schemas, 'MessageType', {}),
      Message: derive(schemas, 'Message', {
        optional: ['messageId', 'readStatus', 'visible', 'registeredMail', 'bodyMainContent', 'replyAuthorized'],
        replace: {
          messageId: { type: 'string', minLength: 1 },
          attachments: { type: 'array', maxItems: MAX_ATTACHMENTS, items: ref('Attachment') },
          // Either the publication shape (an array) or the consultation shape ({items, totalItems}).
          businessDataList: {
            if: { type: 'array' },
            then: { type: 'array', items: contractRef('BusinessData') },
            else: contractRef('BusinessDataList'),
          },
          bodyContent: contractRef('TranslatedString'),
        },
        extra: { eboxId: { type: ['string', 'integer'], description: 'CBE number of the recipient e-Box.' } },
        extraRequired: ['eboxId'],
      }),
    },
  };
}

function toIssue(e: ErrorObject): ImportIssue {
  let path = e.instancePath;
  let message = e.message ?? e.keyword;
  if (e.keyword === 'required') path += '/' + String(e.params.missingProperty);
  if (e.keyword === 'additionalProperties') {
    path += '/' + String(e.params.additionalProperty);
    message = 'is not a property of this object in the contract';
  }
  if (e.keyword === 'enum') message += ': ' + (e.params.allowedValues as unknown[]).join(', ');
  return { path, rule: e.keyword, message };
}

/** The arrays of an import file (JSON document): the reference-data collections and `messages`. */
export const COLLECTIONS = ['senderOrganizations', 'senderApplications', 'messageTypes', 'messages'] as const;
export type Collection = (typeof COLLECTIONS)[number];

const DEFINITION: Record<Collection, string> = {
  senderOrganizations: 'SenderOrganization',
  senderApplications: 'SenderApplication',
  messageTypes: 'MessageType',
  messages: 'Message',
};

/**
 * Checks one item of a collection against the import schema; the issues'
 * paths are relative to the item. Items are checked one at a time, as a
 * streamed file yields them, never the file as a whole.
 */
export type ItemValidator = (collection: Collection, item: unknown) => ImportIssue[];

const validators = new Map<string, ItemValidator>();

/** Compiles (once per contract file) the validators of import file items. */
export function itemValidator(file: string = specPath): ItemValidator {
  const cached = validators.get(file);
  if (cached) return cached;
  const schemas = loadContractSchemas(file);
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: CONTRACT, definitions: schemas });
  ajv.addSchema(buildImportSchema(schemas));
  const compiled = Object.fromEntries(
    COLLECTIONS.map((c) => {
      const validate = ajv.getSchema(`${IMPORT}#/definitions/${DEFINITION[c]}`);
      if (!validate) throw new Error(`import schema has no definition ${DEFINITION[c]}`);
      return [c, validate];
    }),
  ) as Record<Collection, ValidateFunction>;
  const validator: ItemValidator = (collection, item) => {
    const validate = compiled[collection];
    if (validate(item)) return [];
    // `if` only reports that its `then`/`else` branch failed, which the branch's own errors already say.
    return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(toIssue);
  };
  validators.set(file, validator);
  return validator;
}

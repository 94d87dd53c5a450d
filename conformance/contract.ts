import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import type { Answer } from './http';
import type { Results } from './results';

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** The contract the kit ships with: spec/message-registry.yaml of the folder above the kit (the repository or the installed package). */
export function contractFile(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'spec', 'message-registry.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`spec/message-registry.yaml not found above ${__dirname}`);
    dir = parent;
  }
  return path.join(dir, 'spec', 'message-registry.yaml');
}

const AREA = 'contract';

/**
 * Answers judged by the contract, with ajv: the status must be one the
 * operation declares, a declared JSON body must be JSON and match its schema
 * (formats included: date-time, uri, uuid…).
 */
export class Contract {
  private readonly operations = new Map<string, Operation>();
  private readonly components: Record<string, Schema>;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(file = contractFile()) {
    const document = yaml.load(fs.readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, Operation & { operationId?: string }>>; components: { schemas: Record<string, Schema> } };
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) if (operation.operationId) this.operations.set(operation.operationId, operation);
    }
    this.components = document.components.schemas;
    // OpenAPI 3.0 schemas carry keywords JSON Schema does not know (nullable, example): not strict.
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: document.components }, 'contract');
  }

  /** The JSON schema of a response, its $refs pointing into the contract. */
  responseSchema(operationId: string, status: number): Schema | undefined {
    const schema = this.operations.get(operationId)?.responses[String(status)]?.content?.['application/json']?.schema;
    return schema === undefined ? undefined : rebase(schema);
  }

  /** A named schema of components/schemas, resolved one level. */
  component(name: string): Schema | undefined {
    return this.components[name];
  }

  check(operationId: string, answer: Answer, results: Results): void {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`the kit names an operation the contract lacks: ${operationId}`);
    const declared = operation.responses[String(answer.status)] ?? operation.responses.default;
    results.observe(AREA, 'Every answer has a status code the contract declares for its operation', declared !== undefined, () => ({
      request: answer.curl,
      expected: `${operationId}: one of ${Object.keys(operation.responses).join(', ')}`,
      seen: `${answer.status} ${answer.text.slice(0, 200)}`,
    }));
    const schema = declared?.content?.['application/json']?.schema;
    if (!schema || answer.status === 304) return;
    const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    results.observe(AREA, 'A JSON body is served as application/json', type === 'application/json', () => ({
      request: answer.curl,
      expected: 'Content-Type: application/json',
      seen: `Content-Type: ${type || '(none)'}`,
    }));
    let body: unknown;
    try {
      body = answer.json();
    } catch {
      results.observe(AREA, 'Every JSON body matches its schema in the contract', false, () => ({ request: answer.curl, expected: 'a JSON body', seen: answer.text.slice(0, 200) }));
      return;
    }
    const key = `${operationId} ${answer.status}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(rebase(schema))));
    const valid = validate(body) as boolean;
    results.observe(AREA, 'Every JSON body matches its schema in the contract', valid, () => ({
      request: answer.curl,
      expected: `${operationId} ${answer.status}: the contract's schema`,
      seen: (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`).join('; '),
    }));
  }
}

/** A schema of the contract with its local $refs pointing at the copy registered as "contract". */
function rebase(schema: unknown): Schema {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"contract#/')) as Schema;
}

/**
 * Every TranslatedString in a body, located by the schema (not guessed from
 * the values): the walk follows $ref, properties, items and allOf.
 */
export function translatedStrings(contract: Contract, schema: Schema | undefined, value: unknown, at = ''): { at: string; value: unknown }[] {
  if (schema === undefined || value === undefined || value === null) return [];
  const ref = schema.$ref as string | undefined;
  if (ref !== undefined) {
    const name = ref.split('/').pop() ?? '';
    if (name === 'TranslatedString') return [{ at, value }];
    return translatedStrings(contract, contract.component(name), value, at);
  }
  const found: { at: string; value: unknown }[] = [];
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) found.push(...translatedStrings(contract, part, value, at));
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => found.push(...translatedStrings(contract, schema.items as Schema, v, `${at}/${i}`)));
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, sub] of Object.entries(properties)) found.push(...translatedStrings(contract, sub, (value as Record<string, unknown>)[name], `${at}/${name}`));
  }
  return found;
}

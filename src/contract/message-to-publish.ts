import fs from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import type { MessageToPublish } from './types';
import { specPath } from './spec-path';

const CONTRACT = 'urn:ebox:message-registry';

export type MessageToPublishCheck = { ok: true; message: MessageToPublish } | { ok: false; problem: string };

/**
 * The `messageToPublish` part of POST /publishMessage is JSON text inside a
 * multipart request, which the pipeline does not read (the request streams
 * to the publication service): it is checked here against the contract's
 * MessageToPublish schema, compiled from spec/ like every other body.
 */
export function messageToPublishValidator(file: string = specPath): (value: unknown) => MessageToPublishCheck {
  const document = yaml.load(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: false }));
  // OpenAPI's own number formats say nothing JSON Schema can check.
  for (const format of ['int32', 'int64', 'float', 'double', 'binary', 'byte']) ajv.addFormat(format, true);
  ajv.addSchema({ ...document, $id: CONTRACT });
  const validate = ajv.compile({ $ref: `${CONTRACT}#/components/schemas/MessageToPublish` });
  return (value) => {
    if (validate(value)) return { ok: true, message: value as MessageToPublish };
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- Ajv sets errors whenever validate() returns false
    const first = validate.errors![0];
    const where = `messageToPublish${first.instancePath.replace(/\//g, '.')}`;
    const detail = first.keyword === 'enum' ? `${first.message}: ${(first.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : first.message;
    return { ok: false, problem: `${where} ${detail ?? 'is invalid'}` };
  };
}

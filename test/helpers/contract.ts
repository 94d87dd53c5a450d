import { expect } from 'chai';
import type OpenAPIBackend from 'openapi-backend';
import type { Operation } from 'openapi-backend';
import { loadContract } from '../../src/contract/api';

// The same loading (strict, ajv-formats) as the server's, so a response is
// judged by exactly the contract the server routes and validates with.
let contract: Promise<OpenAPIBackend> | undefined;
const load = () => (contract ??= loadContract('').then(({ api }) => api));

export interface Received {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
}

/**
 * Asserts that a response is one the contract allows: the operation declares
 * its status code and media type, and a JSON body matches the declared schema.
 * Paths outside the contract (/health, unknown URLs) are only checked for the
 * StatusMessage shape when they fail.
 */
export async function assertConforms(method: string, path: string, res: Received): Promise<void> {
  const api = await load();
  const operation = api.matchOperation({ method, path, headers: {} }) as Operation | undefined;
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!operation) {
    if (res.status >= 400) assertStatusMessage(res);
    return;
  }
  const declared = operation.responses?.[String(res.status)];
  expect(declared, `${operation.operationId} does not declare status ${res.status}`).to.exist;
  const content = (declared as { content?: Record<string, unknown> }).content;
  if (!content) {
    expect(res.bytes.length, `${operation.operationId} ${res.status} declares no body`).to.equal(0);
    return;
  }
  expect(Object.keys(content), `${operation.operationId} ${res.status} media type`).to.include(contentType);
  if (contentType === 'application/json') {
    const result = api.validateResponse(JSON.parse(res.text), operation, res.status);
    expect(result.errors ?? [], `${operation.operationId} ${res.status} body: ${JSON.stringify(result.errors)}`).to.deep.equal([]);
  }
}

function assertStatusMessage(res: Received): void {
  const body = JSON.parse(res.text);
  expect(body).to.have.keys('id', 'code', 'message');
  expect(body.id).to.match(/^[0-9a-f-]{36}$/);
}

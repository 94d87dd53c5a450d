import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { connect } from '../../src/db/connect';
import { assertConforms } from '../helpers/contract';
import { query } from '../helpers/db';
import { ORG_FULL, referenceFixture } from '../helpers/reference-fixture';
import { EBOX_A, EBOX_B, msg } from '../helpers/message-fixture';
import type { SuiteServer } from '../helpers/server';

/** The sender of these tests: a sender organization of the reference data, publishing with its own token. */
export const SENDER = ORG_FULL;
export const PUBLISHER = `dev.${SENDER}.publicationsender`;
/** Enterprise e-Boxes with valid CBE numbers (check digits included). */
export const RECIPIENT = EBOX_A;
export const OTHER_RECIPIENT = EBOX_B;
/** A third enterprise nobody published to yet. */
export const NEW_ENTERPRISE = '0403170701';
/** A sender organization of its own, to show that senders see only their own messages. */
export const OTHER_SENDER = '0354616448';
export const OTHER_PUBLISHER = `dev.${OTHER_SENDER}.publicationsender`;
export const MESSAGE_TYPE = 'type-02';
/** Restricted by the reference data to another sender organization. */
export const FOREIGN_TYPE = 'foreign-type';
export const NO_VALIDITY_TYPE = 'no-validity';
export const APP_ID = 'myminfin';
/** An application of another organization. */
export const FOREIGN_APP = 'other-app';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
export const b64url = (bytes: Buffer) => sha256(bytes).toString('base64url');

/** Reference data for publishing, plus a message in A that A may answer (a reply goes back to SENDER). */
export function publicationFixture() {
  const reference = referenceFixture();
  return {
    ...reference,
    senderOrganizations: [
      ...reference.senderOrganizations,
      // A replies as a sender organization of its own.
      { organizationId: RECIPIENT, organizationShortName: { fr: 'Entreprise A' } },
    ],
    senderApplications: [
      ...reference.senderApplications,
      { applicationId: FOREIGN_APP, applicationName: { fr: 'Autre' }, senderOrganizationIds: [OTHER_SENDER] },
    ],
    messageTypes: [
      ...reference.messageTypes,
      { messageTypeId: FOREIGN_TYPE, messageTypeName: { fr: 'Réservé' }, senderOrganizationIds: [OTHER_SENDER], validityPeriod: { validityPeriodNumber: 1, validityPeriodUnit: 'month' } },
      { messageTypeId: NO_VALIDITY_TYPE, messageTypeName: { fr: 'Sans durée' } },
    ],
    messages: [
      msg('to-answer', { replyAuthorized: true, attachments: [] , bodyContent: { fr: 'Répondez' }, bodyMainContent: true }),
      msg('no-reply', { replyAuthorized: false, bodyContent: { fr: 'Ne répondez pas' }, bodyMainContent: true }),
      msg('in-b', { eboxId: OTHER_RECIPIENT, replyAuthorized: true, bodyContent: { fr: 'B' }, bodyMainContent: true }),
    ],
  };
}

/** A messageToPublish with sensible defaults: one main PDF in upfile1. */
export function messageToPublish(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipient: { eboxType: 'enterprise', eboxIdValue: RECIPIENT },
    subject: { fr: 'Votre attestation', nl: 'Uw attest' },
    senderOrganizationId: SENDER,
    senderApplicationId: APP_ID,
    messageTypeId: MESSAGE_TYPE,
    attachments: [{ httpPartName: 'upfile1', mainContent: true, attachmentSigned: false }],
    bodyMainContent: false,
    replyAuthorized: false,
    ...over,
  };
}

export const PDF = Buffer.from('%PDF-1.4\n% publication test\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Deterministic bytes of any length, produced as they are read: a large file never sits in the test's memory. */
export function bytes(length: number, seed = 1): () => Readable {
  return () => {
    let sent = 0;
    let counter = seed;
    return new Readable({
      read() {
        if (sent >= length) {
          this.push(null);
          return;
        }
        const size = Math.min(64 * 1024, length - sent);
        const chunk = Buffer.alloc(size, counter++ % 251);
        chunk.writeUInt32BE(sent >>> 0, 0);
        sent += size;
        this.push(chunk);
      },
    });
  };
}

/** The SHA-256 of what bytes(length, seed) produces. */
export async function digestOf(source: () => Readable): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of source()) hash.update(chunk as Buffer);
  return hash.digest();
}

export interface Part {
  name: string;
  /** Sent as filename="…", the text's UTF-8 bytes as they are (what browsers and curl do). */
  filename?: string;
  /** Sent as filename*=UTF-8''… (RFC 5987). */
  filenameStar?: string;
  contentType?: string;
  /** More header lines of the part. */
  headers?: string[];
  /** The whole Content-Disposition value, for clients that write it their own way. */
  disposition?: string;
  body: Buffer | string | (() => Readable);
}

export const jsonPart = (message: unknown): Part => ({ name: 'messageToPublish', body: JSON.stringify(message) });
export const filePart = (name: string, body: Part['body'], filename = `${name}.pdf`, contentType = 'application/pdf'): Part => ({ name, filename, contentType, body });

export const BOUNDARY = 'publication-test-7f3a9c';

function partHead(part: Part, boundary: string, first: boolean): Buffer {
  const disposition =
    part.disposition ??
    [
      `form-data; name="${part.name}"`,
      ...(part.filename !== undefined ? [`filename="${part.filename}"`] : []),
      ...(part.filenameStar !== undefined ? [`filename*=UTF-8''${encodeURIComponent(part.filenameStar)}`] : []),
    ].join('; ');
  const lines = [`${first ? '' : '\r\n'}--${boundary}`, `Content-Disposition: ${disposition}`];
  if (part.contentType !== undefined) lines.push(`Content-Type: ${part.contentType}`);
  lines.push(...(part.headers ?? []));
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8');
}

/** A multipart/form-data body, streamed: file bodies given as streams are never held whole. */
export function multipartBody(parts: Part[], boundary = BOUNDARY, options: { close?: boolean } = {}): Readable {
  return Readable.from(
    (async function* () {
      for (const [i, part] of parts.entries()) {
        yield partHead(part, boundary, i === 0);
        if (typeof part.body === 'function') {
          for await (const chunk of part.body()) yield chunk as Buffer;
        } else {
          yield Buffer.isBuffer(part.body) ? part.body : Buffer.from(part.body, 'utf8');
        }
      }
      if (options.close !== false) yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
    { objectMode: false },
  );
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Bytes of the request body written when the response began: less than the whole body when a refusal came early. */
  sentWhenAnswered: number;
  sentInAll: number;
}

export interface SendOptions {
  token?: string;
  /** The request's Content-Type; multipart/form-data with the boundary by default. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Sends `Expect: 100-continue` and waits for the 100 before the body, as curl does for large bodies. */
  expectContinue?: boolean;
  boundary?: string;
  close?: boolean;
  /** Stops sending after this many body bytes and drops the connection: a client gone halfway. */
  abortAfter?: number;
}

/** POST /publishMessage over a real connection, body streamed; the answer is checked against the contract. */
export async function publish(server: SuiteServer, parts: Part[], options: SendOptions = {}): Promise<Answer> {
  return post(server, '/publishMessage', multipartBody(parts, options.boundary, { close: options.close }), {
    ...options,
    contentType: options.contentType === undefined ? `multipart/form-data; boundary=${options.boundary ?? BOUNDARY}` : options.contentType,
  });
}

export async function post(server: SuiteServer, urlPath: string, body: Readable, options: SendOptions = {}): Promise<Answer> {
  const url = new URL(server.url + urlPath);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (options.expectContinue) headers.Expect = '100-continue';
  let sent = 0;
  let sentWhenAnswered = -1;
  const answer = await new Promise<Answer | { status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers });
    const write = () => {
      body.on('data', (chunk: Buffer) => {
        if (options.abortAfter !== undefined && sent + chunk.length > options.abortAfter) {
          body.destroy();
          req.destroy();
          resolve({ status: 0, headers: {}, text: '', json: () => expect.fail('the connection was dropped: there is no answer'), sentWhenAnswered: -1, sentInAll: sent });
          return;
        }
        sent += chunk.length;
        if (!req.write(chunk)) {
          body.pause();
          req.once('drain', () => body.resume());
        }
      });
      body.on('end', () => req.end());
    };
    if (options.expectContinue) req.on('continue', write);
    else write();
    req.on('error', (err) => {
      if (options.abortAfter === undefined) reject(err);
    });
    req.on('response', (res) => {
      sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // An answer before the whole body was sent (an early refusal): stop sending and drop the connection, as curl does.
        if (!req.writableFinished) req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) });
      });
    });
  });
  if (!('bytes' in answer)) return answer;
  const text = answer.bytes.toString('utf8');
  const fetchHeaders = new Headers();
  for (const [k, v] of Object.entries(answer.headers)) if (typeof v === 'string') fetchHeaders.set(k, v);
  await assertConforms('POST', urlPath, { status: answer.status, headers: fetchHeaders, text, bytes: answer.bytes });
  return { status: answer.status, headers: answer.headers, text, json: () => JSON.parse(text), sentWhenAnswered, sentInAll: sent };
}

/** What the store holds: row counts and the files of the blob store (stored and temporary). */
export async function storeState(server: SuiteServer) {
  const count = async (table: string) => Number((await query<{ n: unknown }>(server, `select count(*) as n from ${table}`))[0].n);
  const blobsDir = server.config.storageDir;
  const files = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])) : [];
  const tmp = path.join(blobsDir, 'tmp');
  return {
    messages: await count('messages'),
    attachments: await count('attachments'),
    searchRows: await count('message_search'),
    links: await count('message_links'),
    eboxes: await count('eboxes'),
    blobs: files(blobsDir).filter((f) => !f.startsWith(tmp + path.sep)).sort(),
    // A refused upload's temporary file goes just after the answer: wait for it rather than race it.
    tmp: (await tmpEmpty(server)).map((name) => path.join(tmp, name)),
  };
}

/** Waits until the blob store has no temporary file left (a refused upload is cleaned up just after its answer). */
export async function tmpEmpty(server: SuiteServer, timeoutMs = 5000): Promise<string[]> {
  const tmp = path.join(server.config.storageDir, 'tmp');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface AuditRow {
  request_method: string;
  request_url: string;
  response_code: number;
  details: string;
  subject_token_hashed: string;
}

export async function auditRows(server: SuiteServer, urlPath: string): Promise<AuditRow[]> {
  return query<AuditRow>(server, 'select * from audit_records where request_url = ? order by id', [urlPath]);
}

export const lastAudit = async (server: SuiteServer, urlPath: string) => {
  const rows = await auditRows(server, urlPath);
  return rows[rows.length - 1];
};

/** Runs a statement on the test server's database (DDL of a fault injected by a test). */
export async function execute(server: SuiteServer, sql: string): Promise<void> {
  const db = connect(server.config.databaseUrl);
  try {
    await db.raw(sql);
  } finally {
    await db.destroy();
  }
}

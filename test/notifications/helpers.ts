import { Writable } from 'node:stream';
import type { Knex } from 'knex';
import pino from 'pino';
import type { Logger } from '../../src/log';
import { Dispatcher, type DispatcherSettings } from '../../src/notifications/dispatcher';
import { EesClient, type Credentials } from '../../src/notifications/ees-client';
import { importData, type ImportSummary } from '../../src/services/importer';
import { DAY } from '../helpers/seed';
import type { Workspace } from '../import/helpers';
import { LOAD_APP, LOAD_ORG, LOAD_TYPE, loadReferences } from '../import/large-file';
import type { StandInEes } from './stand-in-ees';

export { DAY };
export const EBOX = '0123456749';
export const OTHER_EBOX = '1000000021';
/** The tests' "now": a fixed instant, moved by hand instead of waiting. */
export const NOW = Date.parse('2026-06-01T10:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A message of the import format, received a day before NOW and expiring a year after, unread. */
export function message(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eboxId: EBOX,
    messageId: id,
    subject: { nl: `Bericht ${id}`, fr: `Message ${id}` },
    receiptDate: iso(NOW - DAY),
    expirationDate: iso(NOW + 365 * DAY),
    messageTypeId: LOAD_TYPE,
    senderOrganizationId: LOAD_ORG,
    senderApplicationId: LOAD_APP,
    attachments: [
      { attachmentId: 'main', fileName: 'main.txt', mediaType: 'text/plain', mainContent: true, content: Buffer.from(`main content of ${id}\n`).toString('base64') },
      { attachmentId: 'annex', fileName: 'annex.txt', mediaType: 'text/plain', mainContent: false, content: Buffer.from(`annex of ${id}\n`).toString('base64') },
    ],
    ...over,
  };
}

export interface ImportOptions {
  now?: number;
  events?: boolean;
  batchSize?: number;
}

/** Imports messages (with the reference data they name) through the real importer, at a chosen "now". */
export function load(ws: Workspace, messages: Record<string, unknown>[], options: ImportOptions = {}): Promise<ImportSummary> {
  return importData({ ...loadReferences(), messages }, ws.dir, {
    db: ws.db,
    blobs: ws.blobs,
    now: () => options.now ?? NOW,
    events: options.events,
    batchSize: options.batchSize,
  });
}

export interface OutboxRow {
  id: number;
  messageId: string;
  eventType: string;
  correlationId: string;
  payload: Record<string, unknown>;
  state: string;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  claimedUntil: number | null;
  lastStatus: number | null;
  lastAnswer: string | null;
}

/** The outbox rows (of some messages), oldest first. */
export async function outbox(db: Knex, messageIds?: string[]): Promise<OutboxRow[]> {
  const q = db('ees_events').orderBy('id');
  if (messageIds) q.whereIn('message_id', messageIds);
  const rows: Record<string, unknown>[] = await q;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id),
    messageId: String(r.message_id),
    eventType: String(r.event_type),
    correlationId: String(r.correlation_id),
    payload: JSON.parse(String(r.payload)),
    state: String(r.state),
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    nextAttemptAt: Number(r.next_attempt_at),
    claimedUntil: num(r.claimed_until),
    lastStatus: num(r.last_status),
    lastAnswer: r.last_answer === null ? null : String(r.last_answer),
  }));
}

/** `type` of each outbox row of a message, in order. */
export async function eventTypes(db: Knex, messageId: string): Promise<string[]> {
  return (await outbox(db, [messageId])).map((r) => r.eventType);
}

export async function scheduled(db: Knex, messageId: string): Promise<{ eventType: string; dueAt: number }[]> {
  const rows: Record<string, unknown>[] = await db('ees_schedule').where('message_id', messageId).orderBy('event_type');
  return rows.map((r) => ({ eventType: String(r.event_type), dueAt: Number(r.due_at) }));
}

/** A pino logger whose JSON lines the test reads back. */
export function capturedLog(): { log: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines, text: () => raw.join('') };
}

/** Short pauses, so that retries are seen in milliseconds. */
export const FAST: DispatcherSettings = { batchSize: 100, pollMs: 20, timeoutMs: 1_000, retryMinMs: 100, retryMaxMs: 1_000 };

/** A dispatcher of the outbox of `db` to the stand-in EES (or to its address while it is down). */
export function dispatcher(
  db: Knex,
  ees: Pick<StandInEes, 'url'>,
  options: { settings?: Partial<DispatcherSettings>; log?: Logger; clientId?: string; credentials?: Credentials; now?: () => number } = {},
): Dispatcher {
  const settings = { ...FAST, ...options.settings };
  const client = new EesClient({ url: new URL(ees.url), clientId: options.clientId, timeoutMs: settings.timeoutMs }, options.credentials);
  return new Dispatcher(db, client, options.log ?? pino({ level: 'silent' }), settings, options.now);
}

/** Rounds until nothing is left to claim now. */
export async function drain(d: Dispatcher): Promise<void> {
  for (let i = 0; i < 1000; i++) if ((await d.round()) !== 'more') return;
  throw new Error('the outbox did not drain in 1000 rounds');
}

/** Polls `condition` every 20 ms until it holds; fails after timeoutMs. */
export async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

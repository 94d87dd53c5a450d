import type { Knex } from 'knex';
import { dialectOf, type EventClaim } from '../dialects';
import { chunks, int, intOrNull, json } from '../rows';
import type { Db } from '../types';
import { toMessageRecord, type MessageRecord } from './messages';

/**
 * The outbox of events for the e-Box Event Service and the schedule of the
 * events due later (migration 20261130000000_ees_outbox). Every function takes
 * a knex instance or a transaction, so that an event is written with the
 * change that causes it.
 */

/** The contract's eventType enum (spec/event-service.yaml). */
export const EVENT_TYPES = ['newDocument', 'newDocumentReminder', 'readDocument', 'documentExpirationAlert'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** pending: waiting for delivery; delivered: the EES has it; failed: refused by the EES, parked until put back. */
export const EVENT_STATES = ['pending', 'delivered', 'failed'] as const;
export type EventState = (typeof EVENT_STATES)[number];

export interface NewEvent {
  messageId: string;
  eventType: EventType;
  correlationId: string;
  /** The event exactly as it is posted. */
  payload: Record<string, unknown>;
}

export interface OutboxEvent extends NewEvent {
  id: number;
  attempts: number;
}

/** What the EES answered to one POST: its status (null when no answer came: network error, timeout) and a short text. */
export interface EesAnswer {
  status: number | null;
  answer: string;
}

export interface ScheduledEvent {
  messageId: string;
  eventType: EventType;
  dueAt: number;
}

const toEvent = (row: Record<string, unknown>): OutboxEvent => ({
  id: int(row.id),
  messageId: String(row.message_id),
  eventType: String(row.event_type) as EventType,
  correlationId: String(row.correlation_id),
  payload: json(row.payload),
  attempts: int(row.attempts),
});

/** Queues events; one that is already queued for its message and type (in any state) is left as it is. */
export async function enqueueEvents(db: Db, events: NewEvent[], now: number): Promise<void> {
  for (const part of chunks(events, 200)) {
    await db('ees_events')
      .insert(
        part.map((e) => ({
          message_id: e.messageId,
          event_type: e.eventType,
          correlation_id: e.correlationId,
          payload: JSON.stringify(e.payload),
          state: 'pending',
          created_at: now,
          next_attempt_at: now,
          attempts: 0,
        })),
      )
      .onConflict(['message_id', 'event_type'])
      .ignore();
  }
}

/** Stored messages by id, whatever their e-Box or expiry. */
export async function messagesById(db: Db, messageIds: string[]): Promise<MessageRecord[]> {
  const out: MessageRecord[] = [];
  for (const ids of chunks(messageIds)) out.push(...(await db('messages').whereIn('message_id', ids)).map(toMessageRecord));
  return out;
}

/** Schedules events, or moves the due time of ones already scheduled. */
export async function scheduleEvents(db: Db, entries: ScheduledEvent[]): Promise<void> {
  for (const part of chunks(entries, 300)) {
    await db('ees_schedule')
      .insert(part.map((e) => ({ message_id: e.messageId, event_type: e.eventType, due_at: e.dueAt })))
      .onConflict(['message_id', 'event_type'])
      .merge(['due_at']);
  }
}

/** Forgets everything scheduled for these messages (read, or purged). */
export async function unscheduleMessages(db: Db, messageIds: string[]): Promise<void> {
  for (const ids of chunks(messageIds)) await db('ees_schedule').whereIn('message_id', ids).delete();
}

export interface DueEntry extends ScheduledEvent {
  /** The message as stored now; undefined when it is gone. */
  message: MessageRecord | undefined;
}

/**
 * Scheduled events due at `now`, earliest first, with their message. Within a
 * transaction on PostgreSQL the entries are locked and those another sweep holds
 * are skipped, so that two instances sweeping at once share the work.
 */
export async function dueEntries(db: Db, now: number, limit: number): Promise<DueEntry[]> {
  const query = db('ees_schedule')
    .leftJoin('messages', 'messages.message_id', 'ees_schedule.message_id')
    .where('ees_schedule.due_at', '<=', now)
    .orderBy([{ column: 'ees_schedule.due_at' }, { column: 'ees_schedule.message_id' }])
    .limit(limit)
    .select('messages.*', { s_message_id: 'ees_schedule.message_id', s_event_type: 'ees_schedule.event_type', s_due_at: 'ees_schedule.due_at' });
  const rows: Record<string, unknown>[] = await dialectOf(db).skipLocked(query, 'ees_schedule');
  return rows.map((row) => ({
    messageId: String(row.s_message_id),
    eventType: String(row.s_event_type) as EventType,
    dueAt: int(row.s_due_at),
    message: row.message_id === null || row.message_id === undefined ? undefined : toMessageRecord(row),
  }));
}

export async function unscheduleEntries(db: Db, entries: Pick<ScheduledEvent, 'messageId' | 'eventType'>[]): Promise<void> {
  for (const part of chunks(entries)) {
    await db('ees_schedule')
      .whereIn(
        ['message_id', 'event_type'],
        part.map((e) => [e.messageId, e.eventType]),
      )
      .delete();
  }
}

/** Whether a claim at `now` would find anything: a read, which never waits for a writer, before the claim that writes. */
export async function hasClaimableEvents(db: Db, now: number): Promise<boolean> {
  const row = await db('ees_events')
    .where('state', 'pending')
    .andWhere('next_attempt_at', '<=', now)
    .andWhere((q) => {
      q.whereNull('claimed_until').orWhere('claimed_until', '<', now);
    })
    .first('id');
  return row !== undefined;
}

/** Leases due events to one dispatcher (see Dialect.claimEvents), in the order they are to be sent. */
export async function claimEvents(db: Knex, claim: EventClaim): Promise<OutboxEvent[]> {
  const rows = await dialectOf(db).claimEvents(db, claim);
  return rows.map(toEvent).sort((a, b) => a.id - b.id);
}

/** Extends a lease still held by `token`; returns the ids it still holds. */
export async function renewLease(db: Db, ids: number[], token: string, until: number): Promise<Set<number>> {
  const held = new Set<number>();
  for (const part of chunks(ids)) {
    await db('ees_events').whereIn('id', part).andWhere({ claim_token: token, state: 'pending' }).update({ claimed_until: until });
    for (const id of await db('ees_events').whereIn('id', part).andWhere({ claim_token: token, state: 'pending' }).pluck('id')) held.add(int(id));
  }
  return held;
}

/** The columns every answer updates; the attempt counts whatever the answer. */
function outcome(db: Db, answer: EesAnswer, now: number, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    attempts: db.raw('attempts + 1'),
    last_attempt_at: now,
    last_status: answer.status,
    last_answer: answer.answer,
    claimed_until: null,
    claim_token: null,
    ...extra,
  };
}

/** The EES has these events: whoever holds the lease, they are delivered. */
export async function markDelivered(db: Db, ids: number[], answer: EesAnswer, now: number): Promise<void> {
  for (const part of chunks(ids)) {
    await db('ees_events').whereIn('id', part).andWhere('state', 'pending').update(outcome(db, answer, now, { state: 'delivered', delivered_at: now }));
  }
}

/** To be tried again at `nextAttemptAt`, unless the lease was lost to another dispatcher meanwhile. */
export async function markRetry(db: Db, ids: number[], token: string, nextAttemptAt: number, answer: EesAnswer, now: number): Promise<void> {
  for (const part of chunks(ids)) {
    await db('ees_events')
      .whereIn('id', part)
      .andWhere({ claim_token: token, state: 'pending' })
      .update(outcome(db, answer, now, { next_attempt_at: nextAttemptAt }));
  }
}

/** Refused by the EES: parked until an operator puts them back (retryFailed). */
export async function markFailed(db: Db, ids: number[], token: string, answer: EesAnswer, now: number): Promise<void> {
  for (const part of chunks(ids)) {
    await db('ees_events').whereIn('id', part).andWhere({ claim_token: token, state: 'pending' }).update(outcome(db, answer, now, { state: 'failed' }));
  }
}

/** Gives back what a stopping dispatcher still holds, so that the next claim need not wait for the lease to run out. */
export async function releaseLeases(db: Db, ids: number[], token: string): Promise<void> {
  for (const part of chunks(ids)) {
    await db('ees_events').whereIn('id', part).andWhere({ claim_token: token, state: 'pending' }).update({ claimed_until: null, claim_token: null });
  }
}

/** Remembers the latest answer of the EES, for operators (one row). */
export async function recordLastAnswer(db: Db, answer: EesAnswer, events: number, now: number): Promise<void> {
  await db('ees_last_answer')
    .insert({ id: 1, at: now, status: answer.status, answer: answer.answer, events })
    .onConflict('id')
    .merge();
}

export interface LastAnswer extends EesAnswer {
  at: number;
  events: number;
}

export async function lastAnswer(db: Db): Promise<LastAnswer | undefined> {
  const row = await db('ees_last_answer').where('id', 1).first();
  return row ? { at: int(row.at), status: intOrNull(row.status), answer: String(row.answer), events: int(row.events) } : undefined;
}

export interface BacklogLine {
  eventType: EventType;
  state: EventState;
  count: number;
}

export async function backlog(db: Db): Promise<BacklogLine[]> {
  const rows: Record<string, unknown>[] = await db('ees_events').select('event_type', 'state').count({ n: '*' }).groupBy('event_type', 'state');
  return rows.map((r) => ({ eventType: String(r.event_type) as EventType, state: String(r.state) as EventState, count: int(r.n) }));
}

export interface EventSummary {
  id: number;
  eventType: EventType;
  createdAt: number;
  nextAttemptAt: number;
  attempts: number;
  lastStatus: number | null;
  lastAnswer: string | null;
}

const toSummary = (row: Record<string, unknown>): EventSummary => ({
  id: int(row.id),
  eventType: String(row.event_type) as EventType,
  createdAt: int(row.created_at),
  nextAttemptAt: int(row.next_attempt_at),
  attempts: int(row.attempts),
  lastStatus: intOrNull(row.last_status),
  lastAnswer: row.last_answer === null || row.last_answer === undefined ? null : String(row.last_answer),
});

export async function oldestPending(db: Db): Promise<EventSummary | undefined> {
  const row = await db('ees_events').where('state', 'pending').orderBy([{ column: 'created_at' }, { column: 'id' }]).first();
  return row ? toSummary(row) : undefined;
}

/** The most recently parked events. */
export async function parkedEvents(db: Db, limit: number): Promise<EventSummary[]> {
  const rows = await db('ees_events').where('state', 'failed').orderBy('last_attempt_at', 'desc').limit(limit);
  return rows.map(toSummary);
}

/** Puts every parked event back in the queue, due now, with a fresh count of attempts; returns how many. */
export async function retryFailed(db: Db, now: number): Promise<number> {
  return db('ees_events').where('state', 'failed').update({ state: 'pending', next_attempt_at: now, attempts: 0, claimed_until: null, claim_token: null });
}

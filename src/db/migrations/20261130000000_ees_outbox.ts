import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * Notifications to the e-Box Event Service (EES) and retention.
 *
 * - ees_events is the outbox: one row per event, written in the transaction of
 *   the change that causes it, then delivered by the dispatcher. Unique per
 *   (message_id, event_type): each event is due once per message, so a
 *   re-import, a second read or two sweeps racing each other cannot queue it
 *   twice. `payload` is the event as it is posted, eventCorrelationId
 *   included, frozen at enqueue time so that every retry sends the same bytes
 *   and a purged message can still be announced. A row is `pending` until the
 *   EES takes it (`delivered`) or refuses it for good (`failed`, parked until
 *   an operator puts it back). `claimed_until`/`claim_token` lease pending
 *   rows to one dispatcher while it posts them; a lease that runs out (a
 *   killed process) frees them for the next claim.
 * - ees_schedule holds the events that will be due later (reminders, expiry
 *   alerts) with their due time: the sweep reads only what is due through its
 *   index, whatever the size of the store, and deletes what it handled.
 * - ees_last_answer keeps the latest EES answer for `ebox-events status`.
 * - blob_orphans: blobs left unreferenced by a purge, deleted by a later
 *   sweep once they have stayed unreferenced for a while (an import may be
 *   about to reference identical bytes again).
 * - Indexes serving the sweep: messages by expiration (retention), and
 *   attachments and images by blob (is a blob still referenced?).
 *
 * Messages stored before this migration, unread and live, get their expiry
 * alert (at once for those already in their last 7 days) and their reminder
 * if it is still ahead, but no newDocument: they arrived before the provider
 * sent events; announcing them, or reminding of every old unread one, now
 * would be a flood of stale news.
 */

// The rules as they stand in this migration (src/notifications/rules.ts may move on).
const DAY_MS = 24 * 3600 * 1000;
const REMINDER_AFTER_MS = 15 * DAY_MS;
const ALERT_BEFORE_MS = 7 * DAY_MS;

/** Ids compared with messages.message_id: on PostgreSQL the same code-point collation (20261129000000). */
function idType(db: Knex): string {
  return engineOf(db) === 'postgresql' ? 'text COLLATE "C"' : 'varchar(255)';
}

export async function up(db: Knex): Promise<void> {
  const id = idType(db);
  await db.schema.createTable('ees_events', (t) => {
    t.bigIncrements('id').primary();
    t.specificType('message_id', id).notNullable();
    t.string('event_type', 32).notNullable();
    t.string('correlation_id', 36).notNullable();
    t.text('payload').notNullable();
    t.string('state', 16).notNullable().defaultTo('pending');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('next_attempt_at').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('claimed_until');
    t.string('claim_token', 36);
    t.bigInteger('last_attempt_at');
    t.integer('last_status');
    t.text('last_answer');
    t.bigInteger('delivered_at');
    t.unique(['message_id', 'event_type'], { indexName: 'ees_events_message_type' });
    t.index(['state', 'next_attempt_at'], 'ees_events_due');
  });
  await db.schema.createTable('ees_schedule', (t) => {
    t.specificType('message_id', id).notNullable();
    t.string('event_type', 32).notNullable();
    t.bigInteger('due_at').notNullable();
    t.primary(['message_id', 'event_type']);
    t.index(['due_at'], 'ees_schedule_due');
  });
  await db.schema.createTable('ees_last_answer', (t) => {
    t.integer('id').primary();
    t.bigInteger('at').notNullable();
    t.integer('status');
    t.text('answer').notNullable();
    t.integer('events').notNullable();
  });
  await db.schema.createTable('blob_orphans', (t) => {
    t.specificType('blob_key', id).primary();
    t.bigInteger('found_at').notNullable();
    t.index(['found_at'], 'blob_orphans_found');
  });
  await db.schema.alterTable('messages', (t) => t.index(['expiration_at'], 'messages_expiration'));
  await db.schema.alterTable('attachments', (t) => t.index(['blob_key'], 'attachments_blob'));
  await db.schema.alterTable('images', (t) => t.index(['blob_key'], 'images_blob'));

  const now = Date.now();
  const unread = () => db('messages').where('read_status', false).andWhere('expiration_at', '>', now);
  await db('ees_schedule').insert(
    unread()
      .andWhere('receipt_at', '>', now - REMINDER_AFTER_MS)
      .select('message_id', db.raw('? as event_type', ['newDocumentReminder']), db.raw('receipt_at + ? as due_at', [REMINDER_AFTER_MS])),
  );
  await db('ees_schedule').insert(
    unread()
      .select('message_id', db.raw('? as event_type', ['documentExpirationAlert']), db.raw('expiration_at - ? as due_at', [ALERT_BEFORE_MS])),
  );
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('images', (t) => t.dropIndex(['blob_key'], 'images_blob'));
  await db.schema.alterTable('attachments', (t) => t.dropIndex(['blob_key'], 'attachments_blob'));
  await db.schema.alterTable('messages', (t) => t.dropIndex(['expiration_at'], 'messages_expiration'));
  for (const table of ['blob_orphans', 'ees_last_answer', 'ees_schedule', 'ees_events']) await db.schema.dropTableIfExists(table);
}

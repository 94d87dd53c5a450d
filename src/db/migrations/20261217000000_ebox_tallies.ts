import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * Per-e-Box tallies of the stored messages, so that the summary and the
 * plain lists know how many messages an e-Box holds without walking its
 * index (27 ms for 100,000 messages on SQLite, on every page the portal asks for).
 *
 * ebox_tallies has one row per e-Box, read status and visibility: how many
 * messages and how many attachment bytes. Triggers on `messages` keep it, on
 * both engines, so that no writer (import, publication, read-marking,
 * hiding, retention, a hand-written statement) can forget it. It counts
 * every stored message, expired or not: which have expired depends on the
 * time of the request, so readers subtract the e-Box's messages expired but
 * not yet purged (those of the last RETENTION_DAYS_AFTER_EXPIRY days),
 * counted from the index messages_ebox_expiration alone. SQLite, planning
 * without statistics, would serve the lists from that index and sort the
 * whole e-Box (20261121000000); their expiry condition is written so that it
 * cannot choose it (Dialect.unindexed).
 *
 * SQLite: row triggers upserting the row of the message's e-Box (one writer
 * at a time). PostgreSQL: statement triggers over the transition tables,
 * one upsert per statement of the sums per row, in key order: an import
 * statement of 1,000 messages updates each tally it touches once, and two
 * writers lock the tallies they share in the same order. A writer holds the
 * tallies of the e-Boxes it wrote until it commits, so writes to one e-Box
 * wait for each other; reads never wait.
 *
 * TRUNCATE of `messages` is not followed (nothing here truncates it).
 */

export const TALLY_KEY = 'ebox_id, read_status, visible';
const EXPIRATION_INDEX = 'messages_ebox_expiration';

export async function up(db: Knex): Promise<void> {
  // Instances still running the previous version may write while this runs:
  // a message written between the count below and the triggers would be
  // missed by both. SHARE mode holds off writers (not readers) until the
  // migration commits; SQLite's migration already holds its one write lock.
  if (engineOf(db) === 'postgresql') await db.raw('LOCK TABLE messages IN SHARE MODE');
  await db.schema.createTable('ebox_tallies', (t) => {
    t.string('ebox_id', 10).notNullable();
    t.boolean('read_status').notNullable();
    t.boolean('visible').notNullable();
    t.bigInteger('message_count').notNullable();
    t.bigInteger('attachment_bytes').notNullable();
    t.primary(['ebox_id', 'read_status', 'visible']);
  });
  await db.raw(`INSERT INTO ebox_tallies (${TALLY_KEY}, message_count, attachment_bytes)
    SELECT ${TALLY_KEY}, count(*), coalesce(sum(attachment_bytes), 0) FROM messages GROUP BY ${TALLY_KEY}`);
  await db.schema.alterTable('messages', (t) => t.index(['ebox_id', 'expiration_at', 'read_status', 'visible', 'attachment_bytes'], EXPIRATION_INDEX));
  if (engineOf(db) === 'sqlite3') await sqliteTriggers(db);
  else await postgresTriggers(db);
}

export async function down(db: Knex): Promise<void> {
  await dropTallyTriggers(db);
  await db.schema.alterTable('messages', (t) => t.dropIndex([], EXPIRATION_INDEX));
  await db.schema.dropTable('ebox_tallies');
}

/** The tally triggers on messages, and on PostgreSQL their functions (also what 20261220000000 replaces). */
export async function dropTallyTriggers(db: Knex): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    if (engineOf(db) === 'sqlite3') {
      await db.raw(`DROP TRIGGER IF EXISTS messages_tally_${op}`);
    } else {
      await db.raw(`DROP TRIGGER IF EXISTS messages_tally_${op} ON messages`);
      await db.raw(`DROP FUNCTION IF EXISTS messages_tally_${op}()`);
    }
  }
}

/** The triggers as this migration made them (20261220000000 replaces their bodies). */
export async function sqliteTriggers(db: Knex): Promise<void> {
  const add = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
    INSERT INTO ebox_tallies (${TALLY_KEY}, message_count, attachment_bytes)
      VALUES (${row}.ebox_id, ${row}.read_status, ${row}.visible, ${sign}1, ${sign}${row}.attachment_bytes)
      ON CONFLICT (${TALLY_KEY}) DO UPDATE SET
        message_count = message_count + excluded.message_count,
        attachment_bytes = attachment_bytes + excluded.attachment_bytes;`;
  await db.raw(`CREATE TRIGGER messages_tally_insert AFTER INSERT ON messages BEGIN ${add('NEW', '+')} END`);
  await db.raw(`CREATE TRIGGER messages_tally_delete AFTER DELETE ON messages BEGIN ${add('OLD', '-')} END`);
  await db.raw(`CREATE TRIGGER messages_tally_update AFTER UPDATE OF ${TALLY_KEY}, attachment_bytes ON messages BEGIN
    ${add('OLD', '-')} ${add('NEW', '+')} END`);
}

export async function postgresTriggers(db: Knex): Promise<void> {
  // Each part is (rows, sign): the transition table and whether its rows add or remove.
  const upsert = (parts: [string, '+' | '-'][]) => `
    INSERT INTO ebox_tallies AS t (${TALLY_KEY}, message_count, attachment_bytes)
      SELECT ${TALLY_KEY}, sum(n), sum(bytes) FROM (
        ${parts.map(([rows, sign]) => `SELECT ${TALLY_KEY}, ${sign}1 AS n, ${sign}attachment_bytes AS bytes FROM ${rows}`).join(' UNION ALL ')}
      ) AS delta
      GROUP BY ${TALLY_KEY}
      HAVING sum(n) <> 0 OR sum(bytes) <> 0
      ORDER BY ${TALLY_KEY}
      ON CONFLICT (${TALLY_KEY}) DO UPDATE SET
        message_count = t.message_count + excluded.message_count,
        attachment_bytes = t.attachment_bytes + excluded.attachment_bytes`;
  const triggers: [string, string, [string, '+' | '-'][]][] = [
    ['insert', 'REFERENCING NEW TABLE AS new_rows', [['new_rows', '+']]],
    ['delete', 'REFERENCING OLD TABLE AS old_rows', [['old_rows', '-']]],
    [
      'update',
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
      [
        ['old_rows', '-'],
        ['new_rows', '+'],
      ],
    ],
  ];
  for (const [op, referencing, parts] of triggers) {
    await db.raw(`CREATE FUNCTION messages_tally_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${upsert(parts)}; RETURN NULL; END $$`);
    await db.raw(`CREATE TRIGGER messages_tally_${op} AFTER ${op.toUpperCase()} ON messages ${referencing}
      FOR EACH STATEMENT EXECUTE FUNCTION messages_tally_${op}()`);
  }
}

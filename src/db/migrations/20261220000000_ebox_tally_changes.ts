import type { Knex } from 'knex';
import { engineOf } from '../types';
import { dropTallyTriggers, postgresTriggers, sqliteTriggers, TALLY_KEY } from './20261217000000_ebox_tallies';

/**
 * ebox_tallies.changes: how many times a write to `messages` touched each
 * tally, counted by the same triggers that keep the tallies. Their sum over
 * an e-Box's rows only grows, with every insert, update and delete of one of
 * its messages, so two reads that find the same sum have seen the same
 * messages of that e-Box. A search's total is remembered against it
 * (repositories/search-totals.ts).
 *
 * Every write of a message's search rows writes the message's row in the
 * same transaction (an import, a publication, a link, retention), so the sum
 * follows the search rows as well. On PostgreSQL the update trigger now also
 * writes the tallies for an update that leaves the counts as they were (a
 * re-imported message whose text changed): it used to skip those.
 *
 * Each trigger is replaced whole; the column starts at 0 for the tallies
 * already kept.
 */
export async function up(db: Knex): Promise<void> {
  // Plain SQL on both engines, here and in down(): knex's alterTable may rebuild
  // a SQLite table under a temporary name, which the triggers on messages refuse.
  await db.raw('ALTER TABLE ebox_tallies ADD COLUMN changes bigint NOT NULL DEFAULT 0');
  if (engineOf(db) === 'sqlite3') {
    await dropTallyTriggers(db);
    await countingSqliteTriggers(db);
  } else {
    await countingPostgresFunctions(db);
  }
}

export async function down(db: Knex): Promise<void> {
  await dropTallyTriggers(db);
  if (engineOf(db) === 'sqlite3') await sqliteTriggers(db);
  else await postgresTriggers(db);
  await db.raw('ALTER TABLE ebox_tallies DROP COLUMN changes');
}

async function countingSqliteTriggers(db: Knex): Promise<void> {
  const add = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
    INSERT INTO ebox_tallies (${TALLY_KEY}, message_count, attachment_bytes, changes)
      VALUES (${row}.ebox_id, ${row}.read_status, ${row}.visible, ${sign}1, ${sign}${row}.attachment_bytes, 1)
      ON CONFLICT (${TALLY_KEY}) DO UPDATE SET
        message_count = message_count + excluded.message_count,
        attachment_bytes = attachment_bytes + excluded.attachment_bytes,
        changes = changes + 1;`;
  await db.raw(`CREATE TRIGGER messages_tally_insert AFTER INSERT ON messages BEGIN ${add('NEW', '+')} END`);
  await db.raw(`CREATE TRIGGER messages_tally_delete AFTER DELETE ON messages BEGIN ${add('OLD', '-')} END`);
  // Any column: a message's text may change while its tally stays.
  await db.raw(`CREATE TRIGGER messages_tally_update AFTER UPDATE ON messages BEGIN ${add('OLD', '-')} ${add('NEW', '+')} END`);
}

async function countingPostgresFunctions(db: Knex): Promise<void> {
  // Each part is (rows, sign): the transition table and whether its rows add or remove.
  const upsert = (parts: [string, '+' | '-'][]) => `
    INSERT INTO ebox_tallies AS t (${TALLY_KEY}, message_count, attachment_bytes, changes)
      SELECT ${TALLY_KEY}, sum(n), sum(bytes), count(*) FROM (
        ${parts.map(([rows, sign]) => `SELECT ${TALLY_KEY}, ${sign}1 AS n, ${sign}attachment_bytes AS bytes FROM ${rows}`).join(' UNION ALL ')}
      ) AS delta
      GROUP BY ${TALLY_KEY}
      ORDER BY ${TALLY_KEY}
      ON CONFLICT (${TALLY_KEY}) DO UPDATE SET
        message_count = t.message_count + excluded.message_count,
        attachment_bytes = t.attachment_bytes + excluded.attachment_bytes,
        changes = t.changes + excluded.changes`;
  const functions: [string, [string, '+' | '-'][]][] = [
    ['insert', [['new_rows', '+']]],
    ['delete', [['old_rows', '-']]],
    [
      'update',
      [
        ['old_rows', '-'],
        ['new_rows', '+'],
      ],
    ],
  ];
  for (const [op, parts] of functions) {
    await db.raw(`CREATE OR REPLACE FUNCTION messages_tally_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${upsert(parts)}; RETURN NULL; END $$`);
  }
}

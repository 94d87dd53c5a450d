import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * Text search (q, qlang): one row per message and language holding the
 * normalized text the user sees in that language (services/search-text.ts),
 * written by services/search-index.ts.
 *
 * - (ebox_id, lang) serves needles too short for trigrams: a scan of the
 *   caller's own rows in one language, never of every e-Box.
 * - (message_id, lang) is unique: a message has one text per language, and
 *   rewriting a message's rows deletes by message_id.
 * - The messages indexes on each reference id (with message_id, for keyset
 *   paging) find the messages to reindex when a name of reference data changes.
 *
 * SQLite adds message_search_fts, an FTS5 table with the trigram tokenizer
 * over message_search's scope (e-Box and language) and text, serving needles of
 * three characters or more. It is external-content (a view over
 * message_search): the text is stored once, and the index only holds trigrams. Triggers keep it in
 * step with every insert, delete and update of message_search, so no writer
 * can forget it. case_sensitive 1: the text and the needle are already folded
 * by normalizeForSearch, and the index must match exactly what instr() matches
 * for short needles.
 *
 * PostgreSQL gets the portable table and indexes here; its trigram (pg_trgm)
 * index comes with 20261129000100_postgres_search.
 */
/** SQL for the FTS scope key of a message_search row; `row` is '', 'new.' or 'old.' (in triggers). */
export function scope(row: string): string {
  const k = `(cast(${row}ebox_id as integer) * 3 + (case ${row}lang when 'nl' then 0 when 'fr' then 1 else 2 end))`;
  return `char(57344 + ${k} / 40960000, 57344 + (${k} / 6400) % 6400, 57344 + ${k} % 6400)`;
}

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('message_search', (t) => {
    t.increments('id');
    t.string('message_id').notNullable().references('message_id').inTable('messages').onDelete('CASCADE');
    t.string('ebox_id', 10).notNullable();
    t.string('lang', 2).notNullable();
    t.text('text').notNullable();
    t.unique(['message_id', 'lang'], { indexName: 'message_search_message_lang' });
    t.index(['ebox_id', 'lang'], 'message_search_ebox_lang');
  });
  await db.schema.alterTable('messages', (t) => {
    t.index(['sender_organization_id', 'message_id'], 'messages_sender_organization');
    t.index(['sender_application_id', 'message_id'], 'messages_sender_application');
    t.index(['message_type_id', 'message_id'], 'messages_message_type');
  });
  if (engineOf(db) === 'sqlite3') await createTwoColumnFts(db);
}

/** The FTS5 table as this migration made it, over two columns (20261219000000 replaces it by one). */
export async function createTwoColumnFts(db: Knex): Promise<void> {
  // The FTS index covers two columns: `scope` and `text`. A search asks for
  // both (scope : "<key>" AND text : "needle"), so the index itself narrows the
  // match to the caller's e-Box and language: its cost follows the size of that
  // e-Box, not the number of matches across all e-Boxes. The scope key is three
  // private-use characters encoding (CBE number × 3 + language), i.e. exactly one
  // trigram, found in that e-Box's rows only (normalizeForSearch removes
  // private-use characters from texts and needles). The dialect computes the
  // same key (sqlite.ts, scopeKey). The content comes from a view over
  // message_search, so the text is still stored once.
  await db.raw(`CREATE VIEW message_search_fts_content AS SELECT id, ${scope('')} AS scope, text FROM message_search`);
  await db.raw(`
    CREATE VIRTUAL TABLE message_search_fts USING fts5(
      scope, text, content='message_search_fts_content', content_rowid='id', tokenize='trigram case_sensitive 1'
    )`);
  const add = `INSERT INTO message_search_fts(rowid, scope, text) VALUES (new.id, ${scope('new.')}, new.text)`;
  const remove = `INSERT INTO message_search_fts(message_search_fts, rowid, scope, text) VALUES ('delete', old.id, ${scope('old.')}, old.text)`;
  await db.raw(`CREATE TRIGGER message_search_fts_insert AFTER INSERT ON message_search BEGIN ${add}; END`);
  await db.raw(`CREATE TRIGGER message_search_fts_delete AFTER DELETE ON message_search BEGIN ${remove}; END`);
  await db.raw(`CREATE TRIGGER message_search_fts_update AFTER UPDATE ON message_search BEGIN ${remove}; ${add}; END`);
}

export async function down(db: Knex): Promise<void> {
  if (engineOf(db) === 'sqlite3') await dropFts(db);
  await db.schema.alterTable('messages', (t) => {
    t.dropIndex([], 'messages_sender_organization');
    t.dropIndex([], 'messages_sender_application');
    t.dropIndex([], 'messages_message_type');
  });
  await db.schema.dropTableIfExists('message_search');
}

/** The FTS5 table, its content view and the triggers that keep it in step. */
export async function dropFts(db: Knex): Promise<void> {
  for (const trigger of ['message_search_fts_insert', 'message_search_fts_delete', 'message_search_fts_update']) {
    await db.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
  }
  await db.raw('DROP TABLE IF EXISTS message_search_fts');
  await db.raw('DROP VIEW IF EXISTS message_search_fts_content');
}

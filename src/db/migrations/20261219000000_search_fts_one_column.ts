import type { Knex } from 'knex';
import { FIELD_SEPARATOR } from '../../domain/search-text';
import { engineOf } from '../types';
import { createTwoColumnFts, dropFts, scope } from './20261121000100_message_search';

/**
 * SQLite: the FTS5 index over one column, the scope key and the text joined
 * by the field separator, instead of two columns (scope, text).
 *
 * FTS5 writes, for each trigram of a row, the row's positions of it; a
 * position in any column but the first is preceded by a marker naming the
 * column, two bytes of the five or so that a trigram of a row takes. Every
 * trigram of a text paid for it. In one column, the scope key comes first
 * and the text's positions follow it without a marker. columnsize=0 drops the
 * per-row token counts, which only ranking functions read (we rank by date).
 * At 200,000 messages the index went from 1,098 to 706 bytes a message, its
 * look-ups as fast as before.
 *
 * A search is still `"<key>" AND "<needle>"`: the key's three private-use
 * characters and the separator occur in no needle (normalizeForSearch turns
 * both into spaces), so the needle cannot match across the key, and the
 * key's trigram is found in the rows of its e-Box and language only.
 *
 * The index is rebuilt from message_search, writers waiting meanwhile:
 * 13.5 s for 200,000 messages on the slower of the 2-core development
 * machines, so about a minute for a million.
 */
const SEPARATOR_CODE = FIELD_SEPARATOR.codePointAt(0);

/** SQL for the one indexed text of a message_search row; `row` is '', 'new.' or 'old.' (in triggers). */
const indexed = (row: string) => `${scope(row)} || char(${SEPARATOR_CODE}) || ${row}text`;

export async function up(db: Knex): Promise<void> {
  if (engineOf(db) !== 'sqlite3') return;
  await dropFts(db);
  await db.raw(`CREATE VIEW message_search_fts_content AS SELECT id, ${indexed('')} AS text FROM message_search`);
  await db.raw(`
    CREATE VIRTUAL TABLE message_search_fts USING fts5(
      text, content='message_search_fts_content', content_rowid='id', tokenize='trigram case_sensitive 1', columnsize=0
    )`);
  const add = `INSERT INTO message_search_fts(rowid, text) VALUES (new.id, ${indexed('new.')})`;
  const remove = `INSERT INTO message_search_fts(message_search_fts, rowid, text) VALUES ('delete', old.id, ${indexed('old.')})`;
  await db.raw(`CREATE TRIGGER message_search_fts_insert AFTER INSERT ON message_search BEGIN ${add}; END`);
  await db.raw(`CREATE TRIGGER message_search_fts_delete AFTER DELETE ON message_search BEGIN ${remove}; END`);
  await db.raw(`CREATE TRIGGER message_search_fts_update AFTER UPDATE ON message_search BEGIN ${remove}; ${add}; END`);
  await db.raw(`INSERT INTO message_search_fts(message_search_fts) VALUES ('rebuild')`);
}

export async function down(db: Knex): Promise<void> {
  if (engineOf(db) !== 'sqlite3') return;
  await dropFts(db);
  await createTwoColumnFts(db);
  await db.raw(`INSERT INTO message_search_fts(message_search_fts) VALUES ('rebuild')`);
}

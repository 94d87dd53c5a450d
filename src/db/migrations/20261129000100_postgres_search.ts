import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * PostgreSQL only: the trigram index that serves text search (dialects/postgres.ts).
 * SQLite has its FTS5 table since 20261121000100_message_search.
 *
 * pg_trgm is required. It ships with PostgreSQL's contrib package and is a
 * trusted extension (PostgreSQL 13+): a user with CREATE on the database may
 * create it, no superuser needed; otherwise an administrator runs
 * `CREATE EXTENSION pg_trgm` in the database once, before the migrations.
 *
 * The index covers (ebox_id, lang, text) when btree_gin (also contrib, also
 * trusted) can be had, else text alone; the dialect's query is the same for
 * both. Measured on 100,000 messages (300,000 rows) in 500 e-Boxes, the largest
 * holding 20,000, PostgreSQL 15 on 2 cores, warm cache; median time to select
 * the matches in fr (searchMatches alone), both indexes about 72 MB:
 *
 * | needle                                        | e-Box   | matches | text only | (ebox_id, lang, text) |
 * |-----------------------------------------------|---------|---------|-----------|-----------------------|
 * | "sociale fr": its trigrams in every row       | 20,000  | 4,000   | 25 ms     | 14 ms                 |
 * | same                                          | 161     | 32      | 19 ms     | 3.7 ms                |
 * | "fiscale": in 20 % of all rows                | 20,000  | 4,000   | 9.7 ms    | 3.3 ms                |
 * | "d-7919", "c4ca4238": a few rows of the store | either  | 0-5     | 0.8-1.1 ms| 0.8-1.1 ms            |
 * | "attestation": every row (read via the btree) | 20,000  | 20,000  | 3.5 ms    | 3.7 ms                |
 *
 * With text alone, the GIN index yields the candidates of every e-Box, then
 * intersected with the (ebox_id, lang) index: the cost follows the matches
 * across the whole store, as it did on SQLite before the FTS scope key. With
 * the e-Box and language in the same GIN index, its scan skips through the
 * trigram posting lists along the short list of the caller's e-Box, so the
 * cost follows that e-Box. A needle found in nearly every row of the e-Box is
 * read through (ebox_id, lang) either way, by the planner's choice.
 *
 * fastupdate stays on: rows written by an import wait in the GIN pending list
 * (at most gin_pending_list_limit, 4 MB) until autovacuum or that limit merges
 * them. A search reads that list whole (a rare needle took 2 ms instead of
 * 1 ms with 1 MB pending), while writing the rows of 5,000 messages took
 * 0.8 s with it and 3.8 s without.
 */
/** The trigram index's name, which 20261221000000 rebuilds. */
export const SEARCH_INDEX = 'message_search_trgm';

export async function hasExtension(db: Knex, name: string): Promise<boolean> {
  const { rows } = await db.raw('SELECT 1 FROM pg_extension WHERE extname = ?', [name]);
  return rows.length > 0;
}

/** Creates the extension if allowed; a refusal rolls back to a savepoint and leaves the migration going. */
async function tryCreateExtension(db: Knex, name: string): Promise<boolean> {
  if (await hasExtension(db, name)) return true;
  const { rows } = await db.raw('SELECT 1 FROM pg_available_extensions WHERE name = ?', [name]);
  if (rows.length === 0) return false;
  try {
    await db.transaction((savepoint) => savepoint.raw(`CREATE EXTENSION IF NOT EXISTS ${name}`));
    return true;
  } catch {
    return false;
  }
}

/** The search index, over the e-Box and language too when `scoped`. Exported for the test of both shapes. */
export async function createSearchIndex(db: Knex, scoped: boolean): Promise<void> {
  const columns = scoped ? 'ebox_id, lang, text gin_trgm_ops' : 'text gin_trgm_ops';
  await db.raw(`CREATE INDEX ${SEARCH_INDEX} ON message_search USING gin (${columns})`);
}

export async function up(db: Knex): Promise<void> {
  if (engineOf(db) !== 'postgresql') return;
  if (!(await tryCreateExtension(db, 'pg_trgm'))) {
    throw new Error(
      'text search needs the PostgreSQL extension pg_trgm (contrib): grant CREATE on the database to this user, ' +
        'or have an administrator run CREATE EXTENSION pg_trgm in it',
    );
  }
  await createSearchIndex(db, await tryCreateExtension(db, 'btree_gin'));
}

export async function down(db: Knex): Promise<void> {
  // The extensions stay: other objects of the database may use them.
  if (engineOf(db) === 'postgresql') await db.raw(`DROP INDEX IF EXISTS ${SEARCH_INDEX}`);
}

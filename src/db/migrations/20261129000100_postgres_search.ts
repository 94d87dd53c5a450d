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
 * trusted) can be had, else text alone. Measured on 100,000 messages (300,000
 * rows) in 500 e-Boxes, the largest holding 20,000, PostgreSQL 15, warm cache:
 *
 * | needle                          | e-Box      | text only | (ebox_id, lang, text) |
 * |---------------------------------|------------|-----------|-----------------------|
 * | in every message of every e-Box | 161 msgs   | 21 ms     | 7 ms                  |
 * | same                            | 20,000     | 33 ms     | 13 ms                 |
 * | in 20 % of all messages         | 20,000     | 18 ms     | 3.5 ms                |
 * | in one message                  | either     | 0.7 ms    | 0.6 ms                |
 *
 * With text alone, the GIN index returns the matches of every e-Box, which are
 * then intersected with the (ebox_id, lang) index: the cost follows the matches
 * across the whole store, as it did on SQLite before the FTS scope key. With
 * the e-Box and language in the same GIN index, its scan skips through the
 * trigram posting lists along the (short) list of the caller's e-Box, so the
 * cost follows that e-Box. A needle found in nearly every row of the e-Box is
 * read through (ebox_id, lang) either way, by the planner's choice.
 */
const INDEX = 'message_search_trgm';

async function hasExtension(db: Knex, name: string): Promise<boolean> {
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
  await db.raw(`CREATE INDEX ${INDEX} ON message_search USING gin (${columns})`);
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
  if (engineOf(db) === 'postgresql') await db.raw(`DROP INDEX IF EXISTS ${INDEX}`);
}

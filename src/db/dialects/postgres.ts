import type { Knex } from 'knex';
import type { Db } from '../types';
import type { Language } from '../../domain/translated-string';
import { MigrationLockTimeout } from '../errors';
import { tooShortForTrigrams, type Dialect, type EventClaim, type IndexCountedSearch, type StorageObject } from './dialect';
import { claimableEventIds, leaseEvents } from './outbox-claims';
import { chunks, int } from '../rows';
import { DEFERRABLE_REFERENCES } from '../migrations/20261219000100_postgres_deferrable_message_refs';
import { SEARCH_SCOPE, searchScope } from '../migrations/20261221000000_postgres_search_scope';

/** Rows per statement of insertRows: bounded memory for the JSON text. */
const JSON_ROWS_PER_STATEMENT = 2_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The rows as JSON text PostgreSQL accepts. JSON.stringify writes a lone
 * surrogate (half of a character, which JSON.parse accepts from "\ud800")
 * as an escape that PostgreSQL's json type refuses; as a text parameter the
 * driver's UTF-8 encoding stored U+FFFD for it, and so do these rows. Only
 * a lone surrogate (or a backslash followed by "ud") produces `\ud` in the
 * output, so the common case is stringified once.
 */
function jsonOfRows(rows: Record<string, unknown>[]): string {
  const text = JSON.stringify(rows);
  if (!text.includes('\\ud')) return text;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\p{Surrogate}/gu, '\uFFFD') : value));
}

/** The advisory lock key of our migrations ("eBox", 1): advisory locks are per database. */
const MIGRATION_LOCK = [0x65426f78, 1];

/**
 * A LIKE pattern matching every text that contains `needle`: `%`, `_` and the
 * escape character itself are escaped, so every character of the needle is
 * literal. Used with an explicit `ESCAPE '\'`, which does not depend on
 * standard_conforming_strings or on PostgreSQL's default escape.
 */
export function likeContaining(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * PostgreSQL: the rows of message_search (one per message and language, see
 * the migration 20261121000100_message_search), searched with LIKE and served
 * by the pg_trgm GIN index message_search_trgm (migrations
 * 20261129000100_postgres_search and 20261221000000_postgres_search_scope).
 *
 * The text and the needle are both already normalized by normalizeForSearch,
 * so a plain case-sensitive LIKE (or strpos) is exactly SQLite's substring
 * match: no lower(), no unaccent() here, which could fold differently from
 * JavaScript. pg_trgm only narrows the candidates; PostgreSQL rechecks every
 * candidate against the LIKE itself, so the index never changes the answer.
 */
export class PostgresDialect implements Dialect {
  readonly engine = 'postgresql' as const;

  /**
   * The e-Box's rows in the language, rechecked: a needle found in all
   * 100,000 messages of the large e-Box is counted in 57 ms (1,000,000
   * messages). Counting the search through the messages took 345 ms, and a
   * broad search answered that way took twice as long (213-265 against
   * 108-149 ms p50, on a machine slower than the README's tables). The
   * messages matching by a reference name only are not tested one by one:
   * an index look-up each, 25-130 µs, 11,082 in 286 ms, where the general
   * count of that search takes 49 ms.
   */
  readonly indexCountedSearch: IndexCountedSearch = {
    countMatches: async (db, eboxId, lang, needle, scan) =>
      int((await this.searchMatches(db, eboxId, lang, needle, scan).clearSelect().count({ n: '*' }).first())?.n),
    textContains: (db, column, needle) => db.raw('strpos(??, ?) > 0', [column, needle]),
    testsNamingOneByOne: false,
  };

  /**
   * As ids, a search costs about 7 µs a match (1,000,000 messages, an e-Box
   * of 100,000): 16 ms for 1,234 matches, 51-57 ms for 5,510, 79 ms for
   * 11,082. Through the subquery, the same needles took 32, 181 and 52 ms,
   * and 45-55 ms for most needles matching 10,000-25,000: past about 7,000
   * matches the subquery costs less.
   */
  readonly fewOwnMatches = 7_000;

  /**
   * The trigram index finds every candidate, then each is rechecked in the
   * table: for a needle in all 100,000 messages of the large e-Box
   * (1,000,000 messages), 26 ms in the index and 30 more rechecking. Testing
   * the e-Box's 100,000 rows in fr one by one took 31-45 ms in all; for
   * `dimona`, in a tenth of them, 31 ms against 18 through the index.
   */
  readonly scansDenseSearches = true;

  searchMatches(db: Db, eboxId: string, lang: Language, needle: string, scan = false): Knex.QueryBuilder {
    // The empty string is a substring of every text: no filter, every message of the e-Box.
    if (needle === '') return db('messages').where('ebox_id', eboxId).select('message_id');
    // pg_trgm extracts no trigram from a needle of one or two characters, and a
    // GIN scan would then read the whole index; strpos, which no trigram index
    // serves, keeps such needles on the caller's own rows in that language,
    // found through the (ebox_id, lang) index, as on SQLite. So does a scan.
    if (scan || tooShortForTrigrams(needle)) {
      return db('message_search').where({ ebox_id: eboxId, lang }).andWhereRaw('strpos(text, ?) > 0', [needle]).select('message_id');
    }
    // The e-Box and language as the one key of the trigram index (SEARCH_SCOPE).
    return db('message_search')
      .whereRaw(`${SEARCH_SCOPE} = ?`, [searchScope(eboxId, lang)])
      .andWhereRaw(`text LIKE ? ESCAPE '\\'`, [likeContaining(needle)])
      .select('message_id');
  }

  referenceMatches(db: Db, lang: Language, needle: string): Knex.QueryBuilder {
    return db('reference_search').where({ lang }).andWhereRaw('strpos(text, ?) > 0', [needle]).select('kind', 'reference_id');
  }

  /**
   * synchronous_commit off for this transaction only: its COMMIT no longer
   * waits for the WAL flush, which cost a disk flush per batch; a crash of
   * the server may lose the last few hundred milliseconds of commits, never
   * half of one.
   */
  async relaxCommit(trx: Knex.Transaction): Promise<void> {
    await trx.raw('SET LOCAL synchronous_commit = off');
  }

  /**
   * The constraints made deferrable by 20261219000100. With the next batch
   * written beside the one committing, the bench's 200,000 messages were
   * imported at 2,764 and 2,801 messages/s instead of 1,833 and 1,919 (the
   * slower 2-core machine): one import kept one core busy (PostgreSQL's
   * process writing, mostly the trigram index) and left the other mostly idle.
   */
  async deferMessageReferences(trx: Knex.Transaction): Promise<void> {
    await trx.raw(`SET CONSTRAINTS ${DEFERRABLE_REFERENCES.map(([, constraint]) => quote(constraint)).join(', ')} DEFERRED`);
  }

  /**
   * ANALYZE samples the tables (a fraction of a second each): autovacuum
   * does it too, but late or, where it is turned off, never, and a planner
   * that still believes a grown table empty scans it whole to delete a few rows.
   */
  async analyze(db: Db, tables: string[]): Promise<void> {
    await db.raw(`ANALYZE ${tables.map(quote).join(', ')}`);
  }

  /**
   * VACUUM (ANALYZE) sets the pages' bits in the visibility map. Until a page
   * has its bit, an index-only scan reads each of its rows from the table
   * too: the e-Box's index carries what lists, counts and searches test, so
   * every one of them read the table. Autovacuum sets the bits, but late (a
   * table grown by a fifth) or, where it is turned off, never. On the
   * bench's 1,000,000 messages freshly imported, one request at a time,
   * median ms before → after (3 s of VACUUM): `dimona` 321–365 → 89–110,
   * `cotis` with its organization 197–248 → 58–73, `PECULE` 23–32 → 6–8,
   * a type and received range 8.5–9.3 → 2.0–3.5 (README, PostgreSQL).
   */
  async vacuum(db: Db, tables: string[]): Promise<void> {
    await db.raw(`VACUUM (ANALYZE) ${tables.map(quote).join(', ')}`);
  }

  /**
   * The rows travel as one parameter, a JSON array, and
   * json_populate_recordset types each value as the table's column it goes
   * to. An import writes thousands of rows a second; as a knex multi-row
   * insert, each statement had a placeholder per value to build, send and
   * parse, which cost about as much as writing the rows. The statement's
   * text depends only on the table and columns.
   */
  async insertRows(db: Db, table: string, rows: Record<string, unknown>[], upsertOn?: string): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    const list = columns.map(quote).join(', ');
    let sql = `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM json_populate_recordset(null::${quote(table)}, ?::json)`;
    if (upsertOn !== undefined) {
      const updates = columns.filter((c) => c !== upsertOn).map((c) => `${quote(c)} = excluded.${quote(c)}`);
      sql += ` ON CONFLICT (${quote(upsertOn)}) DO UPDATE SET ${updates.join(', ')}`;
    }
    for (const part of chunks(rows, JSON_ROWS_PER_STATEMENT)) await db.raw(sql, [jsonOfRows(part)]);
  }

  /**
   * Several dispatchers (server instances) claim at once: FOR UPDATE SKIP
   * LOCKED makes each pass over the rows another claim is taking, instead of
   * waiting for it and then finding them leased. Rows leased by a committed
   * claim are excluded by their claimed_until.
   */
  claimEvents(db: Knex, claim: EventClaim): Promise<Record<string, unknown>[]> {
    return leaseEvents(db, claimableEventIds(db, claim).forUpdate().skipLocked(), claim);
  }

  /** PostgreSQL plans with statistics: the column as it is. */
  unindexed(db: Db, column: string): Knex.Raw {
    return db.raw('??', [column]);
  }

  skipLocked(query: Knex.QueryBuilder, table: string): Knex.QueryBuilder {
    return query.forUpdate(table).skipLocked();
  }

  /**
   * knex's own lock makes a second migrator fail at once ("Migration table is
   * already locked"), and two migrators of an empty database race to create
   * knex's tables. An advisory lock held by a transaction of its own, around
   * everything knex does, makes the others wait instead; it goes with the
   * session, so a migrator that dies frees it. lock_timeout bounds the wait
   * (it applies to advisory locks too).
   */
  async withMigrationLock(db: Knex, waitMs: number, onWait: () => void, migrate: () => Promise<void>): Promise<void> {
    await db.transaction(async (trx) => {
      const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?, ?) AS locked', MIGRATION_LOCK);
      if (!rows[0].locked) {
        onWait();
        await trx.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(waitMs))}`);
        try {
          await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', MIGRATION_LOCK);
        } catch (err) {
          if ((err as { code?: unknown }).code === '55P03') throw new MigrationLockTimeout(waitMs);
          throw err;
        }
      }
      await migrate();
    });
  }

  /** Tables with their TOAST (pg_table_size), indexes alone (pg_relation_size), in the current schema. */
  async storageObjects(db: Knex): Promise<StorageObject[]> {
    await db.raw('VACUUM ANALYZE');
    const { rows } = await db.raw(
      `SELECT c.relname AS name, c.relkind AS kind, coalesce(t.relname, c.relname) AS table_name,
              CASE WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) ELSE pg_table_size(c.oid) END AS bytes
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
         LEFT JOIN pg_index x ON x.indexrelid = c.oid
         LEFT JOIN pg_class t ON t.oid = x.indrelid
        WHERE c.relkind IN ('r', 'i')`,
    );
    return (rows as { name: string; kind: string; table_name: string; bytes: string }[]).map((r) => ({
      name: r.name,
      kind: r.kind === 'i' ? 'index' : 'table',
      table: r.table_name,
      bytes: Number(r.bytes),
    }));
  }
}

export const postgresDialect = new PostgresDialect();

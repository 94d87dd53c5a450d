import type { Knex } from 'knex';
import type { Db } from '../types';
import type { Language } from '../../domain/translated-string';
import { MigrationLockTimeout } from '../errors';
import { tooShortForTrigrams, type Dialect, type EventClaim, type IndexCountedSearch, type StorageObject } from './dialect';
import { claimableEventIds, leaseEvents } from './outbox-claims';
import { chunks, int } from '../rows';

/**
 * What another process migrating the same file looks like to knex: its lock
 * row taken, the file's write lock held, or knex's own tables created between
 * its check and its CREATE.
 */
function migratingElsewhere(err: unknown): boolean {
  const { name, code, message } = err as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'MigrationLocked') return true;
  if (typeof code === 'string' && /^SQLITE_BUSY/.test(code)) return true;
  return typeof message === 'string' && /knex_migrations(_lock)?\W* already exists/.test(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The needle as one FTS5 string: inside double quotes every character is
 * literal text (`*`, `(`, `:`, `^`, `-`, NEAR, AND, OR…), the only escape
 * being a doubled quote. The trigram tokenizer turns the string into the
 * trigrams of the needle and the phrase demands them at consecutive positions,
 * which is exactly "contains as a substring".
 *
 * Why not LIKE or GLOB, which the trigram index also serves: a LIKE pattern
 * needs an ESCAPE clause for `%`, `_` and `\`, GLOB needs `*`, `?` and `[`
 * bracketed, and both are case-folded or not depending on the tokenizer's
 * case_sensitive option; the phrase has a single rule.
 */
export function ftsPhrase(needle: string): string {
  return `"${needle.replace(/"/g, '""')}"`;
}

const LANGUAGE_INDEX: Record<Language, number> = { nl: 0, fr: 1, de: 2 };
const PRIVATE_USE = 0xe000;
const BASE = 6400; // private-use characters U+E000…U+F8FF

/**
 * The FTS scope of an e-Box and language: (CBE × 3 + language) in three
 * base-6400 digits of the private-use area, a single trigram that occurs in
 * that e-Box's rows and nowhere else. The migrations 20261121000100 and
 * 20261219000000 compute the same key in SQL for the rows they index.
 */
export function scopeKey(eboxId: string, lang: Language): string {
  const k = Number(eboxId) * 3 + LANGUAGE_INDEX[lang];
  return String.fromCodePoint(
    PRIVATE_USE + Math.floor(k / (BASE * BASE)),
    PRIVATE_USE + (Math.floor(k / BASE) % BASE),
    PRIVATE_USE + (k % BASE),
  );
}

/**
 * The FTS query of the rows of one e-Box and language whose text contains
 * `needle`. The indexed text is the scope key, the field separator, then the
 * row's text (20261219000000): the needle, which holds neither private-use
 * characters nor the separator, can only be found in the text.
 */
function ftsMatch(eboxId: string, lang: Language, needle: string): string {
  return `${ftsPhrase(scopeKey(eboxId, lang))} AND ${ftsPhrase(needle)}`;
}

/**
 * SQLite: the rows of message_search (one per message and language, see the
 * migration 20261121000100_message_search) with an external-content FTS5
 * table, message_search_fts, tokenized in trigrams and kept in step by
 * triggers on message_search.
 */
export class SqliteDialect implements Dialect {
  readonly engine = 'sqlite3' as const;

  /**
   * FTS5 counts a needle found in all 100,000 messages of the large e-Box
   * (1,000,000 messages) in 39 ms; testing the e-Box's rows one by one took
   * as long, 40 ms.
   */
  readonly scansDenseSearches = false;

  searchMatches(db: Db, eboxId: string, lang: Language, needle: string, scan = false): Knex.QueryBuilder {
    // The empty string is a substring of every text: no filter, every message of the e-Box.
    if (needle === '') return db('messages').where('ebox_id', eboxId).select('message_id');
    // Trigrams cannot represent a needle shorter than three characters (FTS5 then
    // matches nothing), so those scan the caller's own rows in that language only,
    // found through the (ebox_id, lang) index; so does a scan.
    if (scan || tooShortForTrigrams(needle)) {
      return db('message_search')
        .where({ ebox_id: eboxId, lang })
        .andWhereRaw('instr(text, ?) > 0', [needle])
        .select('message_id');
    }
    // The scope key is matched inside the index: only the caller's e-Box and
    // language come out.
    return db('message_search_fts')
      .join('message_search', 'message_search.id', 'message_search_fts.rowid')
      .whereRaw('message_search_fts MATCH ?', [ftsMatch(eboxId, lang, needle)])
      .select('message_search.message_id');
  }

  /**
   * Past a thousand, the search index's count and the walk of a broad search
   * cost less: 5,510 matches of 100,000 took 80 ms as ids and 62 ms as a
   * broad search (1,000,000 messages); 1,234 took the same either way.
   */
  readonly fewOwnMatches = 1_000;

  readonly indexCountedSearch: IndexCountedSearch = {
    /**
     * The FTS index alone: the scope trigram keeps only the e-Box's rows in
     * that language, one per message. Joining message_search for the message
     * ids, as searchMatches must, cost eight times as much for 100,000 matches.
     */
    countMatches: async (db, eboxId, lang, needle, scan) => {
      if (scan || tooShortForTrigrams(needle)) return int((await this.searchMatches(db, eboxId, lang, needle, scan).clearSelect().count({ n: '*' }).first())?.n);
      const row = await db('message_search_fts')
        .whereRaw('message_search_fts MATCH ?', [ftsMatch(eboxId, lang, needle)])
        .count({ n: '*' })
        .first();
      return int(row?.n);
    },
    textContains: (db, column, needle) => db.raw('instr(??, ?) > 0', [column, needle]),
    /** A look-up of the message's search row by key: about 3.5 µs. */
    testsNamingOneByOne: true,
  };

  referenceMatches(db: Db, lang: Language, needle: string): Knex.QueryBuilder {
    return db('reference_search').where({ lang }).andWhereRaw('instr(text, ?) > 0', [needle]).select('kind', 'reference_id');
  }

  /**
   * Nothing: SQLite's synchronous level is the connection's, which the
   * server shares, and cannot change inside a transaction. A commit's fsync
   * of the WAL measured no difference against FTS5 writing its segment.
   */
  async relaxCommit(): Promise<void> {}

  /** Nothing: our SQLite queries are planned from the indexes alone (no sqlite_stat1). */
  async analyze(): Promise<void> {}

  /** Nothing: SQLite has no visibility map; its indexes answer on their own. */
  async vacuum(): Promise<void> {}

  /**
   * knex's multi-row insert. Not the JSON array PostgreSQL takes: SQLite
   * parses the JSON text again for every column it extracts, which made
   * writing the messages of an import twice as slow.
   */
  async insertRows(db: Db, table: string, rows: Record<string, unknown>[], upsertOn?: string): Promise<void> {
    // knex writes each row as a term of a compound SELECT: SQLite takes at
    // most 500 terms and 32,766 parameters a statement.
    const perStatement = rows.length === 0 ? 1 : Math.min(400, Math.floor(30_000 / Object.keys(rows[0]).length));
    for (const part of chunks(rows, perStatement)) {
      const insert = db(table).insert(part);
      await (upsertOn === undefined ? insert : insert.onConflict(upsertOn).merge());
    }
  }

  /**
   * One UPDATE statement, which is a transaction of its own: it takes the
   * write lock before it reads the due rows, so two connections (even of two
   * processes) cannot lease the same row. No row locks to skip here: SQLite
   * serialises writers.
   */
  claimEvents(db: Knex, claim: EventClaim): Promise<Record<string, unknown>[]> {
    return leaseEvents(db, claimableEventIds(db, claim), claim);
  }

  /** A unary `+` is SQLite's documented way to keep a condition from choosing an index. */
  unindexed(db: Db, column: string): Knex.Raw {
    return db.raw('+??', [column]);
  }

  skipLocked(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return query;
  }

  /**
   * SQLite has no lock a migrator could wait on while it writes on the same
   * file, so a migration that meets another process's is tried again, backing
   * off, until `waitMs` has passed. knex's lock row makes sure only one runs.
   */
  async withMigrationLock(_db: Knex, waitMs: number, onWait: () => void, migrate: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
      try {
        return await migrate();
      } catch (err) {
        if (!migratingElsewhere(err)) throw err;
        if (Date.now() + pause > deadline) throw new MigrationLockTimeout(waitMs);
        if (pause === 50) onWait();
        await sleep(pause);
      }
    }
  }

  /** dbstat (SQLite's own page accounting); FTS5 shadow tables count as the index they make up. */
  async storageObjects(db: Knex): Promise<StorageObject[]> {
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const rows: { name: string; type: string; tbl_name: string; bytes: number }[] = await db.raw(
      `SELECT d.name, coalesce(m.type, 'table') AS type, coalesce(m.tbl_name, d.name) AS tbl_name, sum(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY d.name`,
    );
    return rows.map((r) => {
      const fts = /^(.*_fts)_(data|idx|docsize|config|content)$/.exec(r.name);
      return { name: r.name, kind: r.type === 'index' || fts ? 'index' : 'table', table: fts ? fts[1] : r.tbl_name, bytes: Number(r.bytes) };
    });
  }
}

export const sqliteDialect = new SqliteDialect();

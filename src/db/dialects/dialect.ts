import type { Knex } from 'knex';
import type { Language } from '../../domain/translated-string';
import type { Db, Engine } from '../types';

/**
 * Whether a (normalized) needle is too short for a trigram index: one or two
 * characters hold no trigram, so both engines' text indexes find nothing for
 * them, and such needles are matched by testing the e-Box's own rows.
 */
export function tooShortForTrigrams(needle: string): boolean {
  return Array.from(needle).length < 3;
}

/** One message's searchable text in one language, already normalized (services/search-normalize.ts). */
export interface SearchRow {
  messageId: string;
  eboxId: string;
  lang: Language;
  text: string;
}

/**
 * What differs between database engines. Services never branch on the engine:
 * the data layer picks the dialect once from the knex client.
 */
/** A claim on due outbox events: the rows are leased to `token` until `until` (epoch ms). */
export interface EventClaim {
  now: number;
  until: number;
  token: string;
  limit: number;
}

/** A table or index and the bytes it takes on disk. */
export interface StorageObject {
  name: string;
  kind: 'table' | 'index';
  /** The table an index belongs to; a table's own name for a table. */
  table: string;
  bytes: number;
}

export interface IndexCountedSearch {
  /**
   * How many rows searchMatches selects (messages of the e-Box with a text in
   * `lang` containing `needle`, expired ones included), from the index alone.
   */
  countMatches(db: Db, eboxId: string, lang: Language, needle: string, scan?: boolean): Promise<number>;
  /**
   * A condition on `column` (a normalized search text): it contains
   * `needle`, tested on that one text, the way searchMatches matches.
   */
  textContains(db: Db, column: string, needle: string): Knex.Raw;
  /**
   * Whether testing messages one by one (a look-up of each one's search row)
   * is cheap enough that the live messages matching by a reference name only
   * are counted that way, and that a search with other criteria is counted
   * first and its page then walked (message-list.ts, pageAndCount). When
   * false, a search with such messages is counted and paged the general way
   * instead. Only asked when some live message does not match by its own
   * text, or when the search has other criteria.
   */
  readonly testsNamingOneByOne: boolean;
}

export interface Dialect {
  readonly engine: Engine;
  /**
   * A subquery selecting `message_id` of the messages of one e-Box whose search
   * text in `lang` contains `needle` (normalized) as a substring, to be used in
   * `whereIn('messages.message_id', …)`. Served by an index, not a scan of all e-Boxes.
   * With `scan`, found by testing each of the e-Box's rows in that language
   * (their index), not through the text index: the same rows.
   */
  searchMatches(db: Db, eboxId: string, lang: Language, needle: string, scan?: boolean): Knex.QueryBuilder;
  /**
   * Whether a needle found in most of an e-Box's messages is matched and
   * counted with searchMatches' `scan` (repositories/message-list.ts,
   * denseOwnText): where the text index costs more than testing every row.
   */
  readonly scansDenseSearches: boolean;
  /**
   * Up to this many messages matching a search by their own text are named
   * in the list's queries as literal ids, read by their key; more are
   * matched through searchMatches as a subquery (repositories/message-list.ts).
   */
  readonly fewOwnMatches: number;
  /**
   * Present where the engine's text index counts an e-Box's matches by
   * itself, far cheaper than turning each into its message: a broad search
   * is then counted and paged differently (repositories/message-list.ts).
   */
  readonly indexCountedSearch?: IndexCountedSearch;
  /**
   * A query selecting `kind` and `reference_id` of the reference-data objects
   * whose search text in `lang` contains `needle` (normalized, not empty). A
   * scan of that language's rows: there are a few hundred, not millions.
   */
  referenceMatches(db: Db, lang: Language, needle: string): Knex.QueryBuilder;
  /**
   * Present where an import may overlap two transactions (importer.ts): a
   * batch writes its messages' attachments and search rows while the batch
   * before it commits, then its messages. Called first in such a
   * transaction, it has the references of those rows to their message
   * checked at commit. SQLite has one writer at a time: nothing to overlap.
   */
  deferMessageReferences?(trx: Knex.Transaction): Promise<void>;
  /**
   * Called first in an import's transaction: lets its commit return before
   * it is durable, where the engine can do that for one transaction alone.
   * An import can be run again (the file is the source), so a crash of the
   * machine costs its last batches, never consistency.
   */
  relaxCommit(trx: Knex.Transaction): Promise<void>;
  /**
   * Brings the planner's statistics of `tables` up to date after many rows
   * were written, where the engine keeps such statistics.
   */
  analyze(db: Db, tables: string[]): Promise<void>;
  /**
   * After a large import, once none of its transactions is open: records
   * that the rows written to `tables` are visible to every transaction, and
   * refreshes their statistics, where the engine keeps such a record.
   */
  vacuum(db: Db, tables: string[]): Promise<void>;
  /**
   * Inserts `rows` (objects keyed by column name, all with the same keys)
   * into `table`, a few thousand per statement; with `upsertOn`, a row whose
   * key (that column) is taken replaces the stored one's columns.
   */
  insertRows(db: Db, table: string, rows: Record<string, unknown>[], upsertOn?: string): Promise<void>;
  /**
   * Leases up to `limit` pending outbox events (ees_events) that are due at
   * `claim.now` and not leased to anyone else, oldest due first, and returns
   * their rows. Safe with several dispatchers on one database: a row goes to
   * one claim only.
   */
  claimEvents(db: Knex, claim: EventClaim): Promise<Record<string, unknown>[]>;
  /**
   * `query` (a SELECT within a transaction) locking the rows it reads from
   * `table` for that transaction and skipping rows another transaction holds,
   * so that concurrent sweeps take different rows. A no-op where one writer
   * at a time is the rule (SQLite).
   */
  skipLocked(query: Knex.QueryBuilder, table: string): Knex.QueryBuilder;
  /**
   * `column` (qualified) as an expression for a condition that must not choose
   * the index: SQLite, planning without statistics, takes the index matching
   * the most conditions over the one that yields the order asked for.
   */
  unindexed(db: Db, column: string): Knex.Raw;
  /**
   * Runs `migrate` while no other process migrates the same database. Waits
   * at most `waitMs` for one that does, calling `onWait` once if it has to,
   * then fails with MigrationLockTimeout.
   */
  withMigrationLock(db: Knex, waitMs: number, onWait: () => void, migrate: () => Promise<void>): Promise<void>;
  /**
   * Every table and index of the store with its size on disk, after making the
   * figures settle (SQLite: WAL checkpointed; PostgreSQL: VACUUM ANALYZE, so that
   * dead rows and the GIN pending list are not counted, as autovacuum would do).
   */
  storageObjects(db: Knex): Promise<StorageObject[]>;
}

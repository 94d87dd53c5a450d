import fs from 'node:fs';
import path from 'node:path';
import knex, { Knex } from 'knex';
import type { Logger } from '../log';
import { dialectOf } from './dialects';
import { DatabaseUrlError } from './errors';
import { migrationSource } from './migrations';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * A DATABASE_URL as it may be shown: the password of its user part, and a
 * `password` parameter, masked. Works on malformed URLs too, which are the
 * ones most often shown (in an error).
 */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^@]*@/i, '$1***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/**
 * How long a SQLite write waits for another process's write lock before it
 * fails with SQLITE_BUSY. better-sqlite3 waits synchronously, so this is how
 * long the whole server stops: it must stay far below a request's latency
 * budget. Writers share the lock for milliseconds (imports commit in small
 * batches), so a short wait almost always suffices.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;

/**
 * SQLite's page cache for the one connection, in KiB. Its default, 2 MiB,
 * holds a tenth of the e-Box index of a 100,000-message e-Box: every page of
 * a list was read again from the file (a system call each), and an import
 * into a large store re-read the index pages its inserts touch. 64 MiB kept
 * the hot indexes of a million-message store in memory, the operating
 * system's cache the rest; 128 MiB also keeps the leaves of the search
 * rows' (message, language) index that a broad search looks up one message
 * at a time, in no order: `dimona`'s 11,082 look-ups took 104 ms with 64 MiB
 * and 50 ms with 128 (256 and 512 MiB: the same 50). The cache fills only
 * as the store is read, so a small store does not pay for it.
 */
const SQLITE_CACHE_KIB = 128 * 1024;

/**
 * WAL pages (4 KiB) after which a commit copies the WAL back into the file
 * (SQLite's default: 1,000). A checkpoint writes every page changed since the
 * last one once, however often it changed: an import rewrites the same index
 * and FTS5 pages batch after batch, and with checkpoints every 4 MB it wrote
 * them again and again. 25,000 (about 100 MB of WAL): 200,000 messages
 * imported at 2,828 messages/s instead of 2,317 on the 2-core machine. Every
 * connection has the same threshold, so the writer that crosses it (the
 * import) does the checkpoint, not the server's next small commit.
 */
export const SQLITE_WAL_CHECKPOINT_PAGES = 25_000;

/** The WAL file is cut back to this after a checkpoint, so that one long reader does not leave it large on disk. */
const SQLITE_WAL_LIMIT_BYTES = SQLITE_WAL_CHECKPOINT_PAGES * 4096;

/** PostgreSQL: the longest opening a connection may take, for every command. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** See connectPostgres. */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** How long a starting process waits for another one's migrations (they may build indexes over millions of rows). */
export const DEFAULT_MIGRATION_LOCK_WAIT_MS = 10 * 60_000;

export interface ConnectOptions {
  /** SQLite only: see DEFAULT_BUSY_TIMEOUT_MS. A batch job that is the writer that should wait may give more. */
  busyTimeoutMs?: number;
  /** PostgreSQL: see DEFAULT_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long a query waits for a connection of the pool (knex's own default is 60 s). */
  acquireTimeoutMs?: number;
  /**
   * PostgreSQL: the longest a statement may run on the server; a reply that
   * has not come 1 s later is given up on the client side too (the network
   * may be what failed). Also bounds a transaction left idle, to at least 60 s.
   * None when unset: batch commands may legitimately run long statements.
   */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL: distinct statements marked by keepPlan that each connection
   * prepares by name (DEFAULT_POSTGRES_KEPT_STATEMENTS when unset); 0 for
   * none, where a connection pooler cannot carry named statements.
   */
  keptStatements?: number;
  /** PostgreSQL: connections of the pool (10 when unset). */
  poolMax?: number;
  /** Where knex's own warnings go (a connection that failed, a deprecated call); nowhere when unset, since the failures reach the caller anyway. */
  log?: Logger;
}

/** What opened each knex instance, so that migrate() can open a connection of its own with the same settings. */
const opened = new WeakMap<Knex, { url: string; options: ConnectOptions }>();

/** Opens the store named by DATABASE_URL: a postgres:// URL, else a SQLite file path (or :memory:). */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Knex {
  checkDatabaseUrl(databaseUrl);
  const db = isPostgresUrl(databaseUrl) ? connectPostgres(databaseUrl, options) : connectSqlite(databaseUrl, options);
  opened.set(db, { url: databaseUrl, options });
  return db;
}

/** Refuses, in one line naming the setting, a DATABASE_URL that no driver could use. */
function checkDatabaseUrl(url: string): void {
  const shown = maskDatabaseUrl(url);
  if (isPostgresUrl(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL ${shown} is not a valid URL (postgres://user[:password]@host[:port]/database)`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new DatabaseUrlError(`DATABASE_URL ${shown} names no host (postgres://user[:password]@host[:port]/database)`);
    }
    return;
  }
  // Any other scheme would otherwise become the name of a SQLite file.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new DatabaseUrlError(`DATABASE_URL ${shown} is neither a postgres:// URL nor a SQLite file path`);
  if (url.trim() === '') throw new DatabaseUrlError('DATABASE_URL is empty');
}

/**
 * knex's own messages, first line only (a stack trace adds nothing to a log
 * line). A connection that could not be opened is left out: the query that
 * needed it fails with that error, which its caller reports.
 */
function knexLog(log: Logger | undefined): Knex.Logger {
  const drop = () => {};
  if (log === undefined) return { warn: drop, error: drop, deprecate: drop, debug: drop };
  const knexLogger = log.child({ component: 'knex' });
  const firstLine = (message: unknown) => String(message).split('\n')[0];
  return {
    warn: (message: unknown) => {
      if (!firstLine(message).startsWith('Acquire connection error')) knexLogger.warn(firstLine(message));
    },
    error: (message: unknown) => knexLogger.error(firstLine(message)),
    deprecate: (method: string, alternative: string) => knexLogger.warn(`${method} is deprecated, use ${alternative}`),
    debug: drop,
  };
}

interface PgClient {
  query(...args: unknown[]): unknown;
  end(): Promise<void>;
}

/**
 * node-postgres answers a reply that did not come within query_timeout with
 * an error but keeps the connection, still waiting for that reply, and knex
 * would hand it out again (a ROLLBACK queued behind the lost reply waits as
 * long). Ended at once, its next use fails fast and the pool replaces it.
 * knex calls query(config, callback).
 */
function endOnReadTimeout(conn: PgClient): void {
  const query = conn.query.bind(conn);
  conn.query = (...args: unknown[]) => {
    const callback = args[args.length - 1];
    if (typeof callback !== 'function') return query(...args);
    return query(...args.slice(0, -1), (err: unknown, result: unknown) => {
      if (err instanceof Error && err.message === 'Query read timeout') void conn.end().catch(() => {});
      (callback as (err: unknown, result: unknown) => void)(err, result);
    });
  };
}

/** Distinct statements marked by keepPlan that each PostgreSQL connection prepares by name; beyond, they are planned each time. */
export const DEFAULT_POSTGRES_KEPT_STATEMENTS = 100;
const KEEP_PLAN = 'keepPlan';
/** PostgreSQL's refusal of a kept statement whose table changed columns since (a migration): cached plan must not change result type. */
const STALE_RESULT_TYPE = '0A000';

/**
 * Marks a statement that PostgreSQL may prepare once per connection and plan
 * with one plan for every value of its parameters (after five executions it
 * may settle on a generic plan). Only for statements whose best plan does not
 * depend on those values: a look-up by key, the e-Box's tallies, its plain
 * list. Does nothing on SQLite, whose connection keeps every short statement.
 */
export function keepPlan<Q extends Knex.QueryBuilder>(query: Q): Q {
  return query.options({ [KEEP_PLAN]: true }) as Q;
}

/**
 * node-postgres sends a statement without a name as an unnamed statement,
 * which PostgreSQL parses and plans at every execution: for the portal's list
 * that was about half of its time in the database (README, PostgreSQL). knex has
 * no option to name them, but passes a query's options on to the driver,
 * whose named statements the connection keeps. A kept statement of a table
 * whose columns changed fails once; it is then run unnamed and prepared
 * again under a new name the next time.
 */
function keepMarkedPlans(conn: PgClient, limit: number): void {
  const query = conn.query.bind(conn);
  const names = new Map<string, string>();
  let prepared = 0;
  conn.query = (...args: unknown[]) => {
    const [config, callback] = args as [{ text?: unknown; [KEEP_PLAN]?: unknown }, unknown];
    if (args.length !== 2 || typeof callback !== 'function' || config?.[KEEP_PLAN] !== true || typeof config.text !== 'string') return query(...args);
    const text = config.text;
    let name = names.get(text);
    if (name === undefined && prepared < limit) names.set(text, (name = `kept_${++prepared}`));
    if (name === undefined) return query(...args);
    return query({ ...config, name }, (err: unknown, result: unknown) => {
      if ((err as { code?: unknown } | null)?.code !== STALE_RESULT_TYPE) return (callback as PgCallback)(err, result);
      names.delete(text);
      return query(config, callback);
    });
  };
}

type PgCallback = (err: unknown, result: unknown) => void;

function connectPostgres(url: string, options: ConnectOptions): Knex {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const statementTimeoutMs = options.statementTimeoutMs;
  const keptStatements = options.keptStatements ?? DEFAULT_POSTGRES_KEPT_STATEMENTS;
  return knex({
    client: 'pg',
    connection: {
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      // Idle connections to a peer that vanished are noticed and replaced.
      keepAlive: true,
      ...(statementTimeoutMs === undefined
        ? {}
        : {
            statement_timeout: statementTimeoutMs,
            // A transaction left open (its process stalled or cut off) would hold row
            // locks other instances wait for. Not as short as a statement: a busy
            // event loop legitimately leaves a transaction idle for a while.
            idle_in_transaction_session_timeout: Math.max(statementTimeoutMs, IDLE_IN_TRANSACTION_MS),
            query_timeout: statementTimeoutMs + 1_000,
          }),
    },
    ...(options.acquireTimeoutMs === undefined ? {} : { acquireConnectionTimeout: options.acquireTimeoutMs }),
    pool: {
      min: 0,
      max: options.poolMax ?? 10,
      createTimeoutMillis: connectTimeoutMs + 1_000,
      afterCreate(conn: PgClient, done: (err: Error | null, conn: unknown) => void) {
        if (keptStatements > 0) keepMarkedPlans(conn, keptStatements);
        if (statementTimeoutMs !== undefined) endOnReadTimeout(conn);
        done(null, conn);
      },
    },
    log: knexLog(options.log),
  });
}

interface SqliteHandle {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Statements each SQLite connection keeps prepared, the least recently used dropped first. */
export const SQLITE_CACHED_STATEMENTS = 200;
/**
 * Longer statements are prepared each time: they are an import's rows,
 * hundreds per statement, seldom the same text twice, and a prepared one
 * holds memory in proportion to its parameters.
 */
export const SQLITE_CACHED_SQL_CHARS = 4_000;

/**
 * knex's better-sqlite3 client prepares every statement it runs, again each
 * time, and neither it nor the driver keeps them (no option does). A
 * request's few statements are the same text every time: kept, the portal's
 * list served more requests a second (README, Performance). SQLite prepares
 * a kept statement again by itself after a schema change.
 */
function keepPreparedStatements(conn: SqliteHandle): void {
  const prepare = conn.prepare.bind(conn);
  const kept = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    if (sql.length > SQLITE_CACHED_SQL_CHARS) return prepare(sql);
    let statement = kept.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (kept.size >= SQLITE_CACHED_STATEMENTS) kept.delete(kept.keys().next().value as string);
    } else {
      // Most recently used last: a Map keeps insertion order.
      kept.delete(sql);
    }
    kept.set(sql, statement);
    return statement;
  };
}

function connectSqlite(databaseUrl: string, options: ConnectOptions): Knex {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new Error(`busyTimeoutMs must be a non-negative integer, got ${busyTimeoutMs}`);
  if (databaseUrl !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(path.resolve(databaseUrl)), { recursive: true });
    } catch (err) {
      throw new DatabaseUrlError(`DATABASE_URL ${databaseUrl} cannot be used: ${(err as Error).message}`);
    }
  }
  return knex({
    client: 'better-sqlite3',
    connection: { filename: databaseUrl },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single handle keeps
    // `:memory:` databases and transactions coherent.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteHandle, done: (err: Error | null, conn: unknown) => void) {
        keepPreparedStatements(conn);
        // First, so that switching a new file to WAL waits like any other write.
        conn.pragma(`busy_timeout = ${busyTimeoutMs}`);
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
        conn.pragma(`wal_autocheckpoint = ${SQLITE_WAL_CHECKPOINT_PAGES}`);
        conn.pragma(`journal_size_limit = ${SQLITE_WAL_LIMIT_BYTES}`);
        done(null, conn);
      },
    },
    log: knexLog(options.log),
  });
}

/**
 * Checks that the database answers, or fails with one line naming
 * DATABASE_URL (password masked) and the driver's reason: what a command
 * says when it cannot start.
 */
export async function checkDatabase(db: Knex): Promise<void> {
  try {
    await db.raw('select 1');
  } catch (err) {
    const url = opened.get(db)?.url ?? '';
    const password = passwordOf(url);
    let reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
    if (password) reason = reason.split(password).join('***');
    throw new DatabaseUrlError(`DATABASE_URL ${maskDatabaseUrl(url)} cannot be used: ${reason}`);
  }
}

function passwordOf(url: string): string {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.password) || parsed.searchParams.get('password') || '';
  } catch {
    return '';
  }
}

/** Whether the database answers within `timeoutMs`: the readiness probe. Never rejects, never waits longer. */
export async function answersWithin(db: Knex, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const answered = db.raw('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MigrateOptions {
  /** See DEFAULT_MIGRATION_LOCK_WAIT_MS. */
  lockWaitMs?: number;
  /** Called once when another process is migrating and this one waits for it. */
  onWait?: () => void;
}

/**
 * Brings the schema up to date, safely when several processes start at once:
 * one migrates while the others wait for it (dialect's withMigrationLock),
 * then find nothing left to do. With nothing pending it writes nothing, so a
 * runtime role that may only read knex's tables starts too.
 *
 * On PostgreSQL the migrations run on a connection of their own, without the
 * statement timeout the caller's connections may have: an index built over
 * millions of rows takes minutes.
 */
export async function migrate(db: Knex, options: MigrateOptions = {}): Promise<void> {
  const origin = opened.get(db);
  const migrator = origin && isPostgresUrl(origin.url) ? connectPostgres(origin.url, { connectTimeoutMs: origin.options.connectTimeoutMs, poolMax: 2, log: origin.options.log }) : db;
  try {
    await dialectOf(migrator).withMigrationLock(migrator, options.lockWaitMs ?? DEFAULT_MIGRATION_LOCK_WAIT_MS, options.onWait ?? (() => {}), async () => {
      const [, pending] = (await migrator.migrate.list({ migrationSource })) as [unknown[], unknown[]];
      if (pending.length > 0) await migrator.migrate.latest({ migrationSource });
    });
  } finally {
    if (migrator !== db) await migrator.destroy();
  }
}

/**
 * Connects, checks that the database answers (else one line naming
 * DATABASE_URL), brings the schema up to date, runs `work` and closes the
 * connection whatever happens: an open pool would keep a command-line
 * process alive after its work is done.
 */
export async function withDatabase<T>(databaseUrl: string, work: (db: Knex) => Promise<T>): Promise<T> {
  const db = connect(databaseUrl);
  try {
    await checkDatabase(db);
    await migrate(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

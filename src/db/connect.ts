import fs from 'node:fs';
import path from 'node:path';
import knex, { Knex } from 'knex';
import { migrationSource } from './migrations';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * How long a SQLite write waits for another process's write lock before it
 * fails with SQLITE_BUSY. better-sqlite3 waits synchronously, so this is how
 * long the whole server stops: it must stay far below a request's latency
 * budget. Writers share the lock for milliseconds (imports commit in small
 * batches), so a short wait almost always suffices.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;

export interface ConnectOptions {
  /** SQLite only: see DEFAULT_BUSY_TIMEOUT_MS. A batch job that is the writer that should wait may give more. */
  busyTimeoutMs?: number;
}

/** Opens the store named by DATABASE_URL: a postgres:// URL, else a SQLite file path (or :memory:). */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Knex {
  if (isPostgresUrl(databaseUrl)) {
    return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new Error(`busyTimeoutMs must be a non-negative integer, got ${busyTimeoutMs}`);
  if (databaseUrl !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(databaseUrl)), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: databaseUrl },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single handle keeps
    // `:memory:` databases and transactions coherent.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        // First, so that switching a new file to WAL waits like any other write.
        conn.pragma(`busy_timeout = ${busyTimeoutMs}`);
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
}

export async function migrate(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

/**
 * Connects, brings the schema up to date, runs `work` and closes the
 * connection whatever happens: an open pool would keep a command-line
 * process alive after its work is done.
 */
export async function withDatabase<T>(databaseUrl: string, work: (db: Knex) => Promise<T>): Promise<T> {
  const db = connect(databaseUrl);
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

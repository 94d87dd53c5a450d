import fs from 'node:fs';
import path from 'node:path';
import knex, { Knex } from 'knex';
import { migrationSource } from './migrations';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the store named by DATABASE_URL: a postgres:// URL, else a SQLite file path (or :memory:). */
export function connect(databaseUrl: string): Knex {
  if (isPostgresUrl(databaseUrl)) {
    return knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
  }
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
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
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

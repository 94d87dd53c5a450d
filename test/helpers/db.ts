import { connect } from '../../src/db/connect';
import type { TestServer } from './server';

/** Reads the test server's database directly, to check what a request changed in the store. */
export async function query<T = Record<string, unknown>>(server: Pick<TestServer, 'config'>, sql: string, bindings: unknown[] = []): Promise<T[]> {
  const db = connect(server.config.databaseUrl);
  try {
    // better-sqlite3 answers the rows; pg answers a result object holding them.
    const result = (await db.raw(sql, bindings as never[])) as T[] | { rows: T[] };
    const rows = Array.isArray(result) ? result : result.rows;
    // Booleans as SQLite stores them (1/0), so one assertion holds on both engines.
    return rows.map((row) => Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])) as T);
  } finally {
    await db.destroy();
  }
}

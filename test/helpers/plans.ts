import type { Knex } from 'knex';
import { engineOf } from '../../src/db/types';

/**
 * The plans of the statements `work` runs on `db`, one text each: SQLite's
 * EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN lines, joined by new
 * lines. What a test of an index choice reads, from the code's own statements.
 */
export async function statementPlans(db: Knex, work: () => Promise<unknown>): Promise<string[]> {
  // PostgreSQL's statements come numbered ($1, $2, … in order), knex.raw takes ?.
  const statements = (await statementsRun(db, work)).map(({ sql, bindings }) => ({ sql: sql.replace(/\$\d+/g, '?'), bindings }));
  const sqlite = engineOf(db) === 'sqlite3';
  return Promise.all(
    statements.map(async ({ sql, bindings }) => {
      const result = await db.raw(`${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql}`, [...bindings] as Knex.RawBinding[]);
      const rows: Record<string, string>[] = sqlite ? result : result.rows;
      return rows.map((r) => (sqlite ? r.detail : r['QUERY PLAN'])).join('\n');
    }),
  );
}

/** The statements `work` runs on `db`, as knex sends them, in order. */
export async function statementsRun(db: Knex, work: () => Promise<unknown>): Promise<{ sql: string; bindings: readonly unknown[] }[]> {
  const statements: { sql: string; bindings: readonly unknown[] }[] = [];
  const listen = (q: { sql: string; bindings?: readonly unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', listen);
  try {
    await work();
  } finally {
    db.off('query', listen);
  }
  return statements;
}

import type { Knex } from 'knex';

/** A knex instance or a transaction: every repository function takes either. */
export type Db = Knex | Knex.Transaction;

export type Engine = 'sqlite3' | 'postgresql';

/**
 * The engine behind a knex instance or transaction. knex reports 'sqlite3'
 * for both SQLite drivers and 'postgresql' for pg; the configured `client`
 * string is the fallback and varies ('better-sqlite3', 'pg', 'postgres'…).
 */
export function engineOf(db: Db): Engine {
  const client = db.client as { dialect?: unknown; config?: { client?: unknown } };
  const name = String(client.dialect ?? client.config?.client ?? '');
  if (['sqlite3', 'better-sqlite3', 'sqlite'].includes(name)) return 'sqlite3';
  if (['postgresql', 'postgres', 'pg'].includes(name)) return 'postgresql';
  throw new Error(`unsupported database client "${name}"`);
}

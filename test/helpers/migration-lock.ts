import knex from 'knex';
import { connect } from '../../src/db/connect';
import { migrationSource } from '../../src/db/migrations';
import type { TestEngine } from './databases';

/**
 * Holds, from outside, the lock a migrator of `url` waits on, as another
 * process migrating would: PostgreSQL's advisory lock (src/db/dialects/postgres.ts)
 * from a session of its own; on SQLite, knex's lock row, the only lock a
 * migrator can wait on there, with the last migration rolled back so that
 * there is one to run. Resolves to the function that lets go.
 */
export async function holdMigrationLock(engine: TestEngine, url: string): Promise<() => Promise<void>> {
  if (engine.name === 'postgres') {
    const session = knex({ client: 'pg', connection: url, pool: { min: 1, max: 1 } });
    await session.raw('SELECT pg_advisory_lock(?, ?)', [0x65426f78, 1]);
    return async () => {
      await session.raw('SELECT pg_advisory_unlock(?, ?)', [0x65426f78, 1]);
      await session.destroy();
    };
  }
  const db = connect(url);
  await db.migrate.latest({ migrationSource });
  await db.migrate.rollback({ migrationSource });
  await db('knex_migrations_lock').update({ is_locked: 1 });
  return async () => {
    await db('knex_migrations_lock').update({ is_locked: 0 });
    await db.destroy();
  };
}

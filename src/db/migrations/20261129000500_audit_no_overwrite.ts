import type { Knex } from 'knex';
import { engineOf } from '../types';

// SQLite runs `INSERT OR REPLACE` as a delete and an insert without firing the
// DELETE trigger (recursive triggers are off), so an existing audit record
// could be overwritten through it. A record with the id of an existing one is
// refused before anything happens. PostgreSQL's `ON CONFLICT DO UPDATE` is an
// UPDATE, which the trigger of 20261121000200 already refuses.
export async function up(db: Knex): Promise<void> {
  if (engineOf(db) !== 'sqlite3') return;
  await db.raw(`CREATE TRIGGER audit_records_no_overwrite BEFORE INSERT ON audit_records
    WHEN EXISTS (SELECT 1 FROM audit_records WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END`);
}

export async function down(db: Knex): Promise<void> {
  if (engineOf(db) === 'sqlite3') await db.raw('DROP TRIGGER IF EXISTS audit_records_no_overwrite');
}

import type { Knex } from 'knex';
import { engineOf } from '../types';

const APPEND_ONLY = 'audit records are append-only';

// The audit trail must not be alterable by any code path (ATREQ01): the
// database itself refuses UPDATE and DELETE on it. Trigger syntax is the one
// engine-specific part, hence the branch.
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('audit_records', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('at_us').notNullable(); // epoch microseconds, for range queries
    t.string('timestamp', 40).notNullable(); // ISO 8601 with microseconds, Brussels offset
    t.string('subject_token_hashed', 64).notNullable();
    t.string('client_id').notNullable();
    t.string('request_method', 10).notNullable();
    t.text('request_url').notNullable();
    t.integer('response_code').notNullable();
    t.text('details').notNullable();
    t.index(['at_us'], 'audit_records_at');
  });
  if (engineOf(db) === 'postgresql') {
    await db.raw(`CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END $$`);
    await db.raw(`CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
      FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`);
    await db.raw(`CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
      FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()`);
  } else {
    for (const action of ['UPDATE', 'DELETE']) {
      await db.raw(`CREATE TRIGGER audit_records_no_${action.toLowerCase()} BEFORE ${action} ON audit_records
        BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`);
    }
  }
}

export async function down(db: Knex): Promise<void> {
  // Only for development databases: a production audit trail is never rolled back.
  if (engineOf(db) === 'postgresql') await db.raw('DROP FUNCTION IF EXISTS audit_records_append_only() CASCADE');
  await db.schema.dropTableIfExists('audit_records');
}

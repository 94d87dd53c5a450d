import { expect } from 'chai';
import { appendAudit, auditRecords, type AuditRecord } from '../../src/db/repositories/audit';
import { describeEachEngine, testDatabase, type TestDatabase } from '../helpers/databases';

const record = (n: number): AuditRecord => ({
  atMicros: 1_780_000_000_000_000 + n, // 2026, beyond 2^31 and 2^32: a bigint on both engines
  TIMESTAMP: `2026-05-28T22:13:20.00000${n}+02:00`,
  SUBJECT_TOKEN_HASHED: 'ab'.repeat(32),
  CLIENT_ID: `client-${'x'.repeat(300)}`, // longer than any varchar default
  API_CALL_REQUEST_METHOD: 'GET',
  API_CALL_REQUEST_URL: `/ebox/messages?page=${n}`,
  API_CALL_RESPONSE_CODE: 200,
  API_CALL_DETAILS: { messages: [`m-${n}`] },
});

describeEachEngine('audit trail storage', (engine) => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase(engine);
    await appendAudit(database.db, [record(1), record(2), record(3)]);
  });
  after(() => database.close());

  const all = async () => {
    const out: AuditRecord[] = [];
    for await (const r of auditRecords(database.db, 0, Number.MAX_SAFE_INTEGER, 2)) out.push(r);
    return out;
  };

  it('gives back what was appended, oldest first, with numbers as numbers', async () => {
    expect(await all()).to.deep.equal([record(1), record(2), record(3)]);
    const inRange: AuditRecord[] = [];
    for await (const r of auditRecords(database.db, record(2).atMicros, record(3).atMicros)) inRange.push(r);
    expect(inRange).to.deep.equal([record(2)]);
  });

  // The database refuses, not the code: these go around every repository function.
  for (const [what, change] of [
    ['UPDATE', () => database.db('audit_records').update({ response_code: 500 })],
    ['UPDATE of one row', () => database.db('audit_records').where('id', 1).update({ details: '{}' })],
    ['DELETE', () => database.db('audit_records').delete()],
    ['DELETE of one row', () => database.db('audit_records').where('id', 1).delete()],
    // knex's truncate() is TRUNCATE on PostgreSQL and DELETE without WHERE on SQLite, which has no TRUNCATE.
    ['TRUNCATE', () => database.db('audit_records').truncate()],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const error = await change().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(String(error)).to.contain('audit records are append-only');
      expect(await all()).to.deep.equal([record(1), record(2), record(3)]);
    });
  }

  if (engine.name === 'postgres') {
    // PostgreSQL only: SQLite has no TRUNCATE statement and no ONLY/CASCADE forms.
    it('refuses TRUNCATE in every form, inside a transaction too', async () => {
      for (const sql of ['TRUNCATE audit_records', 'TRUNCATE ONLY audit_records CASCADE', 'TRUNCATE TABLE audit_records RESTART IDENTITY']) {
        const error = await database.db
          .transaction((trx) => trx.raw(sql))
          .then(
            () => undefined,
            (err: unknown) => err,
          );
        expect(String(error), sql).to.contain('audit records are append-only');
      }
      expect(await all()).to.have.length(3);
    });
  }
});

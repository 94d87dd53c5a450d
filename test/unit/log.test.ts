import { expect } from 'chai';
import knex from 'knex';
import { safeError } from '../../src/log';

describe('safeError: what a logged error may carry', () => {
  it('keeps the driver message and code of a knex error, without its SQL, values or CBE numbers', async () => {
    const db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      await db.schema.createTable('t', (t) => t.string('id').primary());
      await db('t').insert({ id: '0123456749' });
      const err = await db('t')
        .insert({ id: '0123456749' })
        .catch((e: unknown) => e);
      expect(String((err as Error).message)).to.contain('0123456749'); // what knex would have logged
      const logged = safeError(err);
      expect(logged.code).to.equal('SQLITE_CONSTRAINT_PRIMARYKEY');
      expect(JSON.stringify(logged)).to.not.contain('0123456749');
      expect(JSON.stringify(logged)).to.not.match(/insert into/i);
      expect(logged.message).to.match(/UNIQUE constraint failed/);
    } finally {
      await db.destroy();
    }
  });

  it('masks CBE-shaped numbers in any message', () => {
    expect(safeError(new Error('no e-Box 1000000021 here')).message).to.equal('no e-Box [cbe] here');
    expect(safeError('plain 0123456749').message).to.equal('plain [cbe]');
  });
});

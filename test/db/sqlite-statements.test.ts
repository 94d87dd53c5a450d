// SQLite only: its connection keeps every short statement prepared; on PostgreSQL only those marked by keepPlan are (postgres-statements.test.ts).
import { expect } from 'chai';
import type { Knex } from 'knex';
import path from 'node:path';
import { connect, SQLITE_CACHED_SQL_CHARS, SQLITE_CACHED_STATEMENTS } from '../../src/db/connect';
import { tempDir } from '../helpers/server';

describe('the SQLite connection’s prepared statements', () => {
  let db: Knex;
  beforeEach(async () => {
    db = connect(path.join(tempDir('ebox-statements-'), 'ebox.sqlite'));
    await db.schema.createTable('notes', (t) => {
      t.integer('id').primary();
      t.text('text');
    });
    await db('notes').insert([
      { id: 1, text: 'one' },
      { id: 2, text: 'two' },
    ]);
  });
  afterEach(() => db.destroy());

  const all = () => db('notes').select('*').orderBy('id');

  it('answers a statement it kept with the columns the table has now', async () => {
    expect(await all()).to.deep.equal([
      { id: 1, text: 'one' },
      { id: 2, text: 'two' },
    ]);
    await db.raw('ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0');
    await db('notes').where({ id: 2 }).update({ pinned: 1 });
    expect(await all()).to.deep.equal([
      { id: 1, text: 'one', pinned: 0 },
      { id: 2, text: 'two', pinned: 1 },
    ]);

    await db.schema.dropTable('notes');
    await db.schema.createTable('notes', (t) => {
      t.integer('id').primary();
      t.integer('words');
    });
    await db('notes').insert({ id: 7, words: 3 });
    expect(await all()).to.deep.equal([{ id: 7, words: 3 }]);
  });

  it('answers each of more distinct statements than it keeps, and again after they were dropped', async () => {
    const distinct = SQLITE_CACHED_STATEMENTS + 50;
    const ask = async () => {
      for (let n = 0; n < distinct; n++) {
        const rows = await db('notes').select('id', db.raw(`? + ${n} as shifted`, [n])).where({ id: 1 });
        expect(rows, `statement ${n}`).to.deep.equal([{ id: 1, shifted: 2 * n }]);
      }
    };
    await ask();
    await ask();
  });

  it('answers a statement longer than it keeps, each time', async () => {
    const ids = Array.from({ length: SQLITE_CACHED_SQL_CHARS / 2 }, (_, i) => i + 3);
    const { sql } = db('notes').whereIn('id', [1, ...ids]).select('text').toSQL();
    expect(sql.length).to.be.greaterThan(SQLITE_CACHED_SQL_CHARS);
    for (const expected of ['one', 'uno']) {
      expect(await db('notes').whereIn('id', [1, ...ids]).select('text')).to.deep.equal([{ text: expected }]);
      await db('notes').where({ id: 1 }).update({ text: 'uno' });
    }
  });
});

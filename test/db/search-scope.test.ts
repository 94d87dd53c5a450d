import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { scopeKey } from '../../src/db/dialects/sqlite';
import { FIELD_SEPARATOR } from '../../src/domain/search-text';
import { LANGUAGES } from '../../src/domain/translated-string';

// SQLite only: the scope key exists for the FTS5 table; PostgreSQL keeps the
// e-Box and language as columns of its GIN index (migration 20261129000100).
describe('FTS scope key (SQLite)', () => {
  let db: Knex;
  before(async () => {
    db = connect(':memory:');
    await migrate(db);
    await db('messages').insert({
      message_id: 'm', ebox_id: '0000000000', subject: '{}', receipt_at: 0, expiration_at: 1, message_type_id: 't',
      sender_organization_id: '0000000000', business_data: '[]', updated_at: 0,
    });
  });
  after(() => db.destroy());

  it('is computed alike by the migration (SQL) and the dialect (TypeScript)', async () => {
    for (const eboxId of ['0000000000', '0000000001', '0123456749', '0400000086', '1000000021', '1999999999']) {
      for (const lang of LANGUAGES) {
        const [{ id }] = await db('message_search').insert({ message_id: 'm', ebox_id: eboxId, lang, text: 'xyz' }).returning('id');
        const row = await db('message_search_fts_content').where({ id }).first();
        expect(row.text, `${eboxId} ${lang}`).to.equal(`${scopeKey(eboxId, lang)}${FIELD_SEPARATOR}xyz`);
        const found = await db('message_search_fts').whereRaw('message_search_fts MATCH ?', [`"${scopeKey(eboxId, lang)}" AND "xyz"`]).pluck('rowid');
        expect(found, `${eboxId} ${lang}`).to.deep.equal([id]);
        await db('message_search').where({ id }).delete();
      }
    }
  });

  it('differs for every e-Box and language', () => {
    const keys = ['0000000000', '0000000001', '0123456749', '1999999999'].flatMap((e) => LANGUAGES.map((l) => scopeKey(e, l)));
    expect(new Set(keys).size).to.equal(keys.length);
    expect(keys.every((k) => [...k].length === 3 && /^[\uE000-\uF8FF]{3}$/u.test(k))).to.equal(true);
  });
});

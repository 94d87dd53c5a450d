import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { dialectOf } from '../../src/db/dialects';
import { ftsPhrase, scopeKey } from '../../src/db/dialects/sqlite';
import { migrationSource } from '../../src/db/migrations';
import type { Language } from '../../src/domain/translated-string';
import { tempDir } from '../helpers/temp-dirs';

const EBOX = '0123456749';
const OTHER_EBOX = '1000000002';
const MIGRATION = '20261219000000_search_fts_one_column';

/** Rows of message_search as a store holds them: (message, e-Box, language, normalized text). */
const ROWS: [string, string, Language, string][] = [
  ['m1', EBOX, 'fr', 'votre dossier d-1\u001fperiode 2024/4'],
  ['m1', EBOX, 'nl', 'uw dossier d-1\u001fperiode 2024/4'],
  ['m2', EBOX, 'fr', 'autre chose'],
  ['m3', OTHER_EBOX, 'fr', 'votre dossier d-3'],
];

// SQLite only: the migration rebuilds SQLite's FTS5 table and does nothing on
// PostgreSQL, whose trigram index is part of message_search.
describe(`migration ${MIGRATION} (SQLite)`, () => {
  let db: Knex;

  /** The e-Box's messages whose text in `lang` contains `needle`, as the two-column index of before the migration answers. */
  const twoColumnSearch = (needle: string, lang: Language, eboxId = EBOX) =>
    db('message_search_fts')
      .join('message_search', 'message_search.id', 'message_search_fts.rowid')
      .whereRaw('message_search_fts MATCH ?', [`scope : ${ftsPhrase(scopeKey(eboxId, lang))} AND text : ${ftsPhrase(needle)}`])
      .orderBy('message_id')
      .pluck('message_id');
  const search = (needle: string, lang: Language, eboxId = EBOX) => dialectOf(db).searchMatches(db, eboxId, lang, needle).orderBy('message_id').pluck('message_id');
  const integrityCheck = () => db.raw(`INSERT INTO message_search_fts(message_search_fts) VALUES ('integrity-check')`);

  before(async () => {
    db = connect(`${tempDir()}/ebox.sqlite`);
    for (const name of await migrationSource.getMigrations([])) {
      if (name >= MIGRATION) break;
      await db.migrate.up({ migrationSource, name });
    }
    for (const id of ['m1', 'm2', 'm3']) {
      await db('messages').insert({
        message_id: id, ebox_id: id === 'm3' ? OTHER_EBOX : EBOX, subject: '{}', receipt_at: 1, expiration_at: 4102444800000,
        message_type_id: 't', sender_organization_id: '0200000001', business_data: '[]', updated_at: 0,
      });
    }
    for (const [messageId, eboxId, lang, text] of ROWS) await db('message_search').insert({ message_id: messageId, ebox_id: eboxId, lang, text });
    expect(await twoColumnSearch('dossier', 'fr')).to.deep.equal(['m1']);
  });
  after(() => db.destroy());

  it('indexes the stored rows again, in one column, with the same answers', async () => {
    await migrate(db);
    const content: { text: string }[] = await db('message_search_fts_content').orderBy('id').select('text');
    expect(content.map((r) => r.text)).to.deep.equal(ROWS.map(([, eboxId, lang, text]) => `${scopeKey(eboxId, lang)}\u001f${text}`));
    await integrityCheck();
    expect(await search('dossier', 'fr')).to.deep.equal(['m1']);
    expect(await search('dossier', 'fr', OTHER_EBOX)).to.deep.equal(['m3']);
    expect(await search('uw dos', 'nl')).to.deep.equal(['m1']);
    expect(await search('uw dos', 'fr')).to.deep.equal([]);
    expect(await search('cho', 'fr')).to.deep.equal(['m2']);
    // No needle reaches across the key's separator or between fields.
    expect(await search('d-1 periode', 'fr')).to.deep.equal([]);
  });

  it('keeps the index in step with later writes', async () => {
    await db('message_search').insert({ message_id: 'm2', ebox_id: EBOX, lang: 'nl', text: 'iets anders' });
    await db('message_search').where({ message_id: 'm1', lang: 'fr' }).update({ text: 'un autre dossier' });
    await db('message_search').where({ message_id: 'm3' }).delete();
    expect(await search('anders', 'nl')).to.deep.equal(['m2']);
    expect(await search('votre', 'fr')).to.deep.equal([]);
    expect(await search('autre', 'fr')).to.deep.equal(['m1', 'm2']);
    expect(await search('dossier', 'fr', OTHER_EBOX)).to.deep.equal([]);
    await integrityCheck();
  });

  it('goes back to the two-column index on rollback', async () => {
    await db.migrate.down({ migrationSource, name: MIGRATION });
    await integrityCheck();
    expect(await twoColumnSearch('autre', 'fr')).to.deep.equal(['m1', 'm2']);
    expect(await twoColumnSearch('anders', 'nl')).to.deep.equal(['m2']);
    expect(await twoColumnSearch('periode', 'nl')).to.deep.equal(['m1']);
  });
});

import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { migrationSource } from '../../src/db/migrations';
import { countMessages } from '../../src/db/repositories/message-list';
import { FIELD_SEPARATOR } from '../../src/domain/search-text';
import { describeEachEngine, type TestEngine } from '../helpers/databases';

const EBOX = '0123456749';
const MIGRATION = '20261216000000_reference_search';

/** A store as it was before the migration: messages whose search text holds the names of their reference data too. */
async function migrateUpTo(db: Knex, last: string): Promise<void> {
  const names = await migrationSource.getMigrations([]);
  for (const name of names) {
    await db.migrate.up({ migrationSource, name });
    if (name === last) return;
  }
}

/** Undoes `name` and the migrations after it, newest first, as a rollback would. */
async function migrateDownThrough(db: Knex, name: string): Promise<void> {
  const names = await migrationSource.getMigrations([]);
  for (const later of names.filter((n) => n >= name).reverse()) await db.migrate.down({ migrationSource, name: later });
}

describeEachEngine('migration 20261216000000_reference_search', (engine: TestEngine) => {
  let url: string;
  let db: Knex;
  before(async () => {
    url = await engine.createUrl();
    db = connect(url);
    await migrateUpTo(db, '20261215000000_message_links');
    await db('sender_organizations').insert({ organization_id: '0206731645', document: JSON.stringify({ organizationId: '0206731645', organizationShortName: { fr: 'ONSS', nl: 'RSZ' } }), updated_at: 0 });
    await db('sender_applications').insert({ application_id: 'dmfa', document: JSON.stringify({ applicationId: 'dmfa', applicationName: { fr: 'DmfA' }, applicationDescription: { fr: 'Déclaration multifonctionnelle' } }), updated_at: 0 });
    await db('message_types').insert({ message_type_id: 'attest', document: JSON.stringify({ messageTypeId: 'attest', messageTypeName: { fr: 'Attestation' } }), updated_at: 0 });
    await db('eboxes').insert({ ebox_id: EBOX });
    for (const [id, subject, app] of [['m1', 'Votre dossier D-1', 'dmfa'], ['m2', 'Autre chose', null]] as const) {
      await db('messages').insert({
        message_id: id, ebox_id: EBOX, subject: JSON.stringify({ fr: subject }), receipt_at: 1, expiration_at: 4102444800000,
        message_type_id: 'attest', sender_organization_id: '0206731645', sender_application_id: app, business_data: '[]', updated_at: 0,
      });
    }
    for (const [n, size] of [[0, 1000], [1, 234]]) {
      await db('attachments').insert({ message_id: 'm1', attachment_id: `a${n}`, position: n, file_name: 'f.pdf', main_content: n === 0, media_type: 'application/pdf', size_bytes: size, digest: 'd', blob_key: 'k' });
    }
    // The rows the code of the time wrote: own fields, then application, organization and message type names.
    const old = (subject: string, app: boolean, lang: string) =>
      [subject, ...(app ? ['dmfa', 'declaration multifonctionnelle'] : []), lang === 'nl' ? 'rsz' : 'onss', 'attestation'].join(FIELD_SEPARATOR);
    for (const lang of ['nl', 'fr', 'de']) {
      await db('message_search').insert([
        { message_id: 'm1', ebox_id: EBOX, lang, text: old('votre dossier d-1', true, lang) },
        { message_id: 'm2', ebox_id: EBOX, lang, text: old('autre chose', false, lang) },
      ]);
    }
  });
  after(async () => {
    await db.destroy();
    await engine.drop(url);
  });

  const search = (needle: string, lang: 'fr' | 'nl' = 'fr') => countMessages(db, { eboxId: EBOX, now: 2, search: { lang, needle } });
  const rows = (id: string) => db('message_search').where('message_id', id).orderBy('lang').pluck('text');

  it('moves the names of reference data out of every message and finds the same messages', async () => {
    await migrate(db);
    expect(await db('knex_migrations').orderBy('id').pluck('name')).to.include(MIGRATION);
    expect(await rows('m1')).to.deep.equal(['votre dossier d-1', 'votre dossier d-1', 'votre dossier d-1']);
    expect(await db('reference_search').where({ kind: 'senderOrganization', reference_id: '0206731645' }).orderBy('lang').pluck('text')).to.deep.equal(['onss', 'onss', 'rsz']);
    expect(await search('dossier d-1')).to.equal(1);
    expect(await search('onss')).to.equal(2);
    expect(await search('rsz', 'nl')).to.equal(2);
    expect(await search('multifonction')).to.equal(1);
    expect(await search('attestation')).to.equal(2);
    // Never across two fields, the new boundary (own text / reference names) included.
    expect(await search('d-1 dmfa')).to.equal(0);
  });

  it('gives every message the sum of its attachment sizes', async () => {
    expect(await db('messages').orderBy('message_id').pluck('attachment_bytes').then((v) => v.map(Number))).to.deep.equal([1234, 0]);
  });

  it('goes back down to one text per message holding the names again', async () => {
    await migrateDownThrough(db, MIGRATION);
    expect(await db.schema.hasTable('reference_search')).to.equal(false);
    const fr = await db('message_search').where({ message_id: 'm1', lang: 'fr' }).first();
    expect(fr.text).to.equal(['votre dossier d-1', 'dmfa', 'declaration multifonctionnelle', 'onss', 'attestation'].join(FIELD_SEPARATOR));
    await migrate(db);
    expect(await search('onss')).to.equal(2);
  });
});

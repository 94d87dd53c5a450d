import { expect } from 'chai';
import type { Knex } from 'knex';
import { engineOf } from '../../src/db/types';
import { describeEachEngine } from '../helpers/databases';
import { useImportStore } from '../helpers/import-store';

/**
 * An import writes a batch's search rows grouped by e-Box and language
 * (db/search-index.ts), so that a search of one e-Box reads its rows of a
 * batch from a few pages of message_search, not one page each.
 */
const EBOXES = ['0123456749', '1000000002', '0200000001'];
const MESSAGES = 60;
const BATCH = 20;

function fixture() {
  const messages = Array.from({ length: MESSAGES }, (_, n) => ({
    // The file interleaves the e-Boxes, as the messages of a day arrive.
    eboxId: EBOXES[n % EBOXES.length],
    messageId: `m-${String(n).padStart(3, '0')}`,
    subject: { fr: `Avis ${n}`, nl: `Bericht ${n}`, de: `Mitteilung ${n}` },
    receiptDate: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    expirationDate: '2099-01-01T00:00:00Z',
    messageTypeId: 'type',
    senderOrganizationId: '0200000001',
    senderApplicationId: 'app',
  }));
  return {
    senderOrganizations: [{ organizationId: '0200000001', organizationShortName: { fr: 'Office', nl: 'Dienst', de: 'Amt' } }],
    senderApplications: [{ applicationId: 'app', applicationName: { fr: 'Appli', nl: 'Toep', de: 'Anw' } }],
    messageTypes: [{ messageTypeId: 'type', messageTypeName: { fr: 'Type', nl: 'Soort', de: 'Art' }, validityPeriod: { validityPeriodNumber: 80, validityPeriodUnit: 'year' } }],
    messages,
  };
}

describeEachEngine('search rows as an import writes them', (engine) => {
  const store = useImportStore(engine);
  let db: Knex;

  before(async function () {
    this.timeout(60_000);
    db = store.db;
    await store.load(fixture(), { batchSize: BATCH });
  });

  it('lie grouped by e-Box and language within each batch, in the table’s own order', async () => {
    // The order rows have in the table: SQLite's rowid, PostgreSQL's physical location.
    const physical = engineOf(db) === 'sqlite3' ? 'id' : db.raw('ctid');
    const rows: { message_id: string; ebox_id: string; lang: string }[] = await db('message_search').orderBy(physical).select('message_id', 'ebox_id', 'lang');
    expect(rows).to.have.length(MESSAGES * 3);
    const batchOf = (messageId: string) => Math.floor(Number(messageId.slice(2)) / BATCH);
    const groups = rows.map((r) => `${batchOf(r.message_id)} ${r.ebox_id} ${r.lang}`);
    // Each (batch, e-Box, language) is one run of consecutive rows.
    const runs = groups.filter((group, i) => i === 0 || group !== groups[i - 1]);
    expect(runs).to.deep.equal([...new Set(groups)]);
    expect(runs).to.have.length((MESSAGES / BATCH) * EBOXES.length * 3);
    // Within a run, the messages keep the file's order.
    const ids = rows.filter((r) => r.ebox_id === EBOXES[0] && r.lang === 'fr').map((r) => r.message_id);
    expect(ids).to.deep.equal([...ids].sort());
  });
});

// PostgreSQL only: SQLite's connection keeps every short statement prepared (sqlite-statements.test.ts); here only those marked by keepPlan are kept.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, DEFAULT_POSTGRES_KEPT_STATEMENTS } from '../../src/db/connect';
import { pageAndCount } from '../../src/db/repositories/message-list';
import { attachmentsOf, ensureEbox, findMessage, replaceAttachmentsOf, upsertMessages, type AttachmentRecord } from '../../src/db/repositories/messages';
import { reindexMessages } from '../../src/db/search-index';
import { engines, testDatabase, type TestDatabase } from '../helpers/databases';
import { messageRecord, RECORD_NOW } from '../helpers/message-record';

const EBOX = '0123456749';
const IDS = Array.from({ length: DEFAULT_POSTGRES_KEPT_STATEMENTS + 20 }, (_, i) => `m${String(i).padStart(3, '0')}`);

function attachment(messageId: string): AttachmentRecord {
  return {
    messageId,
    attachmentId: 'a',
    position: 0,
    fileName: 'a.pdf',
    mainContent: true,
    mediaType: 'application/pdf',
    sizeBytes: 3,
    digest: 'LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564',
    signed: false,
    blobKey: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  };
}

for (const engine of engines().filter((e) => e.name === 'postgres')) {
  describe('the PostgreSQL connection’s kept statements [postgres]', () => {
    let store: TestDatabase;
    /** One connection, so that what it prepared is what pg_prepared_statements shows. */
    let db: Knex;
    beforeEach(async () => {
      store = await testDatabase(engine);
      const messages = IDS.map((id, i) => messageRecord(id, { receiptAt: RECORD_NOW - 1_000 * (i + 1) }));
      await ensureEbox(store.db, EBOX);
      await upsertMessages(store.db, messages, IDS.map(attachment));
      await replaceAttachmentsOf(store.db, IDS, IDS.map(attachment));
      await reindexMessages(store.db, IDS);
      db = connect(store.url, { poolMax: 1 });
    });
    afterEach(async () => {
      await db.destroy();
      await store.close();
    });

    const kept = async (): Promise<string[]> =>
      (await db.raw<{ rows: { statement: string }[] }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).rows.map((r) => r.statement);
    const plainPage = () => pageAndCount(db, { eboxId: EBOX, now: RECORD_NOW }, 0, 25);
    const newestIds = IDS.slice(0, 25);

    it('keeps the plain list’s page and tallies, not a search’s statements', async () => {
      for (let n = 0; n < 7; n++) {
        const { records, total } = await plainPage();
        expect(total).to.equal(IDS.length);
        expect(records.map((r) => r.messageId)).to.deep.equal(newestIds);
      }
      const { records } = await pageAndCount(db, { eboxId: EBOX, now: RECORD_NOW, search: { lang: 'fr', needle: 'm01' } }, 0, 25);
      expect(records.map((r) => r.messageId)).to.deep.equal(IDS.filter((id) => id.startsWith('m01')));

      const statements = await kept();
      expect(statements.some((s) => s.includes('from "ebox_tallies"')), 'the tallies').to.equal(true);
      expect(statements.some((s) => s.startsWith('select "messages".* from "messages" where "messages"."message_id" in (select')), 'the page').to.equal(true);
      expect(statements.filter((s) => s.includes('message_search'))).to.deep.equal([]);
    });

    it('answers a kept statement with the columns the table has now, after another connection added one', async () => {
      const before = await findMessage(db, EBOX, 'm000', RECORD_NOW);
      expect(before?.messageId).to.equal('m000');
      expect((await plainPage()).records.map((r) => r.messageId)).to.deep.equal(newestIds);
      await store.db.raw('ALTER TABLE messages ADD COLUMN pinned integer NOT NULL DEFAULT 0');

      for (let n = 0; n < 2; n++) {
        expect(await findMessage(db, EBOX, 'm000', RECORD_NOW)).to.deep.equal(before);
        expect((await plainPage()).records.map((r) => r.messageId)).to.deep.equal(newestIds);
      }
      // Prepared again under new names: the stale ones are never run again.
      const statements = await kept();
      expect(statements.filter((s) => s.startsWith('select * from "messages"'))).to.have.length(2);
    });

    it(`keeps at most ${DEFAULT_POSTGRES_KEPT_STATEMENTS} distinct statements and answers the others as well`, async () => {
      // The attachments of 1, 2, … messages: one text each.
      for (let n = 1; n <= IDS.length; n++) {
        const found = await attachmentsOf(db, IDS.slice(0, n));
        expect([...found.values()].map((list) => list.map((a) => a.messageId)), `${n} messages`).to.deep.equal(IDS.slice(0, n).map((id) => [id]));
      }
      expect(await kept()).to.have.length(DEFAULT_POSTGRES_KEPT_STATEMENTS);
    });

    it('keeps none when told to keep none (a pooler that cannot carry named statements)', async () => {
      const unkept = connect(store.url, { poolMax: 1, keptStatements: 0 });
      try {
        for (let n = 0; n < 7; n++) expect((await pageAndCount(unkept, { eboxId: EBOX, now: RECORD_NOW }, 0, 25)).records.map((r) => r.messageId)).to.deep.equal(newestIds);
        expect((await unkept.raw<{ rows: unknown[] }>('SELECT statement FROM pg_prepared_statements')).rows).to.deep.equal([]);
      } finally {
        await unkept.destroy();
      }
    });
  });
}

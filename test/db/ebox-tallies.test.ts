import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { migrationSource } from '../../src/db/migrations';
import {
  ensureEboxes,
  markRead,
  replaceAttachmentsOf,
  setVisible,
  upsertMessages,
  type AttachmentRecord,
  type MessageRecord,
} from '../../src/db/repositories/messages';
import { countMessages, eboxFigures, listMessages, pageAndCount, type MessageCriteria } from '../../src/db/repositories/message-list';
import { deleteMessages } from '../../src/db/repositories/retention';
import { describeEachEngine, testDatabase, type TestDatabase } from '../helpers/databases';
import { DAY, messageRecord, RECORD_NOW } from '../helpers/message-record';

/**
 * ebox_tallies, kept by triggers on `messages` (migration 20261217000000),
 * must always equal a count of the messages themselves, whatever wrote them;
 * and the figures and counts read from it must equal the ones counted by
 * walking the e-Box.
 */
const A = '0123456749';
const B = '1000000021';
const NOW = RECORD_NOW;
const message = messageRecord;

const attachment = (messageId: string, sizeBytes: number): AttachmentRecord => ({
  messageId,
  attachmentId: `${messageId}-a`,
  position: 0,
  fileName: 'a.pdf',
  mainContent: true,
  mediaType: 'application/pdf',
  sizeBytes,
  digest: 'd'.repeat(43),
  signed: false,
  blobKey: 'b'.repeat(64),
});

/** The tallies as a count of the messages would give them, zero rows left out. */
async function recount(db: Knex): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db('messages')
    .groupBy('ebox_id', 'read_status', 'visible')
    .select('ebox_id', 'read_status', 'visible', db.raw('count(*) as n'), db.raw('sum(attachment_bytes) as bytes'));
  return rows.map(line).sort();
}

async function tallies(db: Knex): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db('ebox_tallies').where('message_count', '<>', 0).select('*');
  for (const r of await db('ebox_tallies').where('message_count', 0)) expect(Number(r.attachment_bytes), 'bytes of no message').to.equal(0);
  return rows.map((r) => line({ ...r, n: r.message_count, bytes: r.attachment_bytes })).sort();
}

const line = (r: Record<string, unknown>) => `${r.ebox_id} read=${Boolean(r.read_status)} visible=${Boolean(r.visible)}: ${Number(r.n)} messages, ${Number(r.bytes)} bytes`;

describeEachEngine('e-Box tallies', (engine) => {
  let database: TestDatabase;
  const db = () => database.db;

  beforeEach(async () => {
    database = await testDatabase(engine);
    await ensureEboxes(db(), [A, B]);
  });
  afterEach(() => database.close());

  const expectTalliesRight = async () => {
    const expected = await recount(db());
    expect(expected, 'the scenario stores messages').to.not.deep.equal([]);
    expect(await tallies(db())).to.deep.equal(expected);
  };

  it('follow every writer: import upserts, attachments, read-marking, hiding, a move to another e-Box, purge', async () => {
    const messages = ['m1', 'm2', 'm3', 'm4'].map((id) => message(id));
    await upsertMessages(db(), messages, [attachment('m1', 1000), attachment('m2', 5_000_000_000)]);
    await expectTalliesRight();
    // The same messages again (an import run twice), some changed: ON CONFLICT updates.
    await upsertMessages(db(), [message('m1', { readStatus: true }), message('m3', { eboxId: B }), message('m5', { visible: false })], [attachment('m1', 7)]);
    await expectTalliesRight();
    await replaceAttachmentsOf(db(), ['m4'], [attachment('m4', 300)]);
    await markRead(db(), 'm2', NOW);
    await setVisible(db(), A, ['m2', 'm4'], false, NOW);
    await expectTalliesRight();
    await db()('messages').where('message_id', 'm5').update({ ebox_id: B, read_status: true });
    await deleteMessages(db(), ['m2']);
    await expectTalliesRight();
    await db()('messages').delete();
    expect(await tallies(db())).to.deep.equal([]);
  });

  it('count what a walk over the e-Box counts, expired messages left out, for every read status and visibility', async () => {
    const mixed: MessageRecord[] = [];
    for (let i = 0; i < 24; i++) {
      mixed.push(
        message(`m${i}`, {
          readStatus: i % 2 === 0,
          visible: i % 3 !== 0,
          expirationAt: NOW + (i % 4 === 0 ? -DAY : DAY) * (1 + (i % 5)),
          receiptAt: NOW - DAY * (i % 7),
        }),
      );
    }
    mixed.push(message('elsewhere', { eboxId: B }));
    await upsertMessages(
      db(),
      mixed,
      mixed.map((m, i) => attachment(m.messageId, 100 + i)),
    );
    const live = mixed.filter((m) => m.eboxId === A && m.expirationAt > NOW);
    expect(live.length, 'some expired, some not').to.be.within(1, 23);
    for (const readStatus of [undefined, true, false]) {
      for (const visible of [undefined, true, false]) {
        const c: MessageCriteria = { eboxId: A, now: NOW, readStatus, visible };
        const expected = live.filter((m) => (readStatus === undefined || m.readStatus === readStatus) && (visible === undefined || m.visible === visible)).length;
        expect(await countMessages(db(), c), JSON.stringify(c)).to.equal(expected);
        // A criterion the tallies do not answer: the count walks the e-Box.
        expect(await countMessages(db(), { ...c, receivedFrom: 0 }), JSON.stringify(c)).to.equal(expected);
      }
    }
    const figures = await eboxFigures(db(), A, NOW);
    expect(figures).to.deep.include({
      numberOfMessages: live.length,
      numberOfUnreadMessages: live.filter((m) => !m.readStatus).length,
      lastReceiptAt: Math.max(...live.map((m) => m.receiptAt)),
      attachmentBytes: live.reduce((sum, m) => sum + 100 + Number(m.messageId.slice(1)), 0),
    });
    // Everything expired: nothing is left, and no negative figure either.
    expect(await eboxFigures(db(), A, NOW + 10 * DAY)).to.deep.include({ numberOfMessages: 0, numberOfUnreadMessages: 0, lastReceiptAt: null, attachmentBytes: 0 });
  });

  it('give every page, read from either end, as the walk from the top gives it', async () => {
    // Receipt times tied in threes: the order falls back to the message id.
    const stored = Array.from({ length: 23 }, (_, i) => message(`m${String(i).padStart(2, '0')}`, { receiptAt: NOW - DAY * Math.floor(i / 3), readStatus: i % 4 === 0 }));
    await upsertMessages(db(), stored);
    for (const c of [{ eboxId: A, now: NOW }, { eboxId: A, now: NOW, readStatus: false }, { eboxId: A, now: NOW, receivedFrom: NOW - 5 * DAY }]) {
      const all = (await listMessages(db(), c, 0, 100)).map((m) => m.messageId);
      for (const limit of [1, 4, 10]) {
        for (let offset = 0; offset <= all.length + 1; offset++) {
          const { records, total } = await pageAndCount(db(), c, offset, limit);
          expect(total).to.equal(all.length);
          expect(
            records.map((m) => m.messageId),
            `${JSON.stringify(c)} offset ${offset} limit ${limit}`,
          ).to.deep.equal(all.slice(offset, offset + limit));
        }
      }
    }
  });

  if (engine.name === 'postgres') {
    // Row triggers would serialize nothing here; statement triggers update each shared tally once per statement, in key order.
    it('stay right under concurrent writers of the same e-Boxes, without deadlock (PostgreSQL)', async () => {
      const writer = (prefix: string, eboxes: string[]) =>
        db().transaction(async (trx) => {
          for (let round = 0; round < 5; round++) {
            const batch = eboxes.flatMap((eboxId, i) => [message(`${prefix}-${round}-${i}`, { eboxId, readStatus: round % 2 === 0 })]);
            await upsertMessages(trx, batch, batch.map((m) => attachment(m.messageId, 10)));
          }
        });
      await Promise.all([writer('w1', [A, B]), writer('w2', [B, A]), writer('w3', [A]), writer('w4', [B])]);
      await expectTalliesRight();
      expect((await eboxFigures(db(), A, NOW)).numberOfMessages).to.equal(15);
    });
  }
});

describeEachEngine('migration 20261217000000_ebox_tallies', (engine) => {
  it('tallies a store that already holds messages, and goes back down', async () => {
    const url = await engine.createUrl();
    const db = connect(url);
    try {
      for (const name of await migrationSource.getMigrations([])) {
        if (name >= '20261217000000_ebox_tallies') break;
        await db.migrate.up({ migrationSource, name });
      }
      await ensureEboxes(db, [A, B]);
      await upsertMessages(db, [message('m1'), message('m2', { readStatus: true }), message('m3', { eboxId: B, visible: false })], [attachment('m1', 42)]);
      await migrate(db);
      expect(await tallies(db)).to.deep.equal(await recount(db));
      expect((await eboxFigures(db, A, NOW)).attachmentBytes).to.equal(42);
      await db.migrate.down({ migrationSource, name: '20261217000000_ebox_tallies' });
      expect(await db.schema.hasTable('ebox_tallies')).to.equal(false);
      await upsertMessages(db, [message('m4')]);
    } finally {
      await db.destroy();
      await engine.drop(url);
    }
  });
});

import { expect } from 'chai';
import { countMessages, listMessages, pageAndCount, type MessageCriteria } from '../../src/db/repositories/message-list';
import { ensureEboxes, upsertMessages, type MessageRecord } from '../../src/db/repositories/messages';
import { engineOf } from '../../src/db/types';
import { describeEachEngine, testDatabase, type TestDatabase } from '../helpers/databases';
import { DAY, messageRecord, RECORD_NOW } from '../helpers/message-record';
import { statementPlans } from '../helpers/plans';

/**
 * A list filtered by message type or sender organization (migration
 * 20261218000000_messages_ebox_filters): counted and paged from the (e-Box,
 * type) or (e-Box, organization) index, with exactly what a walk of the
 * e-Box finds. The store is large enough (2,000 messages in the caller's
 * e-Box, 8,000 in 80 others) for PostgreSQL's planner to prefer indexes at all.
 */
const EBOX = '0123456749';
const TYPES = ['t0', 't1', 't2', 't3', 't4', 't5'];
const ORGANIZATIONS = ['0206731645', '0308357159', '0316381039', '0206737484'];
const OWN = 2_000;
const OTHERS = 8_000;

function stored(): MessageRecord[] {
  const records: MessageRecord[] = [];
  for (let i = 0; i < OWN + OTHERS; i++) {
    const own = i < OWN;
    records.push(
      messageRecord(`m${String(i).padStart(5, '0')}`, {
        eboxId: own ? EBOX : `1${String(100_000_000 + (i % 80)).padStart(9, '0')}`,
        messageTypeId: TYPES[(i * 7) % TYPES.length],
        senderOrganizationId: ORGANIZATIONS[(i * 3) % ORGANIZATIONS.length],
        // Several messages share a receipt instant, so that the message id decides their order.
        receiptAt: RECORD_NOW - DAY * Math.floor(i / 3) - (i % 2),
        expirationAt: RECORD_NOW + (i % 9 === 0 ? -DAY : 400 * DAY),
        readStatus: i % 4 === 0,
        visible: i % 5 !== 0,
      }),
    );
  }
  return records;
}

/** What a walk of the e-Box finds: the matches in list order (newest first, then message id descending). */
function walk(records: MessageRecord[], c: MessageCriteria): string[] {
  return records
    .filter(
      (m) =>
        m.eboxId === c.eboxId &&
        m.expirationAt > c.now &&
        (c.messageTypeId === undefined || m.messageTypeId === c.messageTypeId) &&
        (c.senderOrganizationId === undefined || m.senderOrganizationId === c.senderOrganizationId) &&
        (c.receivedFrom === undefined || m.receiptAt >= c.receivedFrom) &&
        (c.receivedUntil === undefined || m.receiptAt < c.receivedUntil) &&
        (c.readStatus === undefined || m.readStatus === c.readStatus) &&
        (c.visible === undefined || m.visible === c.visible),
    )
    .sort((a, b) => b.receiptAt - a.receiptAt || (a.messageId < b.messageId ? 1 : -1))
    .map((m) => m.messageId);
}

const BY_TYPE: MessageCriteria[] = [
  { eboxId: EBOX, now: RECORD_NOW, messageTypeId: 't2' },
  { eboxId: EBOX, now: RECORD_NOW, messageTypeId: 't3', receivedFrom: RECORD_NOW - 300 * DAY, receivedUntil: RECORD_NOW - 100 * DAY },
  { eboxId: EBOX, now: RECORD_NOW, messageTypeId: 't0', readStatus: false, visible: true },
];
const BY_ORGANIZATION: MessageCriteria[] = [
  { eboxId: EBOX, now: RECORD_NOW, senderOrganizationId: ORGANIZATIONS[1] },
  { eboxId: EBOX, now: RECORD_NOW, senderOrganizationId: ORGANIZATIONS[2], receivedFrom: RECORD_NOW - 300 * DAY, receivedUntil: RECORD_NOW - 100 * DAY },
  { eboxId: EBOX, now: RECORD_NOW, senderOrganizationId: ORGANIZATIONS[0], readStatus: true },
];
const CRITERIA: MessageCriteria[] = [
  ...BY_TYPE,
  ...BY_ORGANIZATION,
  { eboxId: EBOX, now: RECORD_NOW, messageTypeId: 't4', senderOrganizationId: ORGANIZATIONS[2] },
  { eboxId: EBOX, now: RECORD_NOW, messageTypeId: 'no such type' },
  { eboxId: EBOX, now: RECORD_NOW, senderOrganizationId: '0999999999' },
];

describeEachEngine('a list filtered by message type or sender organization', (engine) => {
  let database: TestDatabase;
  let records: MessageRecord[];
  const db = () => database.db;

  before(async function () {
    this.timeout(60_000);
    database = await testDatabase(engine);
    records = stored();
    await ensureEboxes(
      db(),
      records.map((m) => m.eboxId),
    );
    for (let i = 0; i < records.length; i += 500) await upsertMessages(db(), records.slice(i, i + 500));
    if (engineOf(db()) === 'postgresql') await db().raw('ANALYZE messages');
  });
  after(() => database.close());

  it('counts and pages exactly what a walk of the e-Box finds, from either end', async () => {
    for (const c of CRITERIA) {
      const expected = walk(records, c);
      const label = JSON.stringify(c);
      expect(await countMessages(db(), c), label).to.equal(expected.length);
      for (const offset of [0, 25, Math.max(0, expected.length - 30)]) {
        const { records: page, total } = await pageAndCount(db(), c, offset, 25);
        expect(total, label).to.equal(expected.length);
        expect(
          page.map((m) => m.messageId),
          `${label} at ${offset}`,
        ).to.deep.equal(expected.slice(offset, offset + 25));
      }
    }
    for (const c of CRITERIA.slice(0, -2)) expect(walk(records, c), `${JSON.stringify(c)} matches some messages`).to.not.be.empty;
  });

  it('counts and pages from the (e-Box, type) or (e-Box, organization) index, and plain lists from the e-Box index', async () => {
    for (const [index, criteria] of [
      ['messages_ebox_type', BY_TYPE],
      ['messages_ebox_organization', BY_ORGANIZATION],
    ] as const) {
      for (const c of criteria) {
        const plans = await statementPlans(db(), async () => {
          await countMessages(db(), c);
          await listMessages(db(), c, 0, 25);
        });
        expect(plans, JSON.stringify(c)).to.have.length(2);
        for (const plan of plans) expect(plan, JSON.stringify(c)).to.include(index);
      }
    }
    const plain = await statementPlans(db(), () => listMessages(db(), { eboxId: EBOX, now: RECORD_NOW }, 0, 25));
    expect(plain.join('\n')).to.include('messages_ebox_receipt').and.not.match(/messages_ebox_(type|organization)/);
  });
});

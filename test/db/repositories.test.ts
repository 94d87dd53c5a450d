import { expect } from 'chai';
import {
  attachmentsOf,
  ensureEbox,
  findMessage,
  liveMessageIds,
  markRead,
  recordConsultation,
  replaceAttachments,
  setVisible,
  upsertMessage,
  type AttachmentRecord,
  type MessageRecord,
} from '../../src/db/repositories/messages';
import { countMessages, eboxFigures, listMessages, type MessageCriteria } from '../../src/db/repositories/message-list';
import { countReferences, findImage, findReference, imagesOf, listReferences, replaceImages, upsertReference, type ImageRecord } from '../../src/db/repositories/reference-data';
import { describeEachEngine, testDatabase, type TestDatabase } from '../helpers/databases';

/**
 * What every repository function answers, asserted value by value and type by
 * type (deep.equal tells 1 from '1' and true from 1), so that each engine
 * answers exactly this. The ids are chosen so that any linguistic collation
 * orders them differently from SQLite's code points.
 */
const EBOX = '0123456749';
const OTHER = '1000000021';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const RECEIVED = Date.parse('2026-05-01T08:15:00Z');
const FAR = Date.parse('2040-01-01T00:00:00Z');
const TIED_IDS = ['B', 'a', 'a_b', 'a-b', 'ab', 'Z', 'e', 'é', 'É', '10', '9', 'x'.repeat(300)];
/** Code-point order, as SQLite's BINARY collation sorts (JavaScript compares UTF-16 units; equal here: no astral characters). */
const byCodePoint = (ids: string[]) => [...ids].sort();

function message(messageId: string, over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    messageId,
    eboxId: EBOX,
    subject: { fr: `Sujet ${messageId}` },
    receiptAt: RECEIVED,
    expirationAt: FAR,
    readStatus: false,
    firstReadAt: null,
    visible: true,
    registeredMail: false,
    forTheAttentionOf: undefined,
    messageTypeId: 'type',
    senderOrganizationId: '0206731645',
    senderApplicationId: undefined,
    originalMessageId: undefined,
    bodyMainContent: false,
    bodyContent: undefined,
    paymentData: undefined,
    businessData: [],
    replyAuthorized: false,
    updatedAt: NOW,
    ...over,
  };
}

const FULL = message('full', {
  receiptAt: RECEIVED + 1000,
  readStatus: true,
  firstReadAt: NOW - 5,
  visible: false,
  registeredMail: true,
  forTheAttentionOf: { id: '85010100123', type: 'INSS', name: 'Jean' },
  senderApplicationId: 'app',
  originalMessageId: 'original',
  bodyMainContent: true,
  bodyContent: { fr: 'Corps' },
  paymentData: { paymentDataId: 'p', amount: 12.5 },
  businessData: [{ key: 'k', values: [{ fr: 'v' }] }],
  replyAuthorized: true,
});

function attachment(messageId: string, attachmentId: string, position: number, sizeBytes: number): AttachmentRecord {
  return {
    messageId,
    attachmentId,
    position,
    title: position === 0 ? { fr: 'Titre' } : undefined,
    fileName: `${attachmentId}.pdf`,
    mainContent: position === 0,
    mediaType: 'application/pdf',
    sizeBytes,
    digest: 'd'.repeat(43),
    signed: position === 1,
    blobKey: 'b'.repeat(64),
  };
}

describeEachEngine('repositories answer the same on every engine', (engine) => {
  let database: TestDatabase;
  const db = () => database.db;
  const criteria = (over: Partial<MessageCriteria> = {}): MessageCriteria => ({ eboxId: EBOX, now: NOW, ...over });

  before(async () => {
    database = await testDatabase(engine);
    await ensureEbox(db(), EBOX);
    await ensureEbox(db(), EBOX); // twice: an upsert
    for (const id of TIED_IDS) await upsertMessage(db(), message(id));
    await upsertMessage(db(), FULL);
    await upsertMessage(db(), message('expired', { expirationAt: NOW - 1 }));
    await upsertMessage(db(), message('of-other', { eboxId: OTHER }));
    // Beyond 2^32 bytes: a bigint that the PostgreSQL driver returns as a string.
    await replaceAttachments(db(), 'full', [attachment('full', 'main', 0, 5_000_000_000), attachment('full', 'annex', 1, 1234)]);
    await replaceAttachments(db(), 'B', [attachment('B', 'only', 0, 10)]);
    await replaceAttachments(db(), 'expired', [attachment('expired', 'gone', 0, 99)]);
  });
  after(() => database.close());

  it('gives a message back as it was stored, types included', async () => {
    expect(await findMessage(db(), EBOX, 'full', NOW)).to.deep.equal(FULL);
    expect(await findMessage(db(), EBOX, 'B', NOW)).to.deep.equal(message('B'));
    expect(await findMessage(db(), EBOX, 'expired', NOW)).to.equal(undefined);
    expect(await findMessage(db(), EBOX, 'of-other', NOW)).to.equal(undefined);
  });

  it('lists newest first, ties by messageId descending in code-point order, and pages alike', async () => {
    const expected = ['full', ...byCodePoint(TIED_IDS).reverse()];
    expect((await listMessages(db(), criteria(), 0, 100)).map((m) => m.messageId)).to.deep.equal(expected);
    expect((await listMessages(db(), criteria(), 3, 4)).map((m) => m.messageId)).to.deep.equal(expected.slice(3, 7));
    expect(await countMessages(db(), criteria())).to.equal(expected.length);
    expect(await countMessages(db(), criteria({ readStatus: true }))).to.equal(1);
    expect(await countMessages(db(), criteria({ visible: false, registeredMail: true, senderApplicationId: 'app' }))).to.equal(1);
    expect(await countMessages(db(), criteria({ receivedFrom: RECEIVED + 1, receivedUntil: RECEIVED + 1001 }))).to.equal(1);
    expect(await countMessages(db(), criteria({ messageTypeId: 'none' }))).to.equal(0);
    expect(await listMessages(db(), criteria(), 100, 25)).to.deep.equal([]);
  });

  it('sums the e-Box figures as numbers, zeros and nulls for an empty e-Box', async () => {
    expect(await eboxFigures(db(), EBOX, NOW)).to.deep.equal({
      numberOfMessages: TIED_IDS.length + 1,
      numberOfUnreadMessages: TIED_IDS.length,
      lastReceiptAt: RECEIVED + 1000,
      lastConsultationAt: null,
      attachmentBytes: 5_000_000_000 + 1234 + 10,
    });
    expect(await eboxFigures(db(), '0400000086', NOW)).to.deep.equal({
      numberOfMessages: 0,
      numberOfUnreadMessages: 0,
      lastReceiptAt: null,
      lastConsultationAt: null,
      attachmentBytes: 0,
    });
  });

  it('gives attachments in position order, sizes as numbers', async () => {
    const byMessage = await attachmentsOf(db(), ['full', 'B', 'a', 'unknown']);
    expect([...byMessage.keys()]).to.deep.equal(['full', 'B', 'a', 'unknown']);
    expect(byMessage.get('full')).to.deep.equal([attachment('full', 'main', 0, 5_000_000_000), attachment('full', 'annex', 1, 1234)]);
    expect(byMessage.get('B')).to.deep.equal([attachment('B', 'only', 0, 10)]);
    expect(byMessage.get('a')).to.deep.equal([]);
  });

  it('marks read once, keeping the first read', async () => {
    expect(await markRead(db(), 'a', NOW)).to.equal(true);
    expect(await markRead(db(), 'a', NOW + 1)).to.equal(false);
    expect(await findMessage(db(), EBOX, 'a', NOW)).to.deep.include({ readStatus: true, firstReadAt: NOW });
  });

  it('changes visibility of live messages of the e-Box only', async () => {
    expect([...(await liveMessageIds(db(), EBOX, ['ab', 'expired', 'of-other', 'nope'], NOW))]).to.deep.equal(['ab']);
    await setVisible(db(), EBOX, ['ab', 'of-other'], false, NOW + 2);
    expect(await findMessage(db(), EBOX, 'ab', NOW)).to.deep.include({ visible: false, updatedAt: NOW + 2 });
    expect((await db()('messages').where('message_id', 'of-other').first()).updated_at).to.satisfy((v: unknown) => Number(v) === NOW);
  });

  it('records a consultation at most once per interval', async () => {
    await recordConsultation(db(), EBOX, NOW, 60_000);
    await recordConsultation(db(), EBOX, NOW + 1000, 60_000);
    expect((await eboxFigures(db(), EBOX, NOW)).lastConsultationAt).to.equal(NOW);
    await recordConsultation(db(), OTHER, NOW + 60_000, 60_000); // no eboxes row yet
    expect((await eboxFigures(db(), OTHER, NOW)).lastConsultationAt).to.equal(NOW + 60_000);
  });

  it('lists reference data by id in code-point order, counts as numbers', async () => {
    for (const id of TIED_IDS) await upsertReference(db(), 'messageType', { id, document: { messageTypeId: id, messageTypeName: { fr: 'é' } }, updatedAt: NOW });
    await upsertReference(db(), 'messageType', { id: 'B', document: { messageTypeId: 'B', changed: true }, updatedAt: NOW + 1 });
    expect((await listReferences(db(), 'messageType', 0, 100)).map((r) => r.id)).to.deep.equal(byCodePoint(TIED_IDS));
    expect((await listReferences(db(), 'messageType', 2, 3)).map((r) => r.id)).to.deep.equal(byCodePoint(TIED_IDS).slice(2, 5));
    expect(await countReferences(db(), 'messageType')).to.equal(TIED_IDS.length);
    expect(await countReferences(db(), 'senderApplication')).to.equal(0);
    expect(await findReference(db(), 'messageType', 'B')).to.deep.equal({ id: 'B', document: { messageTypeId: 'B', changed: true }, updatedAt: NOW + 1 });
  });

  it('gives images by owner in position order', async () => {
    const image = (ownerId: string, imageId: string, position: number, language: string | null): ImageRecord => ({
      ownerType: 'senderOrganization',
      ownerId,
      imageId,
      position,
      mediaType: 'image/png',
      language,
      sizeBytes: 3_000_000_000,
      digest: 'd'.repeat(43),
      blobKey: 'k'.repeat(64),
      updatedAt: NOW,
    });
    await replaceImages(db(), 'senderOrganization', 'Zorg', [image('Zorg', 'second', 1, null), image('Zorg', 'first', 0, 'fr')]);
    await replaceImages(db(), 'senderOrganization', 'aorg', [image('aorg', 'one', 0, 'nl')]);
    const byOwner = await imagesOf(db(), 'senderOrganization', ['aorg', 'Zorg', 'none']);
    expect([...byOwner.keys()]).to.deep.equal(['Zorg', 'aorg']);
    expect(byOwner.get('Zorg')).to.deep.equal([image('Zorg', 'first', 0, 'fr'), image('Zorg', 'second', 1, null)]);
    expect(await findImage(db(), 'senderOrganization', 'aorg', 'one')).to.deep.equal(image('aorg', 'one', 0, 'nl'));
    expect(await findImage(db(), 'senderApplication', 'aorg', 'one')).to.equal(undefined);
  });
});

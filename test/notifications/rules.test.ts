import { expect } from 'chai';
import pino from 'pino';
import { upsertMessage } from '../../src/db/repositories/messages';
import { migrationSource } from '../../src/db/migrations';
import { ALERT_BEFORE_MS, REMINDER_AFTER_MS } from '../../src/notifications/rules';
import { queueDueEvents } from '../../src/notifications/schedules';
import { ImportInterruptedError } from '../../src/services/importer';
import { MessageService } from '../../src/services/messages';
import { describeEachEngine } from '../helpers/databases';
import { workspace, type Workspace } from '../import/helpers';
import { LOAD_APP, LOAD_ORG, LOAD_TYPE } from '../import/large-file';
import { DAY, dispatcher, drain, EBOX, eventTypes, iso, load, message, NOW, OTHER_EBOX, outbox, scheduled } from './helpers';
import { StandInEes } from './stand-in-ees';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeEachEngine('notification events: when each is due', (engine) => {
  let ws: Workspace;
  let ees: StandInEes;
  before(async () => {
    ws = await workspace(engine);
    ees = await StandInEes.start();
  });
  after(async () => {
    await ees.stop();
    await ws.close();
  });
  afterEach(() => expect(ees.invalid, 'events the stand-in EES found invalid').to.deep.equal([]));

  const sweep = (at: number) => queueDueEvents(ws.db, at);
  const reader = (at: number) => new MessageService(ws.db, ws.blobs, pino({ level: 'silent' }), undefined, () => at);
  /** Reads an attachment's whole content, as a client that downloads it. */
  async function readContent(id: string, attachmentId: string, at = NOW): Promise<string> {
    const stream = await (await reader(at).content(EBOX, id, attachmentId)).open();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  }

  describe('newDocument', () => {
    it('is queued for each message new to the store, with every field of the contract, and delivered as the schema says', async () => {
      await load(ws, [
        message('new-1', { registeredMail: true, subject: { fr: 'Votre attestation' } }),
        message('new-2', { eboxId: OTHER_EBOX, senderApplicationId: undefined, subject: { nl: 'Uw attest', de: 'Ihre Bescheinigung' } }),
      ]);
      const rows = await outbox(ws.db, ['new-1', 'new-2']);
      expect(rows.map((r) => [r.messageId, r.eventType, r.state, r.createdAt])).to.deep.equal([
        ['new-1', 'newDocument', 'pending', NOW],
        ['new-2', 'newDocument', 'pending', NOW],
      ]);
      expect(rows[0].payload).to.deep.equal({
        eventType: 'newDocument',
        eventCorrelationId: rows[0].correlationId,
        enterpriseId: EBOX,
        messageId: 'new-1',
        receiptDate: iso(NOW - DAY),
        expirationDate: iso(NOW + 365 * DAY),
        registeredMail: true,
        messageTypeId: LOAD_TYPE,
        senderOrganizationId: LOAD_ORG,
        senderApplicationId: LOAD_APP,
        // Complete: every language the portal needs, filled as everywhere else.
        subject: { nl: 'Votre attestation', fr: 'Votre attestation', de: 'Votre attestation' },
      });
      expect(rows[1].payload).to.include({ enterpriseId: OTHER_EBOX, registeredMail: false }).and.not.have.property('senderApplicationId');
      expect(rows[1].payload.subject).to.deep.equal({ nl: 'Uw attest', fr: 'Uw attest', de: 'Ihre Bescheinigung' });
      expect(rows[0].correlationId).to.match(UUID).and.not.equal(rows[1].correlationId);

      await drain(dispatcher(ws.db, ees));
      expect(ees.events('new-1')).to.deep.equal([rows[0].payload]);
      expect(ees.events('new-2')).to.deep.equal([rows[1].payload]);
      expect((await outbox(ws.db, ['new-1', 'new-2'])).map((r) => r.state)).to.deep.equal(['delivered', 'delivered']);
    });

    it('is not queued again when the same messages are imported again', async () => {
      await load(ws, [message('again-1'), message('again-2')]);
      const first = await outbox(ws.db, ['again-1', 'again-2']);
      await load(ws, [message('again-1', { subject: { fr: 'Corrigé' } }), message('again-2'), message('again-3')]);
      const second = await outbox(ws.db, ['again-1', 'again-2', 'again-3']);
      expect(second.map((r) => [r.messageId, r.eventType])).to.deep.equal([
        ['again-1', 'newDocument'],
        ['again-2', 'newDocument'],
        ['again-3', 'newDocument'],
      ]);
      expect(second.slice(0, 2)).to.deep.equal(first);
    });

    it('is not queued for a message that arrives already expired or already read', async () => {
      await load(ws, [message('arrives-expired', { receiptDate: iso(NOW - 30 * DAY), expirationDate: iso(NOW - 1) }), message('arrives-read', { readStatus: true })]);
      expect(await outbox(ws.db, ['arrives-expired', 'arrives-read'])).to.deep.equal([]);
      expect(await scheduled(ws.db, 'arrives-read')).to.deep.equal([]);
    });

    it('is written in the transaction of its batch: a batch that fails leaves no event of its messages', async () => {
      // The batch fails after its events are written: on the search rows of its second message.
      if (engine.name === 'sqlite') {
        await ws.db.raw(`CREATE TRIGGER refuse_search BEFORE INSERT ON message_search WHEN NEW.message_id = 'batch-4'
                         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      } else {
        await ws.db.raw(`CREATE FUNCTION refuse_search() RETURNS trigger LANGUAGE plpgsql AS $$
                         BEGIN IF NEW.message_id = 'batch-4' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
        await ws.db.raw('CREATE TRIGGER refuse_search BEFORE INSERT ON message_search FOR EACH ROW EXECUTE FUNCTION refuse_search()');
      }
      const ids = ['batch-1', 'batch-2', 'batch-3', 'batch-4', 'batch-5'];
      try {
        const err = await load(
          ws,
          ids.map((id) => message(id)),
          { batchSize: 2 },
        ).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(ImportInterruptedError);
        expect(err).to.include({ committed: 2 });
        expect((await outbox(ws.db, ids)).map((r) => r.messageId)).to.deep.equal(['batch-1', 'batch-2']);
        expect(await scheduled(ws.db, 'batch-3')).to.deep.equal([]);
      } finally {
        await ws.db.raw('DROP TRIGGER refuse_search' + (engine.name === 'sqlite' ? '' : ' ON message_search'));
      }
      await load(
        ws,
        ids.map((id) => message(id)),
        { batchSize: 2 },
      );
      expect((await outbox(ws.db, ids)).map((r) => r.messageId)).to.deep.equal(ids);
    });
  });

  describe('newDocumentReminder', () => {
    const R = NOW - DAY; // the receipt date of message()

    it('is queued once, when the message is still unread 15 days after its receipt date', async () => {
      await load(ws, [message('remind')]);
      expect((await scheduled(ws.db, 'remind')).find((s) => s.eventType === 'newDocumentReminder')).to.deep.equal({ eventType: 'newDocumentReminder', dueAt: R + REMINDER_AFTER_MS });
      await sweep(R + REMINDER_AFTER_MS - 1);
      expect(await eventTypes(ws.db, 'remind')).to.deep.equal(['newDocument']);
      await sweep(R + REMINDER_AFTER_MS);
      expect(await eventTypes(ws.db, 'remind')).to.deep.equal(['newDocument', 'newDocumentReminder']);
      await sweep(R + REMINDER_AFTER_MS + DAY);
      expect(await eventTypes(ws.db, 'remind')).to.deep.equal(['newDocument', 'newDocumentReminder']);
      const [, reminder] = await outbox(ws.db, ['remind']);
      expect(reminder.createdAt).to.equal(R + REMINDER_AFTER_MS);
      expect(reminder.payload).to.include({ eventType: 'newDocumentReminder', messageId: 'remind', enterpriseId: EBOX });
      await drain(dispatcher(ws.db, ees));
      expect(ees.events('remind').map((e) => e.eventType)).to.deep.equal(['newDocument', 'newDocumentReminder']);
    });

    it('is not queued for a message read before, by its main content', async () => {
      await load(ws, [message('read-early')]);
      expect(await readContent('read-early', 'main', R + 2 * DAY)).to.equal('main content of read-early\n');
      expect(await scheduled(ws.db, 'read-early')).to.deep.equal([]);
      await sweep(R + REMINDER_AFTER_MS);
      await sweep(NOW + 365 * DAY - ALERT_BEFORE_MS);
      expect(await eventTypes(ws.db, 'read-early')).to.deep.equal(['newDocument', 'readDocument']);
    });

    it('follows the receipt date when a re-import moves it', async () => {
      await load(ws, [message('moved')]);
      await load(ws, [message('moved', { receiptDate: iso(R + 10 * DAY) })]);
      await sweep(R + REMINDER_AFTER_MS);
      expect(await eventTypes(ws.db, 'moved')).to.deep.equal(['newDocument']);
      expect((await scheduled(ws.db, 'moved')).find((s) => s.eventType === 'newDocumentReminder')?.dueAt).to.equal(R + 10 * DAY + REMINDER_AFTER_MS);
      await sweep(R + 10 * DAY + REMINDER_AFTER_MS);
      expect(await eventTypes(ws.db, 'moved')).to.deep.equal(['newDocument', 'newDocumentReminder']);
    });
  });

  describe('documentExpirationAlert', () => {
    const E = NOW + 60 * DAY;

    it('is queued once, from 7 days before expiration, when the message is still unread', async () => {
      await load(ws, [message('alert', { expirationDate: iso(E) })]);
      await sweep(E - ALERT_BEFORE_MS - 1);
      // The reminder fell due on the way (15 days after receipt); the alert not yet.
      expect(await eventTypes(ws.db, 'alert')).to.deep.equal(['newDocument', 'newDocumentReminder']);
      await sweep(E - ALERT_BEFORE_MS);
      await sweep(E - DAY);
      expect(await eventTypes(ws.db, 'alert')).to.deep.equal(['newDocument', 'newDocumentReminder', 'documentExpirationAlert']);
      const alert = (await outbox(ws.db, ['alert']))[2];
      expect(alert.payload).to.include({ eventType: 'documentExpirationAlert', expirationDate: iso(E) });
      expect(await scheduled(ws.db, 'alert')).to.deep.equal([]);
    });

    it('is queued at once for a message that arrives within its last 7 days', async () => {
      await load(ws, [message('short-lived', { expirationDate: iso(NOW + 3 * DAY) })]);
      await sweep(NOW);
      expect(await eventTypes(ws.db, 'short-lived')).to.deep.equal(['newDocument', 'documentExpirationAlert']);
    });

    it('is not queued for a message read before, nor once the message has expired', async () => {
      await load(ws, [message('alert-read', { expirationDate: iso(E) }), message('alert-missed', { expirationDate: iso(E) })]);
      expect(await readContent('alert-read', 'main', NOW + DAY)).to.contain('alert-read');
      // No sweep ran between the reminder's and the alert's due times and the expiry: nothing is sent late.
      await sweep(E);
      expect(await eventTypes(ws.db, 'alert-read')).to.deep.equal(['newDocument', 'readDocument']);
      expect(await eventTypes(ws.db, 'alert-missed')).to.deep.equal(['newDocument']);
      expect(await scheduled(ws.db, 'alert-missed')).to.deep.equal([]);
    });
  });

  describe('readDocument', () => {
    it('is queued once, at the first complete read of the main content, not of an annex', async () => {
      await load(ws, [message('reader')]);
      await readContent('reader', 'annex', NOW + 1000);
      expect(await eventTypes(ws.db, 'reader')).to.deep.equal(['newDocument']);
      await readContent('reader', 'main', NOW + 2000);
      await readContent('reader', 'main', NOW + 3000);
      const rows = await outbox(ws.db, ['reader']);
      expect(rows.map((r) => r.eventType)).to.deep.equal(['newDocument', 'readDocument']);
      expect(rows[1].createdAt).to.equal(NOW + 2000);
      expect(rows[1].payload).to.include({ eventType: 'readDocument', messageId: 'reader', enterpriseId: EBOX, registeredMail: false });
      await drain(dispatcher(ws.db, ees));
      expect(ees.events('reader').map((e) => e.eventType)).to.deep.equal(['newDocument', 'readDocument']);
    });

    it('is queued when the body is the main content, and not when it is not', async () => {
      await load(ws, [
        message('body-main', { bodyContent: { fr: 'Le contenu' }, bodyMainContent: true }),
        message('body-annex', { bodyContent: { fr: 'Un mot' }, bodyMainContent: false }),
      ]);
      await reader(NOW).body(EBOX, 'body-main');
      await reader(NOW).body(EBOX, 'body-main');
      await reader(NOW).body(EBOX, 'body-annex');
      expect(await eventTypes(ws.db, 'body-main')).to.deep.equal(['newDocument', 'readDocument']);
      expect(await eventTypes(ws.db, 'body-annex')).to.deep.equal(['newDocument']);
    });
  });

  describe('--no-events (importing as already notified)', () => {
    it('queues no newDocument, reminder or alert, and the first read still sends readDocument', async () => {
      const E = NOW + 30 * DAY;
      await load(ws, [message('quiet', { expirationDate: iso(E) })], { events: false });
      expect(await outbox(ws.db, ['quiet'])).to.deep.equal([]);
      expect(await scheduled(ws.db, 'quiet')).to.deep.equal([]);
      for (const at of [NOW - DAY + REMINDER_AFTER_MS, E - ALERT_BEFORE_MS]) await sweep(at);
      // Imported again without the option: it is no arrival, it was already stored.
      await load(ws, [message('quiet', { expirationDate: iso(E) })]);
      expect(await outbox(ws.db, ['quiet'])).to.deep.equal([]);
      await readContent('quiet', 'main', NOW + DAY);
      expect(await eventTypes(ws.db, 'quiet')).to.deep.equal(['readDocument']);
    });
  });

  // Last: it takes the suite's database back to before the migration and up again.
  describe('the migration, on a store that already holds messages', () => {
    it('schedules the expiry alerts of unread live messages and the reminders still ahead of them, and queues no newDocument', async () => {
      const db = ws.db;
      await db.migrate.down({ migrationSource, name: '20261130000000_ees_outbox' });
      const now = Date.now();
      const stored = (id: string, receiptAt: number, expirationAt: number, readStatus = false) =>
        upsertMessage(db, {
          messageId: `migrated-${id}`,
          eboxId: EBOX,
          subject: { fr: id },
          receiptAt,
          expirationAt,
          readStatus,
          firstReadAt: null,
          visible: true,
          registeredMail: false,
          messageTypeId: LOAD_TYPE,
          senderOrganizationId: LOAD_ORG,
          bodyMainContent: false,
          businessData: [],
          replyAuthorized: false,
          updatedAt: now,
        });
      await stored('fresh', now - DAY, now + 90 * DAY);
      await stored('old', now - 20 * DAY, now + 3 * DAY);
      await stored('read', now - DAY, now + 90 * DAY, true);
      await stored('expired', now - 90 * DAY, now - DAY);
      await db.migrate.latest({ migrationSource });
      expect(await scheduled(db, 'migrated-fresh')).to.deep.equal([
        { eventType: 'documentExpirationAlert', dueAt: now + 90 * DAY - ALERT_BEFORE_MS },
        { eventType: 'newDocumentReminder', dueAt: now - DAY + REMINDER_AFTER_MS },
      ]);
      // In its last week: the alert is due at once, the reminder is past.
      expect(await scheduled(db, 'migrated-old')).to.deep.equal([{ eventType: 'documentExpirationAlert', dueAt: now + 3 * DAY - ALERT_BEFORE_MS }]);
      for (const id of ['read', 'expired']) expect(await scheduled(db, `migrated-${id}`), id).to.deep.equal([]);
      expect(await outbox(db)).to.deep.equal([]);
    });
  });
});

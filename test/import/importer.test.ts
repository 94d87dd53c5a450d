import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ImportError, importData, importFile, ImportSummary } from '../../src/services/importer';
import { describeEachEngine } from '../helpers/databases';
import { blobKeys, copyFixture, fixtureDir, Loose, rowCounts, workspace, Workspace } from './helpers';

const fixtureFile = path.join(fixtureDir, 'import.json');
const NOW = Date.parse('2026-06-01T12:00:00Z');

function sha256(bytes: Buffer): { hex: string; base64url: string } {
  const sum = crypto.createHash('sha256').update(bytes).digest();
  return { hex: sum.toString('hex'), base64url: sum.toString('base64url') };
}

describeEachEngine('importer', (engine) => {
  describe('a valid file', () => {
    let ws: Workspace;
    let summary: ImportSummary;

    before(async () => {
      ws = await workspace(engine);
      summary = await importFile(fixtureFile, { db: ws.db, blobs: ws.blobs, now: () => NOW });
    });
    after(async () => ws.close());

    it('reports what it loaded', () => {
      expect(summary).to.include({
        senderOrganizations: 1,
        senderApplications: 1,
        messageTypes: 1,
        eboxes: 2,
        messages: 3,
        attachments: 3,
        logos: 1,
        blobsCreated: 4,
      });
      expect(summary.bytesStored).to.equal(summary.bytesCreated);
      expect(summary.durationMs).to.be.a('number');
    });

    it('writes every kind of row', async () => {
      expect(await rowCounts(ws.db)).to.deep.equal({
        sender_organizations: 1,
        sender_applications: 1,
        message_types: 1,
        images: 1,
        eboxes: 2,
        messages: 3,
        attachments: 3,
      });
    });

    it('stores reference data as the contract object without its logos', async () => {
      const row = await ws.db('sender_organizations').where('organization_id', '0206731645').first();
      const document = JSON.parse(row.document);
      expect(document).to.not.have.property('organizationLogos');
      expect(document.organizationShortName).to.deep.equal({ nl: 'RSZ', fr: 'ONSS', de: 'LSS' });
      expect(Number(row.updated_at)).to.equal(NOW);
    });

    it('stores attachment bytes as blobs with their real size and digest, ignoring the file’s', async () => {
      const rows = await ws.db('attachments').where('message_id', 'small-1').orderBy('position');
      expect(rows.map((r) => [r.attachment_id, r.file_name])).to.deep.equal([
        ['small-1-1', 'letter.txt'],
        ['details', 'details.csv'],
      ]);
      for (const [row, name] of [[rows[0], 'letter.txt'], [rows[1], 'details.csv']] as const) {
        const bytes = fs.readFileSync(path.join(fixtureDir, 'files', name));
        const sum = sha256(bytes);
        expect(Number(row.size_bytes)).to.equal(bytes.length);
        expect(row.digest).to.equal(sum.base64url);
        expect(row.blob_key).to.equal(sum.hex);
        expect(blobKeys(ws.storageDir)).to.include(sum.hex);
      }
    });

    it('stores logos as images of their owner', async () => {
      const image = await ws.db('images').first();
      expect(image).to.include({ owner_type: 'senderOrganization', owner_id: '0206731645', image_id: 'rsz-logo', media_type: 'image/svg+xml' });
      expect(blobKeys(ws.storageDir)).to.include(image.blob_key);
    });

    it('applies contract defaults, pads the CBE and parses dates', async () => {
      const derived = await ws.db('messages').whereNotIn('message_id', ['small-1', 'small-3']).first();
      expect(derived.ebox_id).to.equal('0123456749');
      expect(Boolean(derived.read_status)).to.equal(false);
      expect(Boolean(derived.visible)).to.equal(true);
      expect(Boolean(derived.registered_mail)).to.equal(false);
      expect(Boolean(derived.reply_authorized)).to.equal(false);
      expect(Boolean(derived.body_main_content)).to.equal(true);
      expect(Number(derived.receipt_at)).to.equal(Date.parse('2026-03-02T08:00:00Z'));
      const read = await ws.db('messages').where('message_id', 'small-1').first();
      expect(Boolean(read.read_status)).to.equal(true);
      expect(read.first_read_at).to.equal(null);
    });

    it('accepts business data as an array or as the contract’s {items, totalItems}', async () => {
      const rows = await ws.db('messages').whereIn('message_id', ['small-1', 'small-3']).orderBy('message_id');
      expect(JSON.parse(rows[0].business_data)[0].key).to.equal('dossier');
      expect(JSON.parse(rows[1].business_data)).to.deep.equal([{ key: 'period', name: { de: 'Zeitraum' }, values: [{ de: '2026-Q1' }] }]);
    });
  });

  describe('importing again', () => {
    let ws: Workspace;
    before(async () => (ws = await workspace(engine)));
    after(async () => ws.close());

    it('changes nothing and keeps the same ids, derived ones included', async () => {
      await importFile(fixtureFile, { db: ws.db, blobs: ws.blobs });
      const counts = await rowCounts(ws.db);
      const ids = (await ws.db('messages').orderBy('message_id').select('message_id')).map((r) => r.message_id);
      const attachmentIds = (await ws.db('attachments').orderBy(['message_id', 'attachment_id']).select('attachment_id')).map((r) => r.attachment_id);
      const blobs = blobKeys(ws.storageDir);

      const again = await importFile(fixtureFile, { db: ws.db, blobs: ws.blobs });
      expect(again.blobsCreated).to.equal(0);
      expect(await rowCounts(ws.db)).to.deep.equal(counts);
      expect((await ws.db('messages').orderBy('message_id').select('message_id')).map((r) => r.message_id)).to.deep.equal(ids);
      expect((await ws.db('attachments').orderBy(['message_id', 'attachment_id']).select('attachment_id')).map((r) => r.attachment_id)).to.deep.equal(attachmentIds);
      expect(blobKeys(ws.storageDir)).to.deep.equal(blobs);

      const derived = ids.filter((id) => !id.startsWith('small-'));
      expect(derived).to.have.length(1);
      expect(derived[0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('updates messages and replaces their attachments and the owners’ logos', async () => {
      const copy = copyFixture(ws.dir);
      copy.data.messages[0].subject = { nl: 'Nieuw onderwerp' };
      copy.data.messages[0].attachments = [copy.data.messages[0].attachments[1]];
      copy.data.senderOrganizations[0].organizationLogos = [];
      await importData(copy.data, copy.dir, { db: ws.db, blobs: ws.blobs });
      const message = await ws.db('messages').where('message_id', 'small-1').first();
      expect(JSON.parse(message.subject)).to.deep.equal({ nl: 'Nieuw onderwerp' });
      const attachments = await ws.db('attachments').where('message_id', 'small-1');
      expect(attachments.map((a) => a.attachment_id)).to.deep.equal(['details']);
      expect(await rowCounts(ws.db)).to.include({ images: 0 });
    });
  });

  describe('half of a character in a text', () => {
    let ws: Workspace;
    before(async () => (ws = await workspace(engine)));
    after(async () => ws.close());

    // JSON.parse turns "\ud800" into a lone surrogate, which no UTF-8 text can hold.
    it('is kept escaped in JSON columns, stored as U+FFFD in text columns, and the import goes through', async () => {
      const copy = copyFixture(ws.dir);
      const message = copy.data.messages[0];
      message.subject = { ...message.subject, fr: 'Avis \ud800 important' };
      message.attachments[0].fileName = 'avis-\udfff.pdf';
      await importData(copy.data, copy.dir, { db: ws.db, blobs: ws.blobs });
      const row = await ws.db('messages').where('message_id', message.messageId).first();
      expect(JSON.parse(row.subject).fr).to.equal('Avis \ud800 important');
      const attachment = await ws.db('attachments').where('message_id', message.messageId).orderBy('position').first();
      // PostgreSQL's driver writes one U+FFFD; better-sqlite3 writes the three bytes of the half character, read back as three.
      expect(attachment.file_name).to.match(/^avis-\uFFFD{1,3}\.pdf$/u);
    });
  });

  describe('refused files', () => {
    let ws: Workspace;
    beforeEach(async () => (ws = await workspace(engine)));
    afterEach(async () => ws.close());

    async function refusal(change: (data: Loose, dir: string) => void): Promise<ImportError> {
      const copy = copyFixture(ws.dir);
      change(copy.data, copy.dir);
      const blobsBefore = blobKeys(ws.storageDir);
      try {
        await importData(copy.data, copy.dir, { db: ws.db, blobs: ws.blobs });
      } catch (err) {
        expect(err).to.be.instanceOf(ImportError);
        const counts = await rowCounts(ws.db);
        expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).to.equal(true);
        expect(blobKeys(ws.storageDir)).to.deep.equal(blobsBefore);
        return err as ImportError;
      }
      throw new Error('the import was accepted');
    }

    function expectIssue(err: ImportError, path: string, rule: string): void {
      const found = err.issues.find((i) => i.path === path && i.rule === rule);
      expect(found, `${path} [${rule}] in\n${err.message}`).to.not.equal(undefined);
      expect(err.message).to.contain(path);
    }

    it('names a media type outside the contract enum', async () => {
      const err = await refusal((d) => (d.messages[1].attachments[0].mediaType = 'image/bmp'));
      expectIssue(err, '/messages/1/attachments/0/mediaType', 'enum');
    });

    it('names a missing subject', async () => {
      const err = await refusal((d) => delete d.messages[2].subject);
      expectIssue(err, '/messages/2/subject', 'required');
    });

    it('names an eboxId that is not a CBE number', async () => {
      const err = await refusal((d) => (d.messages[0].eboxId = '2123456789'));
      expectIssue(err, '/messages/0/eboxId', 'cbe');
    });

    it('names a message type that is neither in the file nor in the database', async () => {
      const err = await refusal((d) => (d.messages[2].messageTypeId = 'NoSuchType'));
      expectIssue(err, '/messages/2/messageTypeId', 'unknownReference');
    });

    it('names content that is not base64', async () => {
      const err = await refusal((d) => (d.messages[1].attachments[0].content = 'not base64!'));
      expectIssue(err, '/messages/1/attachments/0/content', 'base64');
    });

    it('names a contentFile outside the folder of the import file, by .. or by symbolic link', async () => {
      const err = await refusal((d, dir) => {
        fs.writeFileSync(path.join(dir, '..', 'outside.txt'), 'secret');
        fs.symlinkSync(path.join(dir, '..', 'outside.txt'), path.join(dir, 'files', 'link.txt'));
        d.messages[0].attachments[0].contentFile = '../outside.txt';
        d.messages[0].attachments[1].contentFile = 'files/link.txt';
        d.messages[1].attachments[0] = { ...d.messages[1].attachments[0], content: undefined, contentFile: path.join(dir, 'files', 'letter.txt') };
      });
      expectIssue(err, '/messages/0/attachments/0/contentFile', 'contentFileEscapes');
      expectIssue(err, '/messages/0/attachments/1/contentFile', 'contentFileEscapes');
      expectIssue(err, '/messages/1/attachments/0/contentFile', 'contentFileEscapes');
    });

    it('names a contentFile that is missing or not a regular file, and a missing or double source', async () => {
      const err = await refusal((d) => {
        d.messages[0].attachments[0].contentFile = 'files/nope.txt';
        d.messages[0].attachments[1].contentFile = 'files';
        d.messages[1].attachments[0].contentFile = 'files/letter.txt';
        d.senderOrganizations[0].organizationLogos[0].content = undefined;
      });
      expectIssue(err, '/messages/0/attachments/0/contentFile', 'contentFileMissing');
      expectIssue(err, '/messages/0/attachments/1/contentFile', 'contentFileNotRegular');
      expectIssue(err, '/messages/1/attachments/0', 'contentSource');
      expectIssue(err, '/senderOrganizations/0/organizationLogos/0', 'contentSource');
    });

    it('refuses more than 6 attachments on one message', async () => {
      const err = await refusal((d) => {
        const one = d.messages[1].attachments[0];
        d.messages[1].attachments = Array.from({ length: 7 }, (_, i) => ({ ...one, attachmentId: `a${i}` }));
      });
      expectIssue(err, '/messages/1/attachments', 'maxItems');
    });

    it('refuses duplicate ids and unknown properties', async () => {
      const err = await refusal((d) => {
        d.messages[2].messageId = 'small-1';
        d.messages[0].subjet = { nl: 'typo' };
      });
      expectIssue(err, '/messages/2/messageId', 'duplicateId');
      expectIssue(err, '/messages/0/subjet', 'additionalProperties');
    });

    it('reports every problem of the file at once', async () => {
      const err = await refusal((d) => {
        d.messages[1].attachments[0].mediaType = 'image/bmp';
        delete d.messages[2].subject;
        d.messages[0].eboxId = 'x';
        d.messages[0].receiptDate = 'yesterday';
        d.messages[2].senderApplicationId = 'nope';
      });
      expect(err.issues.map((i) => `${i.path} ${i.rule}`)).to.include.members([
        '/messages/1/attachments/0/mediaType enum',
        '/messages/2/subject required',
        '/messages/0/eboxId cbe',
        '/messages/0/receiptDate format',
        '/messages/2/senderApplicationId unknownReference',
      ]);
    });

    it('caps the list of problems', async () => {
      const err = await refusal((d) => {
        d.messages = Array.from({ length: 80 }, (_, i) => ({ ...d.messages[2], messageId: `m${i}`, eboxId: 'x' }));
      });
      expect(err.issues).to.have.length(50);
      expect(err.omitted).to.equal(30);
    });

    it('refuses a file that is not JSON', async () => {
      const file = path.join(ws.dir, 'broken.json');
      fs.writeFileSync(file, '{ "messages": [');
      const err = await importFile(file, { db: ws.db, blobs: ws.blobs }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ImportError);
      expect((err as ImportError).issues[0].rule).to.equal('json');
    });
  });

  describe('references already in the database', () => {
    let ws: Workspace;
    before(async () => (ws = await workspace(engine)));
    after(async () => ws.close());

    it('accepts messages whose reference data was imported before', async () => {
      await importFile(fixtureFile, { db: ws.db, blobs: ws.blobs });
      const copy = copyFixture(ws.dir);
      const data = { messages: [{ ...copy.data.messages[2], messageId: 'later-1' }] };
      const summary = await importData(data, copy.dir, { db: ws.db, blobs: ws.blobs });
      expect(summary.messages).to.equal(1);
      expect(await ws.db('messages').where('message_id', 'later-1').first()).to.not.equal(undefined);
    });
  });

  describe('a file named by the import that changes after the checks', () => {
    let ws: Workspace;
    before(async () => (ws = await workspace(engine)));
    after(async () => ws.close());

    it('stops before writing what was not checked, and leaves the blobs as they were', async () => {
      const copy = copyFixture(ws.dir);
      // A blob that exists before the import: the import uses the same bytes and must not remove it.
      const existing = await ws.blobs.put(fs.readFileSync(path.join(copy.dir, 'files', 'letter.txt')));
      expect(existing.created).to.equal(true);
      const late = path.join(copy.dir, 'files', 'late.txt');
      fs.writeFileSync(late, 'checked, then gone');
      copy.data.messages[2].attachments = [{ fileName: 'late.txt', mainContent: true, mediaType: 'text/plain', contentFile: 'files/late.txt' }];

      let checked = false;
      const err = await importData(copy.data, copy.dir, {
        db: ws.db,
        blobs: ws.blobs,
        // The file passes the checks and disappears before the second pass reads its message.
        onProgress: (p) => {
          if (p.phase === 'write' && p.done === 0) {
            checked = true;
            fs.rmSync(late);
          }
        },
      }).catch((e: unknown) => e);

      expect(checked).to.equal(true);
      expect(err).to.be.instanceOf(Error);
      expect(err).to.not.be.instanceOf(ImportError);
      expect((err as Error).message).to.contain('changed since it was checked').and.contain('/messages/2/attachments/0/contentFile [contentFileMissing]');
      const counts = await rowCounts(ws.db);
      expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).to.equal(true);
      expect(blobKeys(ws.storageDir)).to.deep.equal([existing.key]);
      expect(fs.readdirSync(path.join(ws.storageDir, 'tmp'))).to.deep.equal([]);
    });
  });
});

import { expect } from 'chai';
import { query } from '../helpers/db';
import { A, B } from '../helpers/message-fixture';
import { useServer } from '../helpers/server';
import {
  b64url,
  filePart,
  jsonPart,
  lastAudit,
  messageToPublish,
  NEW_ENTERPRISE,
  OTHER_PUBLISHER,
  OTHER_RECIPIENT,
  PDF,
  publicationFixture,
  publish,
  PUBLISHER,
  RECIPIENT,
  SENDER,
  storeState,
} from './helpers';

const enterprise = (eboxIdValue: string) => ({ eboxType: 'enterprise', eboxIdValue });

describe('POST /linkEboxMessage and POST /searchMessageStatus', () => {
  const server = useServer({ seed: publicationFixture });
  let published: { messageId: string; expirationDate: string };

  const link = (body: unknown, token = PUBLISHER) => server.request('POST', '/linkEboxMessage', { token, body: body as object });
  const status = (body: unknown, token = PUBLISHER) => server.request('POST', '/searchMessageStatus', { token, body: body as object });
  /** The message as the owner of an e-Box finds it in its list. */
  async function inEbox(token: string, subject: string) {
    const list = (await server.get('/ebox/messages?pageSize=100', token)).json();
    return list.items.filter((m: { subject: { fr: string } }) => m.subject.fr === subject);
  }

  before(async () => {
    const annex = Buffer.from('annex bytes');
    const res = await publish(
      server,
      [
        jsonPart(
          messageToPublish({
            subject: { fr: 'Diffusion générale' },
            attachments: [{ httpPartName: 'upfile1', mainContent: true }, { httpPartName: 'upfile2', mainContent: false }],
          }),
        ),
        filePart('upfile1', PDF, 'circulaire.pdf'),
        filePart('upfile2', annex, 'annexe.txt', 'text/plain'),
      ],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    published = res.json();
  });

  describe('linkEboxMessage', () => {
    it('gives each further e-Box a message of its own pointing at the same stored bytes: no byte is copied', async () => {
      const before = await storeState(server);
      const res = await link({ messageId: published.messageId, recipients: [enterprise(OTHER_RECIPIENT), enterprise(NEW_ENTERPRISE)] });
      expect(res.status, res.text).to.equal(201);
      expect(res.json()).to.deep.equal({ messageId: published.messageId, expirationDate: published.expirationDate, nbSuccessLinks: 2, errorCases: [] });
      const after = await storeState(server);
      expect(after.blobs).to.deep.equal(before.blobs);
      expect(after.messages).to.equal(before.messages + 2);
      expect(after.links).to.equal(before.links + 2);

      const [inB] = await inEbox(B, 'Diffusion générale');
      const [inA] = await inEbox(A, 'Diffusion générale');
      expect(inB.messageId).to.not.equal(published.messageId);
      expect(inB).to.deep.include({ expirationDate: published.expirationDate, readStatus: false, visible: true, senderOrganizationId: SENDER });
      const keys = await query<{ blob_key: string; message_id: string }>(server, 'select message_id, blob_key from attachments where message_id in (?, ?) order by message_id, position', [
        inA.messageId,
        inB.messageId,
      ]);
      const byMessage = (id: string) => keys.filter((k) => k.message_id === id).map((k) => k.blob_key);
      expect(byMessage(inB.messageId)).to.deep.equal(byMessage(inA.messageId)).and.have.length(2);
      const content = await server.get(`/ebox/messages/${inB.messageId}/attachments/${encodeURIComponent(inB.attachments.items[0].attachmentId)}/content`, B);
      expect(content.bytes.equals(PDF)).to.equal(true);
      // Found by search in the new e-Box at once.
      const found = await server.get(`/ebox/messages?q=${encodeURIComponent('générale')}&qlang=fr`, `dev.${NEW_ENTERPRISE}`);
      expect(found.json().totalItems).to.equal(1);
    });

    it('keeps read status and visibility per e-Box', async () => {
      const [inB] = await inEbox(B, 'Diffusion générale');
      await server.get(`/ebox/messages/${inB.messageId}/attachments/${encodeURIComponent(inB.attachments.items[0].attachmentId)}/content`, B);
      const patch = await server.request('PATCH', '/ebox/messages', {
        token: B,
        body: { items: [{ messageId: inB.messageId, visible: false }], totalItems: 1 },
        contentType: 'application/merge-patch+json',
      });
      expect(patch.status).to.equal(200);
      const [stillInA] = await inEbox(A, 'Diffusion générale');
      expect(stillInA).to.deep.include({ readStatus: false, visible: true });
      const res = await status([
        { messageId: published.messageId, eboxId: enterprise(RECIPIENT) },
        { messageId: published.messageId, eboxId: enterprise(OTHER_RECIPIENT) },
        { messageId: published.messageId, eboxId: enterprise(NEW_ENTERPRISE) },
      ]);
      expect(res.status, res.text).to.equal(201);
      const common = { messageId: published.messageId, expirationDate: published.expirationDate };
      expect(res.json()).to.deep.equal([
        { ...common, eboxId: enterprise(RECIPIENT), readStatus: false, visible: true },
        { ...common, eboxId: enterprise(OTHER_RECIPIENT), readStatus: true, visible: false },
        { ...common, eboxId: enterprise(NEW_ENTERPRISE), readStatus: false, visible: true },
      ]);
    });

    it('counts an e-Box already holding the message as linked, without another copy: a retried call changes nothing', async () => {
      const before = await storeState(server);
      const res = await link({ messageId: published.messageId, recipients: [enterprise(RECIPIENT), enterprise(OTHER_RECIPIENT), enterprise(RECIPIENT.replace(/^0/, ''))] });
      expect(res.json()).to.deep.include({ nbSuccessLinks: 2, errorCases: [] });
      expect(await storeState(server)).to.deep.equal(before);
    });

    it('lists a citizen or an invalid CBE number among the error cases, and links the others', async () => {
      const citizen = { eboxType: 'citizen', eboxIdValue: '71022722580' };
      const invalid = enterprise('0123456789');
      const res = await link({ messageId: published.messageId, recipients: [citizen, invalid, enterprise('0206731645')] });
      expect(res.status).to.equal(201);
      expect(res.json()).to.deep.include({ nbSuccessLinks: 1, errorCases: [citizen, invalid] });
    });

    it('answers 404 for a message of another sender, or an unknown one, and stores nothing', async () => {
      const before = await storeState(server);
      expect((await link({ messageId: published.messageId, recipients: [enterprise(OTHER_RECIPIENT)] }, OTHER_PUBLISHER)).status).to.equal(404);
      expect((await link({ messageId: 'no-such-message', recipients: [enterprise(OTHER_RECIPIENT)] })).status).to.equal(404);
      // A message the sender received is not one it published.
      expect((await link({ messageId: 'to-answer', recipients: [enterprise(OTHER_RECIPIENT)] }, `dev.${RECIPIENT}.publicationsender`)).status).to.equal(404);
      expect(await storeState(server)).to.deep.equal(before);
    });

    it('answers 400 for a body that is not a MessageToLink', async () => {
      expect((await link({ messageId: published.messageId })).status).to.equal(400);
      expect((await link({ recipients: [] })).status).to.equal(400);
      const tooMany = Array.from({ length: 1001 }, () => enterprise(OTHER_RECIPIENT));
      const res = await link({ messageId: published.messageId, recipients: tooMany });
      expect(res.status).to.equal(400);
      expect(res.json().code).to.equal('LIMIT_EXCEEDED');
    });

    it('records each call in the audit trail: the copies made, or what was asked', async () => {
      await link({ messageId: published.messageId, recipients: [enterprise('1000000021'), { eboxType: 'citizen', eboxIdValue: '71022722580' }] });
      const ok = await lastAudit(server, '/linkEboxMessage');
      expect(ok.response_code).to.equal(201);
      expect(JSON.parse(ok.details)).to.deep.equal({ messageId: published.messageId, copies: [], errorCases: 1 });
      await link({ messageId: 'no-such-message', recipients: [enterprise(OTHER_RECIPIENT)] });
      const refused = await lastAudit(server, '/linkEboxMessage');
      expect(refused.response_code).to.equal(404);
      expect(JSON.parse(refused.details)).to.deep.equal({ messageId: 'no-such-message', recipientsGiven: 1 });
    });
  });

  describe('searchMessageStatus', () => {
    it('follows the recipient: read once the main content is read, hidden once hidden', async () => {
      const ask = [{ messageId: published.messageId, eboxId: enterprise(RECIPIENT) }];
      expect((await status(ask)).json()[0]).to.include({ readStatus: false, visible: true });
      const [inA] = await inEbox(A, 'Diffusion générale');
      // An annex is not the main content.
      await server.get(`/ebox/messages/${inA.messageId}/attachments/${encodeURIComponent(inA.attachments.items[1].attachmentId)}/content`, A);
      expect((await status(ask)).json()[0]).to.include({ readStatus: false });
      await server.get(`/ebox/messages/${inA.messageId}/attachments/${encodeURIComponent(inA.attachments.items[0].attachmentId)}/content`, A);
      expect((await status(ask)).json()[0]).to.include({ readStatus: true, visible: true });
    });

    it('answers only about the sender\'s own messages: another sender\'s are answered like unknown ones', async () => {
      const mine = { messageId: published.messageId, eboxId: enterprise(RECIPIENT) };
      const unknown = { messageId: 'no-such-message', eboxId: enterprise(RECIPIENT) };
      expect((await status([mine], OTHER_PUBLISHER)).status).to.equal(404);
      expect((await status([unknown])).status).to.equal(404);
      // A message it received, not published.
      expect((await status([{ messageId: 'to-answer', eboxId: enterprise(RECIPIENT) }], `dev.${RECIPIENT}.publicationsender`)).status).to.equal(404);
      const mixed = await status([unknown, mine, { messageId: published.messageId, eboxId: { eboxType: 'citizen', eboxIdValue: '71022722580' } }, mine]);
      expect(mixed.status).to.equal(201);
      expect(mixed.json().map((s: { messageId: string }) => s.messageId)).to.deep.equal([published.messageId]);
    });

    it('answers 400 for a pair without its message or e-Box, and for too many pairs', async () => {
      expect((await status([{ messageId: published.messageId }])).status).to.equal(400);
      expect((await status([{ eboxId: enterprise(RECIPIENT) }])).status).to.equal(400);
      const tooMany = Array.from({ length: 1001 }, () => ({ messageId: published.messageId, eboxId: enterprise(RECIPIENT) }));
      expect((await status(tooMany)).json().code).to.equal('LIMIT_EXCEEDED');
    });

    it('is recorded in the audit trail with the pairs it answered about', async () => {
      await status([{ messageId: published.messageId, eboxId: enterprise(RECIPIENT) }, { messageId: 'x', eboxId: enterprise(RECIPIENT) }]);
      const record = await lastAudit(server, '/searchMessageStatus');
      expect(record.response_code).to.equal(201);
      expect(JSON.parse(record.details)).to.deep.equal({ pairsGiven: 2, messages: [{ messageId: published.messageId, eboxId: RECIPIENT }] });
    });
  });

  describe('the audit record of a publication', () => {
    it('says what was published: the message id, each attachment with its media type, size and digest', async () => {
      const res = await publish(server, [jsonPart(messageToPublish()), filePart('upfile1', PDF)], { token: PUBLISHER });
      const record = await lastAudit(server, '/publishMessage');
      const { messageId } = res.json();
      expect(record.response_code).to.equal(201);
      expect(JSON.parse(record.details)).to.deep.equal({
        messageId,
        attachments: [
          {
            attachmentId: `${messageId}-1`,
            httpPartName: 'upfile1',
            mediaType: 'application/pdf',
            size: PDF.length / 1024,
            digest: { digestMethod: 'sha_256', digestValue: b64url(PDF) },
          },
        ],
      });
    });
  });
});

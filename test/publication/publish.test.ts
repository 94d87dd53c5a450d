import { expect } from 'chai';
import { query } from '../helpers/db';
import { A, B } from '../helpers/message-fixture';
import { useServer } from '../helpers/server';
import {
  APP_ID,
  b64url,
  bytes,
  digestOf,
  filePart,
  jsonPart,
  messageToPublish,
  NO_VALIDITY_TYPE,
  OTHER_RECIPIENT,
  PDF,
  publicationFixture,
  publish,
  PUBLISHER,
  RECIPIENT,
  SENDER,
  type Part,
} from './helpers';

const YEAR_MS = 365 * 24 * 3600 * 1000;

describe('POST /publishMessage', () => {
  const server = useServer({ seed: publicationFixture });

  /** The message as its recipient sees it, with the bytes of each attachment. */
  async function consult(messageId: string, token = A) {
    const res = await server.get(`/ebox/messages/${messageId}`, token);
    expect(res.status, res.text).to.equal(200);
    const message = res.json();
    const contents: Buffer[] = [];
    for (const a of message.attachments.items) {
      const content = await server.get(`/ebox/messages/${messageId}/attachments/${encodeURIComponent(a.attachmentId)}/content`, token);
      expect(content.status).to.equal(200);
      contents.push(content.bytes);
    }
    return { message, contents };
  }

  it('stores a message whose JSON part comes first, consultable at once byte for byte', async () => {
    const annex = Buffer.from('an annex, in plain text\n');
    const res = await publish(
      server,
      [
        jsonPart(messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true }, { httpPartName: 'upfile2', mainContent: false }] })),
        filePart('upfile1', PDF, 'attestation.pdf'),
        filePart('upfile2', annex, 'annex.txt', 'text/plain'),
      ],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const { messageId, expirationDate } = res.json();
    const { message, contents } = await consult(messageId);
    expect(message).to.deep.include({
      messageId,
      subject: { fr: 'Votre attestation', nl: 'Uw attest', de: 'Votre attestation' },
      senderOrganizationId: SENDER,
      senderApplicationId: APP_ID,
      messageTypeId: 'type-02',
      readStatus: false,
      visible: true,
      registeredMail: false,
      replyAuthorized: false,
      bodyMainContent: false,
      expirationDate,
    });
    expect(Date.parse(message.expirationDate) - Date.parse(message.receiptDate)).to.be.within(YEAR_MS, YEAR_MS + 24 * 3600 * 1000);
    expect(message.attachments.items.map((a: { fileName: string; mediaType: string; mainContent: boolean }) => [a.fileName, a.mediaType, a.mainContent])).to.deep.equal([
      ['attestation.pdf', 'application/pdf', true],
      ['annex.txt', 'text/plain', false],
    ]);
    // Without a title of its own, an attachment is shown under its file name.
    expect(message.attachments.items[0].attachmentTitle).to.deep.equal({ nl: 'attestation.pdf', fr: 'attestation.pdf', de: 'attestation.pdf' });
    expect(message.attachments.items[0].digest).to.deep.equal({ digestMethod: 'sha_256', digestValue: b64url(PDF) });
    expect(contents[0].equals(PDF)).to.equal(true);
    expect(contents[1].equals(annex)).to.equal(true);
  });

  it('accepts the parts in reverse order: files first, the JSON part last with the digests computed while sending', async () => {
    const big = bytes(3 * 1024 * 1024 + 17, 7);
    const digest = (await digestOf(big)).toString('base64url');
    const res = await publish(
      server,
      [
        filePart('upfile2', big, 'large.zip', 'application/zip'),
        filePart('upfile1', PDF),
        jsonPart(
          messageToPublish({
            attachments: [
              { httpPartName: 'upfile1', mainContent: true, digest: { digestMethod: 'sha_256', digestValue: b64url(PDF) } },
              { httpPartName: 'upfile2', mainContent: false, digest: { digestMethod: 'sha_256', digestValue: digest } },
            ],
          }),
        ),
      ],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    const { message, contents } = await consult(res.json().messageId);
    // The attachments keep the order of messageToPublish, not of the parts.
    expect(message.attachments.items.map((a: { fileName: string }) => a.fileName)).to.deep.equal(['upfile1.pdf', 'large.zip']);
    expect(contents[0].equals(PDF)).to.equal(true);
    expect(contents[1].length).to.equal(3 * 1024 * 1024 + 17);
    expect(b64url(contents[1])).to.equal(digest);
  });

  it('answers a request shaped like the published Postman examples (Content-Type and Accept set by hand, JSON as a plain text part first)', async () => {
    const postmanBoundary = '--------------------------' + '418163893829409286467512';
    const parts: Part[] = [
      { name: 'messageToPublish', body: JSON.stringify(messageToPublish(), null, 4) },
      { name: 'upfile1', filename: 'MyTestDocument.pdf', contentType: 'application/pdf', body: PDF },
    ];
    const headers = { Accept: '*/*', 'User-Agent': 'PostmanRuntime/7.36.0', 'Cache-Control': 'no-cache', 'Postman-Token': '3c1c1c1e-7a55-4c70-9d0c-0a39d6f0a6b1', 'Accept-Encoding': 'gzip, deflate, br' };
    // As sent when the header carries the boundary…
    const withBoundary = await publish(server, parts, { token: PUBLISHER, boundary: postmanBoundary, contentType: `multipart/form-data; boundary=${postmanBoundary}`, headers });
    expect(withBoundary.status, withBoundary.text).to.equal(201);
    expect(withBoundary.headers['content-type']).to.match(/^application\/json/);
    // …and when the hand-set header has none: the body's first line names it.
    const bare = await publish(server, parts, { token: PUBLISHER, boundary: postmanBoundary, contentType: 'multipart/form-data', headers });
    expect(bare.status, bare.text).to.equal(201);
    const { contents } = await consult(bare.json().messageId);
    expect(contents[0].equals(PDF)).to.equal(true);
  });

  it('answers curl -F (Expect: 100-continue, JSON from a file with its type, raw UTF-8 file name)', async () => {
    const boundary = '------------------------' + 'a1b2c3d4e5f60718';
    const name = 'Überweisung_été_2026.pdf';
    const res = await publish(
      server,
      [
        { name: 'messageToPublish', filename: 'msg.json', contentType: 'application/json', body: JSON.stringify(messageToPublish()) },
        { name: 'upfile1', filename: name, contentType: 'application/pdf', body: PDF },
      ],
      { token: PUBLISHER, boundary, expectContinue: true, headers: { Accept: '*/*', 'User-Agent': 'curl/8.5.0' } },
    );
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    expect(message.attachments.items[0].fileName).to.equal(name);
  });

  it('reads a non-ASCII file name given as filename*=UTF-8\'\' (RFC 5987) and serves it back the same way', async () => {
    const name = 'Attestation_sécurité_Ωμέγα.pdf';
    const res = await publish(
      server,
      [jsonPart(messageToPublish()), { name: 'upfile1', filename: 'Attestation_securite.pdf', filenameStar: name, contentType: 'application/pdf', body: PDF }],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    const attachment = message.attachments.items[0];
    expect(attachment.fileName).to.equal(name);
    const content = await server.get(`/ebox/messages/${message.messageId}/attachments/${encodeURIComponent(attachment.attachmentId)}/content`, A);
    expect(content.header('content-disposition')).to.include(`filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}`);
  });

  it('answers a .NET-shaped request (quoted boundary, unquoted names, a file part without Content-Type)', async () => {
    const boundary = 'a7c4b1e0-5d2f-4c3a-9e8b-1f2d3c4b5a69';
    const res = await publish(
      server,
      [
        { name: 'messageToPublish', disposition: 'form-data; name=messageToPublish', contentType: 'text/plain; charset=utf-8', body: JSON.stringify(messageToPublish()) },
        { name: 'upfile1', disposition: "form-data; name=upfile1; filename=rapport.pdf; filename*=utf-8''rapport.pdf", body: PDF },
      ],
      { token: PUBLISHER, boundary, contentType: `multipart/form-data; boundary="${boundary}"` },
    );
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    // No Content-Type on the part: the file name says what it is.
    expect(message.attachments.items[0]).to.deep.include({ fileName: 'rapport.pdf', mediaType: 'application/pdf' });
  });

  it('answers a Java-shaped request (text part in ISO-8859-1, Content-Transfer-Encoding, files as application/octet-stream)', async () => {
    const json = JSON.stringify(messageToPublish({ subject: { fr: 'Déclaration trimestrielle' } }));
    const res = await publish(
      server,
      [
        { name: 'messageToPublish', contentType: 'text/plain; charset=ISO-8859-1', headers: ['Content-Transfer-Encoding: 8bit'], body: Buffer.from(json, 'latin1') },
        { name: 'upfile1', filename: 'declaration.docx', contentType: 'application/octet-stream', headers: ['Content-Transfer-Encoding: binary'], body: PDF },
      ],
      { token: PUBLISHER, boundary: 'w5wVT3_V0ZbBaE-yI6PDYXrP6SpbxAsBAwN', headers: { 'User-Agent': 'Apache-HttpClient/4.5.14 (Java/17.0.9)' } },
    );
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    expect(message.subject.fr).to.equal('Déclaration trimestrielle');
    expect(message.attachments.items[0].mediaType).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('accepts messageToPublish sent as a file part (a JSON Blob), and null for an absent property (Jackson\'s default)', async () => {
    const message = { ...messageToPublish(), forTheAttentionOf: null, originalMessageId: null, expirationDate: null, paymentData: null };
    const res = await publish(server, [{ name: 'messageToPublish', filename: 'blob', contentType: 'application/json', body: JSON.stringify(message) }, filePart('upfile1', PDF)], {
      token: PUBLISHER,
    });
    expect(res.status, res.text).to.equal(201);
  });

  it('stores everything the contract carries: several languages, titles, body, business data, payment, attention, registered mail, replies, signatures, an expiry chosen by the sender', async () => {
    const expirationDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const paymentData = { paymentDataId: 'pay-77', amount: 99.5, vatAmount: 20.9, currency: 'EUR', dueDate: '2027-01-31T00:00:00Z', iban: 'BE68539007547034', bic: 'GKCCBEBB' };
    const res = await publish(
      server,
      [
        jsonPart(
          messageToPublish({
            subject: { nl: 'Aanslagbiljet', fr: 'Avertissement-extrait de rôle', de: 'Steuerbescheid' },
            bodyContent: { nl: 'Zie bijlage', fr: 'Voir annexe' },
            bodyMainContent: false,
            forTheAttentionOf: { id: '85073003328', type: 'person', name: 'Jan Janssens' },
            registeredMail: true,
            replyAuthorized: true,
            expirationDate,
            paymentData,
            businessDataList: [
              { key: 'dossier', name: { nl: 'Dossier', fr: 'Dossier' }, values: [{ nl: 'D-1', fr: 'D-1' }, { de: 'D-2' }] },
              { key: 'period', values: [{ fr: '2026-T3' }] },
            ],
            attachments: [
              { httpPartName: 'upfile1', mainContent: true, attachmentSigned: true, attachmentTitle: { nl: 'Aanslag', fr: 'Avertissement' } },
              { httpPartName: 'upfile2', mainContent: false },
            ],
          }),
        ),
        filePart('upfile1', PDF, 'aanslag.pdf'),
        filePart('upfile2', Buffer.from('a,b\n1,2\n'), 'details.csv', 'text/csv'),
      ],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    expect(res.json().expirationDate).to.equal(expirationDate);
    const { message } = await consult(res.json().messageId);
    expect(message).to.deep.include({
      subject: { nl: 'Aanslagbiljet', fr: 'Avertissement-extrait de rôle', de: 'Steuerbescheid' },
      forTheAttentionOf: { id: '85073003328', type: 'person', name: 'Jan Janssens' },
      registeredMail: true,
      replyAuthorized: true,
      expirationDate,
      paymentData,
    });
    expect(message.businessDataList).to.deep.equal({
      items: [
        { key: 'dossier', name: { nl: 'Dossier', fr: 'Dossier', de: 'Dossier' }, values: [{ nl: 'D-1', fr: 'D-1', de: 'D-1' }, { nl: 'D-2', fr: 'D-2', de: 'D-2' }] },
        // Published without a name: the key stands in for it.
        { key: 'period', name: { nl: 'period', fr: 'period', de: 'period' }, values: [{ nl: '2026-T3', fr: '2026-T3', de: '2026-T3' }] },
      ],
      totalItems: 2,
    });
    expect(message.attachments.items[0]).to.deep.include({ attachmentTitle: { nl: 'Aanslag', fr: 'Avertissement', de: 'Avertissement' }, attachmentSigned: true });
    expect(message.attachments.items[1]).to.deep.include({ mediaType: 'text/csv', attachmentSigned: false });
    const body = await server.get(`/ebox/messages/${message.messageId}/body`, A);
    expect(body.json()).to.deep.equal({ nl: 'Zie bijlage', fr: 'Voir annexe', de: 'Voir annexe' });
    const payment = await server.get(`/ebox/messages/${message.messageId}/paymentData`, A);
    expect(payment.json()).to.deep.equal(paymentData);
    // Search finds it at once, by its business data too.
    const found = await server.get('/ebox/messages?q=2026-T3&qlang=fr', A);
    expect(found.json().items.map((m: { messageId: string }) => m.messageId)).to.include(message.messageId);
  });

  it('stores a message whose main content is its body, without any file', async () => {
    const res = await publish(server, [jsonPart(messageToPublish({ attachments: undefined, bodyContent: { fr: 'Le contenu' }, bodyMainContent: true }))], { token: PUBLISHER });
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    expect(message).to.deep.include({ bodyMainContent: true, attachments: { items: [], totalItems: 0 } });
  });

  it('takes an expiry within the message type\'s validity period, or the end of that period, or the sender\'s date when the type sets no period', async () => {
    const inTwoDays = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const chosen = await publish(server, [jsonPart(messageToPublish({ messageTypeId: NO_VALIDITY_TYPE, expirationDate: inTwoDays })), filePart('upfile1', PDF)], { token: PUBLISHER });
    expect(chosen.status, chosen.text).to.equal(201);
    expect(chosen.json().expirationDate).to.equal(inTwoDays);
  });

  it('stores a reply to a message of the sender\'s own e-Box, sent back to the organization that sent it', async () => {
    const reply = messageToPublish({
      recipient: { eboxType: 'enterprise', eboxIdValue: SENDER },
      senderOrganizationId: RECIPIENT,
      senderApplicationId: undefined,
      originalMessageId: 'to-answer',
      subject: { fr: 'Notre réponse' },
    });
    const res = await publish(server, [jsonPart(reply), filePart('upfile1', PDF)], { token: `dev.${RECIPIENT}.publicationsender` });
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId, `dev.${SENDER}`);
    expect(message).to.deep.include({ originalMessageId: 'to-answer', senderOrganizationId: RECIPIENT });
  });

  it('takes the sender from the token when messageToPublish does not name it, and pads a short recipient CBE', async () => {
    const res = await publish(
      server,
      [jsonPart(messageToPublish({ senderOrganizationId: undefined, recipient: { eboxType: 'enterprise', eboxIdValue: RECIPIENT.replace(/^0/, '') } })), filePart('upfile1', PDF)],
      { token: PUBLISHER },
    );
    expect(res.status, res.text).to.equal(201);
    const { message } = await consult(res.json().messageId);
    expect(message.senderOrganizationId).to.equal(SENDER);
  });

  it('counts the published message in the recipient\'s summary at once', async () => {
    const before = (await server.get('/ebox', B)).json();
    const big = bytes(2048 * 10);
    const res = await publish(server, [jsonPart(messageToPublish({ recipient: { eboxType: 'enterprise', eboxIdValue: OTHER_RECIPIENT } })), filePart('upfile1', big, 'x.pdf')], { token: PUBLISHER });
    expect(res.status, res.text).to.equal(201);
    const after = (await server.get('/ebox', B)).json();
    expect(after.numberOfMessages).to.equal(before.numberOfMessages + 1);
    expect(after.numberOfUnreadMessages).to.equal(before.numberOfUnreadMessages + 1);
    expect(after.eboxSize).to.equal(before.eboxSize + 20);
    expect(Date.parse(after.lastReceiptDate)).to.be.greaterThan(Date.now() - 60_000);
  });
});

describe('POST /publishMessage: NO_DIGITAL_USER', () => {
  const server = useServer({ seed: publicationFixture });
  const send = () => publish(server, [jsonPart(messageToPublish({ recipient: { eboxType: 'enterprise', eboxIdValue: OTHER_RECIPIENT } })), filePart('upfile1', PDF)], { token: PUBLISHER });

  it('says NO_DIGITAL_USER until the owner consults the e-Box, and not after', async () => {
    const first = await send();
    expect(first.status).to.equal(201);
    expect(first.json()).to.include({ code: 'NO_DIGITAL_USER' });
    // GET /ebox alone is not a consultation of the messages.
    await server.get('/ebox', B);
    expect((await send()).json().code).to.equal('NO_DIGITAL_USER');
    expect((await server.get('/ebox/messages', B)).status).to.equal(200);
    const later = await send();
    expect(later.status).to.equal(201);
    expect(later.json()).to.have.keys('messageId', 'expirationDate');
  });

  it('says NO_DIGITAL_USER for an enterprise this provider never heard of, and creates its e-Box', async () => {
    const unknown = '0403170701';
    const res = await publish(server, [jsonPart(messageToPublish({ recipient: { eboxType: 'enterprise', eboxIdValue: unknown } })), filePart('upfile1', PDF)], { token: PUBLISHER });
    expect(res.status, res.text).to.equal(201);
    expect(res.json().code).to.equal('NO_DIGITAL_USER');
    const rows = await query(server, 'select ebox_id, last_consultation_at from eboxes where ebox_id = ?', [unknown]);
    expect(rows).to.deep.equal([{ ebox_id: unknown, last_consultation_at: null }]);
    const list = await server.get('/ebox/messages', `dev.${unknown}`);
    expect(list.json().items.map((m: { messageId: string }) => m.messageId)).to.deep.equal([res.json().messageId]);
  });
});

import { expect } from 'chai';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { A } from '../helpers/message-fixture';
import { startServer, tempDir, useServer, type SuiteServer } from '../helpers/server';
import { seed } from '../helpers/seed';
import {
  b64url,
  BOUNDARY,
  bytes,
  execute,
  FOREIGN_APP,
  FOREIGN_TYPE,
  filePart,
  jsonPart,
  lastAudit,
  messageToPublish,
  multipartBody,
  NO_VALIDITY_TYPE,
  OTHER_PUBLISHER,
  OTHER_SENDER,
  PDF,
  post,
  publicationFixture,
  publish,
  PUBLISHER,
  RECIPIENT,
  SENDER,
  storeState,
  tmpEmpty,
  type Answer,
  type Part,
  type SendOptions,
} from './helpers';

const MIB = 1024 * 1024;

/** Sends a publication that must be refused, and checks that nothing of it remains: no row, no byte, no temporary file. */
async function refused(server: SuiteServer, parts: Part[], status: number, code: string, options: SendOptions = {}): Promise<Answer> {
  const before = await storeState(server);
  const res = await publish(server, parts, { token: PUBLISHER, ...options });
  expect(res.status, res.text).to.equal(status);
  expect(res.json().code, res.text).to.equal(code);
  expect(await tmpEmpty(server)).to.deep.equal([]);
  expect(await storeState(server)).to.deep.equal(before);
  return res;
}

const main = (over: Record<string, unknown> = {}) => [jsonPart(messageToPublish(over)), filePart('upfile1', PDF)];

describe('POST /publishMessage refusals: nothing stored', () => {
  const server = useServer({ seed: publicationFixture });

  describe('who publishes what to whom', () => {
    it('401 without a token, 403 without the publicationsender scope, 415 for another media type', async () => {
      await refused(server, main(), 401, 'MISSING_TOKEN', { token: '' });
      await refused(server, main(), 403, 'INSUFFICIENT_SCOPE', { token: A });
      const res = await post(server, '/publishMessage', Readable.from([JSON.stringify(messageToPublish())]), { token: PUBLISHER, contentType: 'application/json' });
      expect(res.status).to.equal(415);
    });

    it('403 SENDER_MISMATCH when senderOrganizationId is not the enterprise of the token', async () => {
      const res = await refused(server, main({ senderOrganizationId: OTHER_SENDER }), 403, 'SENDER_MISMATCH');
      expect(res.json().message).to.include('access token');
    });

    it('400 UNKNOWN_REFERENCE for a message type, an application or a sender organization missing from the reference data', async () => {
      expect((await refused(server, main({ messageTypeId: 'no-such-type' }), 400, 'UNKNOWN_REFERENCE')).json().message).to.include('no-such-type');
      expect((await refused(server, main({ senderApplicationId: 'no-such-app' }), 400, 'UNKNOWN_REFERENCE')).json().message).to.include('no-such-app');
      // An enterprise that is no sender organization of the reference data.
      await refused(server, main({ senderOrganizationId: undefined }), 400, 'UNKNOWN_REFERENCE', { token: 'dev.0403170701.publicationsender' });
    });

    it('400 INVALID_REQUEST without a messageTypeId: every message of an e-Box has one', async () => {
      await refused(server, main({ messageTypeId: undefined }), 400, 'INVALID_REQUEST');
    });

    it('403 SENDER_NOT_ALLOWED where the reference data reserve a message type or an application to another organization', async () => {
      await refused(server, main({ messageTypeId: FOREIGN_TYPE }), 403, 'SENDER_NOT_ALLOWED');
      await refused(server, main({ senderApplicationId: FOREIGN_APP }), 403, 'SENDER_NOT_ALLOWED');
      // The other organization may use them.
      const allowed = await publish(server, main({ senderOrganizationId: OTHER_SENDER, messageTypeId: FOREIGN_TYPE, senderApplicationId: FOREIGN_APP }), { token: OTHER_PUBLISHER });
      expect(allowed.status, allowed.text).to.equal(201);
    });

    it('400 CITIZEN_RECIPIENT for a citizen: this provider holds enterprise e-Boxes', async () => {
      await refused(server, main({ recipient: { eboxType: 'citizen', eboxIdValue: '71022722580' } }), 400, 'CITIZEN_RECIPIENT');
    });

    it('400 INVALID_RECIPIENT for a CBE number that is malformed or has wrong check digits', async () => {
      await refused(server, main({ recipient: { eboxType: 'enterprise', eboxIdValue: '0123456789' } }), 400, 'INVALID_RECIPIENT');
      await refused(server, main({ recipient: { eboxType: 'enterprise', eboxIdValue: '2123456749' } }), 400, 'INVALID_RECIPIENT');
      await refused(server, main({ recipient: { eboxType: 'enterprise', eboxIdValue: 'BE0123456749' } }), 400, 'INVALID_RECIPIENT');
    });

    it('400 INVALID_ORIGINAL_MESSAGE for a reply to a message the sender did not receive, that allows no reply, or sent elsewhere than back', async () => {
      const reply = (over: Record<string, unknown>) =>
        main({ recipient: { eboxType: 'enterprise', eboxIdValue: SENDER }, senderOrganizationId: RECIPIENT, senderApplicationId: undefined, ...over });
      const asA = { token: `dev.${RECIPIENT}.publicationsender` };
      await refused(server, reply({ originalMessageId: 'in-b' }), 400, 'INVALID_ORIGINAL_MESSAGE', asA);
      await refused(server, reply({ originalMessageId: 'no-such-message' }), 400, 'INVALID_ORIGINAL_MESSAGE', asA);
      await refused(server, reply({ originalMessageId: 'no-reply' }), 400, 'INVALID_ORIGINAL_MESSAGE', asA);
      await refused(server, reply({ originalMessageId: 'to-answer', recipient: { eboxType: 'enterprise', eboxIdValue: '1000000021' } }), 400, 'INVALID_ORIGINAL_MESSAGE', asA);
    });

    it('400 INVALID_EXPIRATION_DATE for an expiry in the past, past the validity period, or missing where the type has no period', async () => {
      await refused(server, main({ expirationDate: '2020-01-01T00:00:00Z' }), 400, 'INVALID_EXPIRATION_DATE');
      const twoYears = new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000).toISOString();
      expect((await refused(server, main({ expirationDate: twoYears }), 400, 'INVALID_EXPIRATION_DATE')).json().message).to.include('validity period');
      await refused(server, main({ messageTypeId: NO_VALIDITY_TYPE }), 400, 'INVALID_EXPIRATION_DATE');
    });
  });

  describe('what messageToPublish says', () => {
    it('400 INVALID_REQUEST for text that is not JSON, or JSON that is not a MessageToPublish', async () => {
      expect((await refused(server, [{ name: 'messageToPublish', body: '{"recipient": ' }, filePart('upfile1', PDF)], 400, 'INVALID_REQUEST')).json().message).to.include('not JSON');
      const noSubject = messageToPublish();
      delete noSubject.subject;
      expect((await refused(server, [jsonPart(noSubject), filePart('upfile1', PDF)], 400, 'INVALID_REQUEST')).json().message).to.include("'subject'");
      await refused(server, main({ replyAuthorized: 'yes' }), 400, 'INVALID_REQUEST');
      await refused(server, main({ subject: {} }), 400, 'INVALID_REQUEST');
      await refused(server, main({ attachments: [{ httpPartName: 'document', mainContent: true }] }), 400, 'INVALID_REQUEST');
      await refused(server, main({ attachments: [{ httpPartName: 'upfile1', mainContent: true, digest: { digestMethod: 'sha_256', digestValue: 'abc' } }] }), 400, 'INVALID_REQUEST');
    });

    it('400 NO_MAIN_CONTENT without a main attachment or a main body', async () => {
      await refused(server, main({ attachments: [{ httpPartName: 'upfile1', mainContent: false }] }), 400, 'NO_MAIN_CONTENT');
      await refused(server, [jsonPart(messageToPublish({ attachments: undefined, bodyMainContent: true }))], 400, 'NO_MAIN_CONTENT');
    });
  });

  describe('the parts', () => {
    it('400 MISSING_PART without messageToPublish, or without a file part an attachment names', async () => {
      expect((await refused(server, [filePart('upfile1', PDF)], 400, 'MISSING_PART')).json().message).to.include('messageToPublish');
      const two = messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true }, { httpPartName: 'upfile2', mainContent: false }] });
      expect((await refused(server, [jsonPart(two), filePart('upfile1', PDF)], 400, 'MISSING_PART')).json().message).to.include('upfile2');
    });

    it('400 UNEXPECTED_PART for a file no attachment names (JSON first or last), an unknown part, a part sent twice', async () => {
      const extra = filePart('upfile2', PDF);
      expect((await refused(server, [...main(), extra], 400, 'UNEXPECTED_PART')).json().message).to.include('upfile2');
      expect((await refused(server, [extra, filePart('upfile1', PDF), jsonPart(messageToPublish())], 400, 'UNEXPECTED_PART')).json().message).to.include('upfile2');
      await refused(server, [...main(), filePart('document', PDF)], 400, 'UNEXPECTED_PART');
      await refused(server, [...main(), { name: 'comment', body: 'hello' }], 400, 'UNEXPECTED_PART');
      await refused(server, [...main(), filePart('upfile1', PDF)], 400, 'UNEXPECTED_PART');
      await refused(server, [...main(), jsonPart(messageToPublish())], 400, 'UNEXPECTED_PART');
    });

    it('400 INVALID_PART for a file part without a file name', async () => {
      await refused(server, [jsonPart(messageToPublish()), { name: 'upfile1', body: 'no filename here' }], 400, 'INVALID_PART');
      await refused(server, [jsonPart(messageToPublish()), { name: 'upfile1', filename: '', contentType: 'application/pdf', body: PDF }], 400, 'INVALID_PART');
    });

    it('400 LIMIT_EXCEEDED for seven files, naming the limit', async () => {
      const attachments = [1, 2, 3, 4, 5, 6].map((i) => ({ httpPartName: `upfile${i}`, mainContent: i === 1 }));
      const files = [1, 2, 3, 4, 5, 6, 6].map((i) => filePart(`upfile${i}`, Buffer.from(`file ${i}`), `f${i}.pdf`));
      const res = await refused(server, [jsonPart(messageToPublish({ attachments })), ...files], 400, 'LIMIT_EXCEEDED');
      expect(res.json().message).to.include('PUBLICATION_MAX_FILES');
      // …and seven attachments in messageToPublish.
      const seven = [...attachments, { httpPartName: 'upfile1', mainContent: false }];
      expect((await refused(server, [jsonPart(messageToPublish({ attachments: seven }))], 400, 'LIMIT_EXCEEDED')).json().message).to.include('PUBLICATION_MAX_FILES');
    });

    it('400 UNSUPPORTED_FILE_TYPE for a file of a media type the contract does not list', async () => {
      const res = await refused(server, [jsonPart(messageToPublish()), filePart('upfile1', PDF, 'photo.png', 'image/png')], 400, 'UNSUPPORTED_FILE_TYPE');
      expect(res.json().message).to.include('application/pdf');
      await refused(server, [jsonPart(messageToPublish()), filePart('upfile1', PDF, 'binary.bin', 'application/octet-stream')], 400, 'UNSUPPORTED_FILE_TYPE');
    });

    it('400 DIGEST_MISMATCH when a file is not what its digest says, whether the JSON part comes first or last', async () => {
      const wrong = messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true, digest: { digestMethod: 'sha_256', digestValue: b64url(Buffer.from('other bytes')) } }] });
      await refused(server, [jsonPart(wrong), filePart('upfile1', PDF)], 400, 'DIGEST_MISMATCH');
      const res = await refused(server, [filePart('upfile1', bytes(2 * MIB)), jsonPart(wrong)], 400, 'DIGEST_MISMATCH');
      expect(res.json().message).to.include('upfile1');
    });

    it('accepts a digest in padded or standard base64 too', async () => {
      const padded = messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true, digest: { digestMethod: 'sha_256', digestValue: b64url(PDF) + '=' } }] });
      expect((await publish(server, [jsonPart(padded), filePart('upfile1', PDF)], { token: PUBLISHER })).status).to.equal(201);
    });
  });

  describe('the multipart body', () => {
    it('400 INVALID_MULTIPART for a body cut before its closing boundary', async () => {
      const res = await refused(server, main(), 400, 'INVALID_MULTIPART', { close: false });
      expect(res.json().message).to.match(/Unexpected end/);
    });

    it('400 INVALID_MULTIPART when the Content-Type has no boundary and the body does not start with one', async () => {
      await refused(server, [{ name: 'x', disposition: 'garbage', body: 'x' }], 400, 'INVALID_MULTIPART', { contentType: 'multipart/form-data', boundary: 'has"quote' });
    });

    it('stores nothing and leaves no temporary file when the client disconnects halfway, and keeps serving', async () => {
      const before = await storeState(server);
      const parts = [jsonPart(messageToPublish()), filePart('upfile1', bytes(8 * MIB, 3), 'large.pdf')];
      const aborted = await publish(server, parts, { token: PUBLISHER, abortAfter: 4 * MIB });
      expect(aborted.sentInAll).to.be.lessThan(4 * MIB + 1);
      expect(await tmpEmpty(server)).to.deep.equal([]);
      expect(await storeState(server)).to.deep.equal(before);
      // Files first: the disconnect comes before the JSON part.
      await publish(server, [filePart('upfile1', bytes(8 * MIB, 4), 'large.pdf'), jsonPart(messageToPublish())], { token: PUBLISHER, abortAfter: 5 * MIB });
      expect(await tmpEmpty(server)).to.deep.equal([]);
      expect(await storeState(server)).to.deep.equal(before);
      expect((await publish(server, main(), { token: PUBLISHER })).status).to.equal(201);
    });

    it('records every refused call in the audit trail, with what had arrived', async () => {
      const wrong = messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true, digest: { digestMethod: 'sha_256', digestValue: b64url(Buffer.from('x')) } }] });
      await publish(server, [filePart('upfile1', PDF), jsonPart(wrong)], { token: PUBLISHER });
      const record = await lastAudit(server, '/publishMessage');
      expect(record.response_code).to.equal(400);
      expect(JSON.parse(record.details)).to.deep.equal({
        attachments: [{ httpPartName: 'upfile1', mediaType: 'application/pdf', size: PDF.length / 1024, digest: { digestMethod: 'sha_256', digestValue: b64url(PDF) } }],
      });
      await publish(server, main({ senderOrganizationId: OTHER_SENDER }), { token: PUBLISHER });
      expect((await lastAudit(server, '/publishMessage')).response_code).to.equal(403);
    });
  });
});

describe('POST /publishMessage limits (configured small), checked while the request streams', () => {
  const server = useServer({
    seed: publicationFixture,
    env: {
      PUBLICATION_MAX_FILE_BYTES: String(1 * MIB),
      PUBLICATION_MAX_TOTAL_BYTES: String(3 * MIB / 2),
      PUBLICATION_MAX_SUBJECT_LENGTH: '20',
      PUBLICATION_MAX_FILE_NAME_LENGTH: '12',
      PUBLICATION_MAX_MESSAGE_BYTES: '2048',
      PUBLICATION_MAX_FILES: '2',
    },
  });
  const two = messageToPublish({ attachments: [{ httpPartName: 'upfile1', mainContent: true }, { httpPartName: 'upfile2', mainContent: false }] });

  it('refuses a file over PUBLICATION_MAX_FILE_BYTES at its first byte too many, before the rest of the request is sent', async () => {
    // 1 GiB offered; the client stops sending once answered, as curl does.
    const res = await refused(server, [jsonPart(messageToPublish()), filePart('upfile1', bytes(1024 * MIB), 'big.pdf')], 400, 'LIMIT_EXCEEDED');
    expect(res.json().message).to.include('PUBLICATION_MAX_FILE_BYTES');
    expect(res.sentWhenAnswered).to.be.lessThan(128 * MIB);
    // A file of exactly the limit is fine.
    expect((await publish(server, [jsonPart(messageToPublish()), filePart('upfile1', bytes(MIB), 'ok.pdf')], { token: PUBLISHER })).status).to.equal(201);
  });

  it('refuses files together over PUBLICATION_MAX_TOTAL_BYTES', async () => {
    const res = await refused(server, [jsonPart(two), filePart('upfile1', bytes(MIB), 'a.pdf'), filePart('upfile2', bytes(MIB), 'b.pdf')], 400, 'LIMIT_EXCEEDED');
    expect(res.json().message).to.include('PUBLICATION_MAX_TOTAL_BYTES');
  });

  it('refuses more files than PUBLICATION_MAX_FILES', async () => {
    const res = await refused(server, [jsonPart(two), filePart('upfile1', PDF, 'a.pdf'), filePart('upfile2', PDF, 'b.pdf'), filePart('upfile3', PDF, 'c.pdf')], 400, 'LIMIT_EXCEEDED');
    expect(res.json().message).to.include('PUBLICATION_MAX_FILES');
  });

  it('refuses a subject over PUBLICATION_MAX_SUBJECT_LENGTH characters, counting characters rather than bytes', async () => {
    const res = await refused(server, main({ subject: { fr: 'x'.repeat(21) } }), 400, 'LIMIT_EXCEEDED');
    expect(res.json().message).to.include('PUBLICATION_MAX_SUBJECT_LENGTH');
    expect((await publish(server, main({ subject: { fr: 'é'.repeat(20) } }), { token: PUBLISHER })).status).to.equal(201);
  });

  it('refuses a file name over PUBLICATION_MAX_FILE_NAME_LENGTH characters', async () => {
    const res = await refused(server, [jsonPart(messageToPublish()), filePart('upfile1', PDF, 'thirteen.pdf1', 'application/pdf')], 400, 'LIMIT_EXCEEDED');
    expect(res.json().message).to.include('PUBLICATION_MAX_FILE_NAME_LENGTH');
    expect((await publish(server, [jsonPart(messageToPublish()), filePart('upfile1', PDF, 'ééééééé.pdf')], { token: PUBLISHER })).status).to.equal(201);
  });

  it('refuses a messageToPublish over PUBLICATION_MAX_MESSAGE_BYTES, as a text part or as a file part', async () => {
    const long = messageToPublish({ bodyContent: { fr: 'x'.repeat(3000) } });
    expect((await refused(server, [jsonPart(long), filePart('upfile1', PDF)], 400, 'LIMIT_EXCEEDED')).json().message).to.include('PUBLICATION_MAX_MESSAGE_BYTES');
    await refused(server, [{ name: 'messageToPublish', filename: 'm.json', contentType: 'application/json', body: JSON.stringify(long) }, filePart('upfile1', PDF)], 400, 'LIMIT_EXCEEDED');
  });

  it('reads and discards the rest of a refused request for a client that keeps sending, and serves its next request on the same connection', async () => {
    const url = new URL(server.url);
    const socket = net.connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.write(
      `POST ${url.pathname.replace(/\/$/, '')}/publishMessage HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${PUBLISHER}\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    // Chunked, as a client streaming a body of unknown length sends it; written whole whatever the server answers meanwhile.
    for await (const chunk of multipartBody([jsonPart(messageToPublish()), filePart('upfile1', bytes(24 * MIB), 'big.pdf')])) {
      const data = chunk as Buffer;
      if (!socket.write(Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]))) await once(socket, 'drain');
    }
    socket.write('0\r\n\r\n');
    socket.write(`GET ${url.pathname.replace(/\/$/, '')}/ebox HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${A}\r\n\r\n`);
    const until = Date.now() + 10_000;
    while ((received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    expect(received.match(/HTTP\/1\.1 \d{3}/g)).to.deep.equal(['HTTP/1.1 400', 'HTTP/1.1 200']);
    expect(received).to.include('"code":"LIMIT_EXCEEDED"');
    expect(await tmpEmpty(server)).to.deep.equal([]);
  });

  it('refuses early when the JSON part comes first: a message refused for what it says is answered before its files are read', async () => {
    const tmp = path.join(server.config.storageDir, 'tmp');
    const created: string[] = [];
    const watcher = fs.watch(tmp, (_event, name) => created.push(String(name)));
    try {
      const big = filePart('upfile1', bytes(1024 * MIB), 'big.pdf');
      const res = await refused(server, [jsonPart(messageToPublish({ messageTypeId: 'no-such-type' })), big], 400, 'UNKNOWN_REFERENCE');
      expect(res.sentWhenAnswered).to.be.lessThan(128 * MIB);
      // Not one byte of the file was written anywhere.
      expect(created).to.deep.equal([]);
    } finally {
      watcher.close();
    }
  });
});

describe('POST /publishMessage: a failure after the bytes are stored', () => {
  const server = useServer({ seed: publicationFixture });

  it('rolls back the rows and removes the bytes when the database refuses the write', async () => {
    const unique = Buffer.from(`bytes of this test only ${Date.now()}`);
    const engine = server.config.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';
    // A real fault: the store refuses the search rows, the last write of a publication.
    if (engine === 'sqlite') {
      await execute(server, "CREATE TRIGGER refuse_search BEFORE INSERT ON message_search BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
    } else {
      await execute(server, "CREATE FUNCTION refuse_search() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql");
      await execute(server, 'CREATE TRIGGER refuse_search BEFORE INSERT ON message_search FOR EACH ROW EXECUTE FUNCTION refuse_search()');
    }
    const before = await storeState(server);
    const res = await publish(server, [jsonPart(messageToPublish()), filePart('upfile1', unique)], { token: PUBLISHER });
    expect(res.status).to.equal(500);
    expect(await storeState(server)).to.deep.equal(before);
    await execute(server, engine === 'sqlite' ? 'DROP TRIGGER refuse_search' : 'DROP TRIGGER refuse_search ON message_search');
    expect((await publish(server, [jsonPart(messageToPublish()), filePart('upfile1', unique)], { token: PUBLISHER })).status).to.equal(201);
  });
});

describe('temporary files of interrupted uploads', () => {
  it('are removed at start-up; files still being written (another instance\'s upload) are left alone', async () => {
    const dir = tempDir();
    const first = await startServer({}, dir);
    await seed(first, publicationFixture());
    await first.close();
    const tmp = path.join(dir, 'blobs', 'tmp');
    fs.writeFileSync(path.join(tmp, 'left-by-a-crash'), 'half an upload');
    const anHourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(tmp, 'left-by-a-crash'), anHourAgo, anHourAgo);
    fs.writeFileSync(path.join(tmp, 'being-written'), 'an upload in progress');
    const second = await startServer({}, dir);
    try {
      expect(fs.readdirSync(tmp)).to.deep.equal(['being-written']);
      expect((await second.get('/ebox', A)).status).to.equal(200);
    } finally {
      await second.close();
    }
  });
});

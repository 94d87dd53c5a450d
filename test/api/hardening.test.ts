// Hostile input and faults: each case of the fault campaign that fits an API
// test, over every operation where it applies. Every answer is a StatusMessage
// in JSON with a stable code, never a 500 for bad input.
import { expect } from 'chai';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { query } from '../helpers/db';
import { assertConforms } from '../helpers/contract';
import { A, messageFixture } from '../helpers/message-fixture';
import { useServer, type SuiteServer } from '../helpers/server';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request exactly as written: fetch() would normalise the path and merge repeated headers. */
function raw(server: SuiteServer, method: string, rawPath: string, headers: http.OutgoingHttpHeaders = {}, body?: Buffer): Promise<Raw> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function expectStatusMessage(res: Raw, status: number, code: string, method = 'GET', contractPath?: string): Promise<void> {
  expect(res.status, res.text).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(body).to.have.keys('id', 'code', 'message');
  expect(body.code).to.equal(code);
  if (contractPath) {
    await assertConforms(method, contractPath, { status: res.status, headers: new Headers(res.headers as Record<string, string>), text: res.text, bytes: Buffer.from(res.text) });
  }
}

const ID_PATHS = [
  '/ebox/messages/{id}',
  '/ebox/messages/{id}/attachments',
  '/ebox/messages/{id}/attachments/{id}',
  '/ebox/messages/{id}/attachments/{id}/content',
  '/ebox/messages/{id}/bodyContent',
  '/ebox/messages/{id}/paymentData',
  '/referenceData/messageTypes/{id}',
  '/referenceData/senderApplications/{id}',
  '/referenceData/senderApplications/{id}/images/{id}/content',
  '/referenceData/senderOrganizations/{id}',
  '/referenceData/senderOrganizations/{id}/images/{id}/content',
];

describe('hardening: hostile input', () => {
  const server = useServer({ seed: messageFixture });

  describe('malformed percent-encoding in a path id is a 400, with or without a token', () => {
    for (const template of ID_PATHS) {
      for (const bad of ['%ZZ', '%C0%AF', '%ED%A0%80']) {
        it(`${template} with ${bad}`, async () => {
          const p = template.replace(/\{id\}/g, bad);
          await expectStatusMessage(await raw(server, 'GET', p, { authorization: `Bearer ${A}` }), 400, 'INVALID_REQUEST');
          await expectStatusMessage(await raw(server, 'GET', p), 400, 'INVALID_REQUEST');
        });
      }
    }
  });

  describe('the token is checked before the body is read', () => {
    it('answers 401, not 400, to a malformed body without a token', async () => {
      const res = await raw(server, 'PATCH', '/ebox/messages', { 'content-type': 'application/merge-patch+json' }, Buffer.from('{"items": [nope'));
      await expectStatusMessage(res, 401, 'MISSING_TOKEN', 'PATCH', '/ebox/messages');
    });
    it('answers 401 to a megabyte of nesting without a token', async () => {
      const body = Buffer.from('['.repeat(500_000) + ']'.repeat(500_000));
      const res = await raw(server, 'PATCH', '/ebox/messages', { 'content-type': 'application/merge-patch+json' }, body);
      await expectStatusMessage(res, 401, 'MISSING_TOKEN', 'PATCH', '/ebox/messages');
    });
  });

  describe('PATCH bodies out of bounds are 400, and their audit record is kept', () => {
    const patch = (body: Buffer, headers: http.OutgoingHttpHeaders = {}) =>
      raw(server, 'PATCH', '/ebox/messages', { authorization: `Bearer ${A}`, 'content-type': 'application/merge-patch+json', ...headers }, body);

    it('refuses a body nested 8,000 levels deep', async () => {
      const before = Number((await query(server, 'select count(*) as n from audit_records'))[0].n);
      const body = Buffer.from(`{"items":${'['.repeat(8000)}${']'.repeat(8000)},"totalItems":1}`);
      await expectStatusMessage(await patch(body), 400, 'INVALID_REQUEST', 'PATCH', '/ebox/messages');
      const after = await query<{ response_code: number; request_method: string }>(server, 'select response_code, request_method from audit_records order by id desc limit 1');
      expect(Number((await query(server, 'select count(*) as n from audit_records'))[0].n)).to.equal(before + 1);
      expect(after[0]).to.deep.equal({ response_code: 400, request_method: 'PATCH' });
    });
    it('refuses more than 1,000 items, and changes nothing', async () => {
      const items = Array.from({ length: 1001 }, (_, i) => ({ messageId: i === 0 ? 'tie-a' : `m-${i}`, visible: false }));
      const res = await patch(Buffer.from(JSON.stringify({ items, totalItems: items.length })));
      await expectStatusMessage(res, 400, 'INVALID_REQUEST', 'PATCH', '/ebox/messages');
      expect(JSON.parse(res.text).message).to.match(/at most 1000/);
      const [row] = await query<{ visible: number }>(server, "select visible from messages where message_id = 'tie-a'");
      expect(row.visible).to.equal(1);
    });
    it('refuses 32,767 items (a body past the size bound) with a 400, not a database error', async () => {
      const items = Array.from({ length: 32_767 }, (_, i) => ({ messageId: `m-${i}`, visible: false }));
      await expectStatusMessage(await patch(Buffer.from(JSON.stringify({ items, totalItems: items.length }))), 400, 'PAYLOAD_TOO_LARGE', 'PATCH', '/ebox/messages');
    });
    it('answers 1,000 unknown ids with a 404, not a database error', async () => {
      const items = Array.from({ length: 1000 }, (_, i) => ({ messageId: `m-${i}`, visible: false }));
      await expectStatusMessage(await patch(Buffer.from(JSON.stringify({ items, totalItems: 1000 }))), 404, 'NOT_FOUND', 'PATCH', '/ebox/messages');
    });
    it('refuses a body larger than the bound', async () => {
      const items = Array.from({ length: 900 }, () => ({ messageId: 'x'.repeat(400), visible: false }));
      await expectStatusMessage(await patch(Buffer.from(JSON.stringify({ items, totalItems: 900 }))), 400, 'PAYLOAD_TOO_LARGE', 'PATCH', '/ebox/messages');
    });
    it('refuses a body that is not what its Content-Encoding says', async () => {
      const res = await patch(Buffer.from('{"items":[],"totalItems":0}'), { 'content-encoding': 'gzip' });
      await expectStatusMessage(res, 400, 'INVALID_REQUEST', 'PATCH', '/ebox/messages');
    });
    it('still reads a body that really is gzip', async () => {
      const res = await patch(gzipSync(JSON.stringify({ items: [{ messageId: 'tie-a', visible: true }], totalItems: 1 })), { 'content-encoding': 'gzip' });
      expect(res.status, res.text).to.equal(200);
    });
  });

  describe('requests that are ambiguous or not HTTP', () => {
    it('answers 400 to several Authorization headers', async () => {
      // Node's OutgoingHttpHeaders types authorization as a string; an array sends the header twice.
      const twice = { authorization: [`Bearer ${A}`, 'Bearer dev.1000000021'] } as unknown as http.OutgoingHttpHeaders;
      const res = await raw(server, 'GET', '/ebox', twice);
      await expectStatusMessage(res, 400, 'INVALID_REQUEST', 'GET', '/ebox');
    });
    it('answers a StatusMessage to bytes that are not HTTP', async () => {
      const { hostname, port } = new URL(server.url);
      const text = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname, () => socket.end('THIS IS NOT HTTP\r\n\r\n'));
        let out = '';
        socket.on('data', (d) => (out += d.toString()));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      expect(text).to.match(/^HTTP\/1\.1 400 /);
      const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
      expect(body).to.have.keys('id', 'code', 'message');
      expect(body.code).to.equal('INVALID_REQUEST');
    });
  });
});

describe('hardening: honest reads', () => {
  const server = useServer({ seed: messageFixture });

  it('answers a 500 StatusMessage for missing bytes, and the message stays unread and unaudited', async () => {
    const [attachment] = await query<{ blob_key: string }>(server, "select blob_key from attachments where message_id = 'full' and attachment_id = 'main'");
    const key = attachment.blob_key;
    const file = path.join(server.config.storageDir, key.slice(0, 2), key.slice(2, 4), key);
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      const res = await server.get('/ebox/messages/full/attachments/main/content', A);
      expect(res.status).to.equal(500);
      expect(res.json().code).to.equal('CONTENT_UNAVAILABLE');
      expect(res.headers.get('content-disposition')).to.equal(null);
      const [row] = await query<{ read_status: number }>(server, "select read_status from messages where message_id = 'full'");
      expect(row.read_status).to.equal(0);
      const audited = await query(server, "select * from audit_records where request_url like '%/full/attachments/main/content'");
      expect(audited).to.deep.equal([]);
    } finally {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, saved);
    }
    const res = await server.get('/ebox/messages/full/attachments/main/content', A);
    expect(res.status).to.equal(200);
    const [row] = await query<{ read_status: number }>(server, "select read_status from messages where message_id = 'full'");
    expect(row.read_status).to.equal(1);
  });
});

describe('hardening: load shedding', () => {
  const server = useServer({ seed: messageFixture, env: { MAX_IN_FLIGHT: '1' } });

  it('answers 503 OVERLOADED at once when the requests in progress reach MAX_IN_FLIGHT', async () => {
    const { hostname, port } = new URL(server.url);
    // A PATCH whose body never finishes arriving holds the one slot.
    const held = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => held.once('connect', () => resolve()));
    held.write(
      `PATCH /ebox/messages HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${A}\r\nContent-Type: application/merge-patch+json\r\nContent-Length: 100\r\n\r\n{"items":`,
    );
    try {
      let res = await raw(server, 'GET', '/ebox', { authorization: `Bearer ${A}` });
      for (let i = 0; i < 20 && res.status !== 503; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        res = await raw(server, 'GET', '/ebox', { authorization: `Bearer ${A}` });
      }
      await expectStatusMessage(res, 503, 'OVERLOADED', 'GET', '/ebox');
      expect(res.headers['retry-after']).to.equal('1');
    } finally {
      held.destroy();
    }
    let after = await raw(server, 'GET', '/ebox', { authorization: `Bearer ${A}` });
    for (let i = 0; i < 20 && after.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await raw(server, 'GET', '/ebox', { authorization: `Bearer ${A}` });
    }
    expect(after.status).to.equal(200);
  });
});

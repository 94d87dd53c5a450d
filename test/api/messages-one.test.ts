import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { startServer, useServer } from '../helpers/server';
import { seed } from '../helpers/seed';
import { query } from '../helpers/db';
import { A, B, NON_ASCII_PDF, PDF_BYTES, messageFixture } from '../helpers/message-fixture';

describe('one message and its parts', () => {
  const server = useServer({ seed: messageFixture });

  const readState = async (id: string) =>
    (await query<{ read_status: number; first_read_at: number | null }>(server, 'select read_status, first_read_at from messages where message_id = ?', [id]))[0];

  it('getMessageById answers the complete message', async () => {
    const res = await server.get('/ebox/messages/full', A);
    expect(res.status).to.equal(200);
    const m = res.json();
    expect(m.messageId).to.equal('full');
    expect(m.attachments.totalItems).to.equal(2);
    expect(m.subject.de).to.equal('Votre attestation');
  });

  it('lists and describes attachments with size in kB, digest and link', async () => {
    const list = (await server.get('/ebox/messages/full/attachments', A)).json();
    expect(list.totalItems).to.equal(2);
    const one = (await server.get('/ebox/messages/full/attachments/main', A)).json();
    expect(one).to.deep.equal(list.items[0]);
    expect(one.size).to.equal(PDF_BYTES.length / 1024);
    expect(one.digest).to.deep.equal({ digestMethod: 'sha_256', digestValue: createHash('sha256').update(PDF_BYTES).digest('base64url') });
    expect(one.fileName).to.equal(NON_ASCII_PDF);
    expect((await server.get('/ebox/messages/body-main/attachments', A)).json()).to.deep.equal({ items: [], totalItems: 0 });
  });

  describe('attachment content', () => {
    const path = '/ebox/messages/full/attachments/main/content';

    it('streams the bytes with type, length, strong ETag and a safe file name', async () => {
      const res = await server.get(path, A);
      expect(res.status).to.equal(200);
      expect(res.bytes.equals(PDF_BYTES)).to.equal(true);
      expect(res.headers.get('content-type')).to.equal('application/pdf');
      expect(res.headers.get('content-length')).to.equal(String(PDF_BYTES.length));
      expect(res.headers.get('etag')).to.equal(`"${createHash('sha256').update(PDF_BYTES).digest('base64url')}"`);
      expect(res.headers.get('accept-ranges')).to.equal('bytes');
      expect(res.headers.get('content-disposition')).to.equal(
        `attachment; filename="Attestation_s?curit?_?t?_2026.pdf"; filename*=UTF-8''Attestation_s%C3%A9curit%C3%A9_%C3%A9t%C3%A9_2026.pdf`,
      );
    });

    it('serves byte ranges', async () => {
      const first = await server.get(path, A, { Range: 'bytes=0-9' });
      expect(first.status).to.equal(206);
      expect(first.bytes.equals(PDF_BYTES.subarray(0, 10))).to.equal(true);
      expect(first.headers.get('content-range')).to.equal(`bytes 0-9/${PDF_BYTES.length}`);
      expect(first.headers.get('content-length')).to.equal('10');
      const tail = await server.get(path, A, { Range: 'bytes=-6' });
      expect(tail.status).to.equal(206);
      expect(tail.text).to.equal('%%EOF\n');
      const open = await server.get(path, A, { Range: `bytes=${PDF_BYTES.length - 3}-` });
      expect(open.bytes.equals(PDF_BYTES.subarray(-3))).to.equal(true);
    });

    it('answers 416 for a range outside the content, and the whole file for several ranges', async () => {
      const outside = await server.get(path, A, { Range: `bytes=${PDF_BYTES.length + 10}-` });
      expect(outside.status).to.equal(416);
      expect(outside.headers.get('content-range')).to.equal(`bytes */${PDF_BYTES.length}`);
      expect(outside.json().code).to.equal('RANGE_NOT_SATISFIABLE');
      const several = await server.get(path, A, { Range: 'bytes=0-1,5-6' });
      expect(several.status).to.equal(200);
      expect(several.bytes.equals(PDF_BYTES)).to.equal(true);
    });

    it('answers 304 to a revalidation with the same ETag, whatever the request\'s Cache-Control (Fetch clients send no-cache)', async () => {
      const etag = (await server.get(path, A)).header('etag');
      for (const cacheControl of ['no-cache', 'max-age=0', undefined]) {
        const res = await server.get(path, A, { 'If-None-Match': `"other", ${etag}`, ...(cacheControl ? { 'Cache-Control': cacheControl } : {}) });
        expect(res.status, String(cacheControl)).to.equal(304);
        expect(res.bytes).to.have.length(0);
      }
      const ranged = await server.get(path, A, { 'If-None-Match': etag, Range: 'bytes=0-9', 'Cache-Control': 'no-cache' });
      expect(ranged.status, 'the precondition comes before the range').to.equal(304);
      expect((await server.get(path, A, { 'If-None-Match': '"other"' })).status).to.equal(200);
    });

    it('honours If-Range: the range while the ETag is the same, the whole content once it is not', async () => {
      const etag = (await server.get(path, A)).header('etag');
      const same = await server.get(path, A, { Range: 'bytes=0-9', 'If-Range': etag });
      expect(same.status).to.equal(206);
      expect(same.bytes.equals(PDF_BYTES.subarray(0, 10))).to.equal(true);
      for (const other of ['"another-version"', `W/${etag}`, 'Mon, 01 Jan 2001 00:00:00 GMT']) {
        const whole = await server.get(path, A, { Range: 'bytes=0-9', 'If-Range': other });
        expect(whole.status, other).to.equal(200);
        expect(whole.bytes.equals(PDF_BYTES), other).to.equal(true);
      }
    });

    // The server runs in this process: its open files are ours (Linux, /proc).
    it('closes the blob after every answer: whole, ranged, revalidated (304) and dropped by the client', async () => {
      const blobs = `${server.dir}/blobs/`;
      const openBlobs = () => fs.readdirSync('/proc/self/fd').filter((fd) => safeReadlink(`/proc/self/fd/${fd}`).startsWith(blobs));
      const etag = (await server.get(path, A)).header('etag');
      expect((await server.get(path, A, { Range: 'bytes=0-9' })).status).to.equal(206);
      expect((await server.get(path, A, { 'If-None-Match': etag })).status).to.equal(304);
      const dropped = new AbortController();
      const res = await fetch(server.url + path, { headers: { Authorization: `Bearer ${A}` }, signal: dropped.signal });
      expect(res.status).to.equal(200);
      dropped.abort();
      for (let waited = 0; openBlobs().length > 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(openBlobs()).to.deep.equal([]);
    });

    it('serves a plain-text annex with its own type', async () => {
      const res = await server.get('/ebox/messages/full/attachments/annex/content', A);
      expect(res.headers.get('content-type')).to.equal('text/plain');
      expect(res.text).to.equal('an annex, in plain text');
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename=annex.txt');
    });
  });

  describe('read status', () => {
    it('reading an annex leaves the message unread; the main content marks it read, once', async () => {
      const fresh = await startServer();
      try {
        await seed(fresh, messageFixture());
        const state = async () =>
          (await query<{ read_status: number; first_read_at: number | null }>(fresh, 'select read_status, first_read_at from messages where message_id = ?', ['full']))[0];
        await fresh.get('/ebox/messages/full/attachments/annex/content', A);
        expect(await state()).to.deep.equal({ read_status: 0, first_read_at: null });
        await fresh.get('/ebox/messages/full/body', A); // body is an annex here
        expect((await state()).read_status).to.equal(0);

        const before = Date.now();
        await fresh.get('/ebox/messages/full/attachments/main/content', A);
        const first = await state();
        expect(first.read_status).to.equal(1);
        expect(Number(first.first_read_at)).to.be.within(before - 1000, Date.now() + 1000); // pg gives bigints as strings
        expect((await fresh.get('/ebox/messages/full', A)).json().readStatus).to.equal(true);

        await new Promise((r) => setTimeout(r, 20));
        await fresh.get('/ebox/messages/full/attachments/main/content', A);
        expect(await state()).to.deep.equal(first);
        // A revalidation sends no bytes: it is no reading.
        const etag = (await fresh.get('/ebox/messages/full/attachments/main/content', A)).header('etag');
        expect((await fresh.get('/ebox/messages/full/attachments/main/content', A, { 'If-None-Match': etag })).status).to.equal(304);
        expect(await state()).to.deep.equal(first);
      } finally {
        await fresh.close();
      }
    });

    it('reading a body that is the main content marks the message read', async () => {
      expect((await readState('body-main')).read_status).to.equal(0);
      const res = await server.get('/ebox/messages/body-main/body', A);
      expect(res.status).to.equal(200);
      expect(res.json()).to.deep.equal({ nl: 'Hoofdinhoud', fr: 'Hoofdinhoud', de: 'Hoofdinhoud' });
      expect((await readState('body-main')).read_status).to.equal(1);
    });
  });

  describe('body and payment data', () => {
    it('answer 404 when the message has none', async () => {
      const body = await server.get('/ebox/messages/tie-a/body', A);
      expect(body.status).to.equal(404);
      expect(body.json().code).to.equal('NOT_FOUND');
      expect((await server.get('/ebox/messages/tie-a/paymentData', A)).status).to.equal(404);
    });

    it('serve them when present', async () => {
      const pay = await server.get('/ebox/messages/full/paymentData', A);
      expect(pay.status).to.equal(200);
      expect(pay.json()).to.deep.include({ paymentDataId: 'pay-1', iban: 'BE68539007547034' });
      expect((await server.get('/ebox/messages/full/body', A)).json().fr).to.equal('Le corps du message');
    });
  });

  describe('lastConsultationDate', () => {
    it('moves when the owner consults the e-Box, at most once a minute', async () => {
      const fresh = await startServer();
      try {
        await seed(fresh, messageFixture());
        expect((await fresh.get('/ebox', B)).json()).not.to.have.property('lastConsultationDate');
        const before = Math.floor(Date.now() / 1000) * 1000;
        await fresh.get('/ebox/messages', B);
        const summary = (await fresh.get('/ebox', B)).json();
        expect(Date.parse(summary.lastConsultationDate)).to.be.within(before, Date.now());
        const stored = async () => (await query<{ t: number }>(fresh, 'select last_consultation_at as t from eboxes where ebox_id = ?', ['1000000021']))[0].t;
        const first = await stored();
        await new Promise((r) => setTimeout(r, 20));
        await fresh.get('/ebox/messages/b-message', B);
        expect(await stored()).to.equal(first);
        expect((await fresh.get('/ebox', A)).json()).not.to.have.property('lastConsultationDate');
      } finally {
        await fresh.close();
      }
    });
  });
});

/** Where a descriptor of /proc/self/fd points; '' for one closed meanwhile. */
function safeReadlink(link: string): string {
  try {
    return fs.readlinkSync(link);
  } catch {
    return '';
  }
}

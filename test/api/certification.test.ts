import { expect } from 'chai';
import { DateTime } from 'luxon';
import { startServer, useServer } from '../helpers/server';
import { query } from '../helpers/db';
import { A, B, EBOX_A, messageFixture } from '../helpers/message-fixture';
import { seed } from '../helpers/seed';

const CERTIFIER = 'dev.0206731645.certification';

const ids = (body: { items: { messageId: string }[] }) => body.items.map((m) => m.messageId).sort();

describe('certification endpoints (draft)', () => {
  describe('with a test e-Box', () => {
    const server = useServer({ env: { CERTIFICATION_EBOX: EBOX_A }, seed: messageFixture });

    it('GET /certification/version needs no token and names what answers', async () => {
      const res = await server.get('/certification/version');
      expect(res.status).to.equal(200);
      expect(res.json()).to.deep.equal({ name: 'ebox-document-provider', version: '0.1.0', contractVersion: '2.1', build: 'development' });
    });

    it('POST /certification/resetDataSet needs a token with the certification scope', async () => {
      expect((await server.request('POST', '/certification/resetDataSet')).status).to.equal(401);
      const res = await server.request('POST', '/certification/resetDataSet', { token: A });
      expect(res.status).to.equal(403);
      expect(res.header('WWW-Authenticate')).to.include('scope="scope:document:management:consult:ws-eboxrestentreprise:certification"');
    });

    it('replaces the messages of the test e-Box with the data set, touches no other e-Box, and is audited', async () => {
      const before = await query<{ message_id: string }>(server, 'select message_id from messages where ebox_id = ?', [EBOX_A]);
      const otherBefore = (await server.get('/ebox/messages?pageSize=100', B)).text;
      const res = await server.request('POST', '/certification/resetDataSet', { token: CERTIFIER });
      expect(res.status).to.equal(200);
      const today = DateTime.now().setZone('Europe/Brussels').toISODate() ?? '';
      expect(res.json()).to.deep.equal({ referenceDay: today, numberOfMessages: 12 });

      const after = (await server.get('/ebox/messages?pageSize=100', A)).json();
      // cert-05 has expired by construction; every other message of the data set is live.
      expect(ids(after)).to.deep.equal(['cert-01', 'cert-02', 'cert-03', 'cert-04', 'cert-06', 'cert-07', 'cert-08', 'cert-09', 'cert-10', 'cert-11', 'cert-12']);
      expect(after.items[0].receiptDate.slice(0, 10) <= today).to.equal(true);
      expect((await server.get('/ebox/messages?pageSize=100', B)).text).to.equal(otherBefore);
      const old = before.map((m) => m.message_id);
      const leftovers = await query(server, `select message_id from attachments where message_id in (${old.map(() => '?').join(',')})`, old);
      expect(leftovers).to.deep.equal([]);

      const [record] = await query<{ request_method: string; request_url: string; response_code: number; details: string }>(
        server,
        "select * from audit_records where request_url = '/certification/resetDataSet' and response_code = 200",
      );
      expect(record).to.include({ request_method: 'POST', response_code: 200 });
      const details = JSON.parse(record.details);
      expect(details).to.include({ referenceDay: today, messagesRemoved: old.length });
      expect(details.messageIds).to.have.length(12);
    });

    it('gives the same e-Box when run again, as never consulted', async () => {
      const first = (await server.get('/ebox/messages?pageSize=100', A)).json();
      await query(server, 'update eboxes set last_consultation_at = ? where ebox_id = ? returning ebox_id', [Date.now(), EBOX_A]);
      expect((await server.get('/ebox', A)).json().lastConsultationDate).to.be.a('string');
      expect((await server.request('POST', '/certification/resetDataSet', { token: CERTIFIER })).status).to.equal(200);
      expect((await server.get('/ebox', A)).json().lastConsultationDate).to.equal(undefined);
      const second = (await server.get('/ebox/messages?pageSize=100', A)).json();
      expect(second).to.deep.equal(first);
    });
  });

  it('answers 404 on both endpoints without a test e-Box', async () => {
    const server = await startServer();
    try {
      for (const res of [await server.get('/certification/version'), await server.request('POST', '/certification/resetDataSet', { token: CERTIFIER })]) {
        expect(res.status).to.equal(404);
        expect(res.json().code).to.equal('NOT_FOUND');
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a reset that would take a message from another e-Box, and changes nothing', async () => {
    const server = await startServer({ CERTIFICATION_EBOX: EBOX_A });
    try {
      await seed(server, { ...messageFixture(), messages: [...messageFixture().messages, { ...messageFixture().messages[0], eboxId: '1000000021', messageId: 'cert-07' }] });
      const before = await query(server, 'select message_id, ebox_id from messages order by message_id');
      const res = await server.request('POST', '/certification/resetDataSet', { token: CERTIFIER });
      expect(res.status).to.equal(409);
      expect(res.json().code).to.equal('DATA_SET_CONFLICT');
      expect(res.json().message).to.include('cert-07');
      expect(await query(server, 'select message_id, ebox_id from messages order by message_id')).to.deep.equal(before);
      const [record] = await query<{ response_code: number }>(server, "select response_code from audit_records where request_url = '/certification/resetDataSet'");
      expect(record.response_code).to.equal(409);
    } finally {
      await server.close();
    }
  });

  it('asks for the scope CERTIFICATION_SCOPE names', async () => {
    const server = await startServer({ CERTIFICATION_EBOX: EBOX_A, CERTIFICATION_SCOPE: 'scope:acme:certify' });
    try {
      const res = await server.request('POST', '/certification/resetDataSet', { token: CERTIFIER });
      expect(res.status).to.equal(403);
      expect(res.header('WWW-Authenticate')).to.include('scope="scope:acme:certify"');
    } finally {
      await server.close();
    }
  });
});

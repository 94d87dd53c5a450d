import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { connect } from '../../src/db/connect';
import { engineOf } from '../../src/db/types';
import { useServer } from '../helpers/server';
import { query } from '../helpers/db';
import { A, messageFixture, PDF_BYTES } from '../helpers/message-fixture';
import { rootDir } from '../../src/contract/spec-path';

interface Row {
  id: number;
  timestamp: string;
  subject_token_hashed: string;
  client_id: string;
  request_method: string;
  request_url: string;
  response_code: number;
  details: string;
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const NATIONAL_NUMBER = '85073003328';

describe('audit trail', () => {
  const server = useServer({ seed: messageFixture });

  const rows = () => query<Row>(server, 'select * from audit_records order by id');

  /** Reads are written in batches shortly after the response: wait for the count to settle. */
  async function newRecords(action: () => Promise<unknown>, expected: number): Promise<Row[]> {
    const before = (await rows()).length;
    await action();
    for (let i = 0; i < 50; i++) {
      const now = await rows();
      if (now.length >= before + expected) {
        await new Promise((r) => setTimeout(r, 300));
        const settled = await rows();
        return settled.slice(before);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await rows()).slice(before);
  }

  it('records a successful list with the exact fields', async () => {
    const [record, ...more] = await newRecords(() => server.get('/ebox/messages?pageSize=2', A), 1);
    expect(more).to.deep.equal([]);
    expect(record.timestamp).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$/);
    const at = DateTime.fromISO(record.timestamp);
    expect(Math.abs(at.toMillis() - Date.now())).to.be.lessThan(10_000);
    expect(record.timestamp.slice(-6)).to.equal(at.setZone('Europe/Brussels').toFormat('ZZ'));
    expect(record).to.deep.include({
      subject_token_hashed: sha(A),
      client_id: 'dev',
      request_method: 'GET',
      request_url: '/ebox/messages?pageSize=2',
      response_code: 200,
    });
    expect(JSON.parse(record.details)).to.deep.equal({ messageIds: ['full', 'body-main'] });
  });

  it('records the details of each read of a message and its parts', async () => {
    const digest = createHash('sha256').update(PDF_BYTES).digest('base64url');
    const cases: [string, object][] = [
      ['/ebox', {}],
      ['/ebox/messages/full', { messageId: 'full', paymentDataId: 'pay-1', forTheAttentionOfIdHash: sha(NATIONAL_NUMBER) }],
      ['/ebox/messages/full/attachments/main', { messageId: 'full', attachmentId: 'main', mediaType: 'application/pdf', size: PDF_BYTES.length / 1024, digest: { digestMethod: 'sha_256', digestValue: digest } }],
      ['/ebox/messages/full/attachments/main/content', { messageId: 'full', attachmentId: 'main', contentId: digest }],
      ['/ebox/messages/full/body', { messageId: 'full' }],
      ['/ebox/messages/full/paymentData', { messageId: 'full', paymentDataId: 'pay-1' }],
    ];
    for (const [url, details] of cases) {
      const [record] = await newRecords(() => server.get(url, A), 1);
      expect(record.request_url).to.equal(url);
      expect(JSON.parse(record.details), url).to.deep.equal(details);
    }
    const [list] = await newRecords(() => server.get('/ebox/messages/full/attachments', A), 1);
    const details = JSON.parse(list.details);
    expect(details.messageId).to.equal('full');
    expect(details.attachments.map((a: { attachmentId: string }) => a.attachmentId)).to.deep.equal(['main', 'annex']);
    expect(details.attachments[0]).to.have.keys('attachmentId', 'mediaType', 'size', 'digest');
  });

  it('keeps no national number in clear, and hashes the searched text', async () => {
    const [record] = await newRecords(() => server.get(`/ebox/messages?q=${NATIONAL_NUMBER}&qlang=fr`, A), 1);
    expect(record.request_url).to.equal(`/ebox/messages?q=sha256%3A${sha(NATIONAL_NUMBER)}&qlang=fr`);
    const everything = JSON.stringify(await rows());
    expect(everything).not.to.contain(NATIONAL_NUMBER);
    expect(everything).not.to.contain(A);
  });

  it('does not record reads that fail, nor reference data', async () => {
    const none = await newRecords(async () => {
      await server.get('/ebox/messages/no-such', A);
      await server.get('/ebox/messages?page=0', A);
      await server.get('/ebox/messages');
      await server.get('/referenceData/messageTypes', A);
    }, 1);
    expect(none).to.deep.equal([]);
  });

  it('records a successful PATCH once, and a failed one with its status', async () => {
    const patch = (items: object[], contentType = 'application/merge-patch+json') =>
      server.request('PATCH', '/ebox/messages', { token: A, body: { items, totalItems: items.length }, contentType });
    const [ok, ...noMore] = await newRecords(() => patch([{ messageId: 'tie-a', visible: false }]), 1);
    expect(noMore).to.deep.equal([]);
    expect(ok).to.deep.include({ request_method: 'PATCH', request_url: '/ebox/messages', response_code: 200 });
    expect(JSON.parse(ok.details)).to.deep.equal({ messages: [{ messageId: 'tie-a', visible: false }] });

    const [missing] = await newRecords(() => patch([{ messageId: 'b-message', visible: false }]), 1);
    expect(missing.response_code).to.equal(404);
    const [invalid] = await newRecords(() => patch([{ messageId: 'tie-a', visible: 'maybe' }]), 1);
    expect(invalid.response_code).to.equal(400);
    const [unsupported] = await newRecords(() => patch([{ messageId: 'tie-a', visible: true }], 'text/plain'), 1);
    expect(unsupported.response_code).to.equal(415);
    const anonymous = await newRecords(() => server.request('PATCH', '/ebox/messages', { body: { items: [], totalItems: 0 }, contentType: 'application/merge-patch+json' }), 1);
    expect(anonymous).to.deep.equal([]);
  });

  it('refuses UPDATE and DELETE on the audit table, whoever asks', async () => {
    const before = await rows();
    expect(before.length).to.be.greaterThan(0);
    const db = connect(server.config.databaseUrl);
    try {
      let updateError: unknown;
      await db('audit_records').update({ response_code: 500 }).catch((e) => (updateError = e));
      expect(String(updateError)).to.contain('append-only');
      let deleteError: unknown;
      await db('audit_records').delete().catch((e) => (deleteError = e));
      expect(String(deleteError)).to.contain('append-only');
    } finally {
      await db.destroy();
    }
    expect(await rows()).to.deep.equal(before);
  });

  // Each engine's overwriting insert: SQLite's REPLACE deletes without firing
  // the DELETE trigger; PostgreSQL's ON CONFLICT DO UPDATE is an UPDATE.
  it('refuses an insert that would overwrite a record (INSERT OR REPLACE, ON CONFLICT DO UPDATE)', async () => {
    const before = await rows();
    const db = connect(server.config.databaseUrl);
    try {
      const [first] = before;
      const forged = { id: first.id, at_us: 0, timestamp: 't', subject_token_hashed: 'x', client_id: 'x', request_method: 'GET', request_url: '/forged', response_code: 500, details: '{}' };
      let error: unknown;
      const insert = db('audit_records').insert(forged);
      const overwrite = engineOf(db) === 'sqlite3' ? db.raw(insert.toString().replace(/^insert/i, 'insert or replace')) : insert.onConflict('id').merge();
      await overwrite.catch((e) => (error = e));
      expect(String(error)).to.contain('append-only');
    } finally {
      await db.destroy();
    }
    expect(await rows()).to.deep.equal(before);
  });

  it('exports the records of a period as JSON lines', async () => {
    const today = DateTime.now().setZone('Europe/Brussels').toFormat('yyyy-MM-dd');
    const { stdout } = await promisify(execFile)(
      path.join(rootDir, 'node_modules/.bin/tsx'),
      ['src/cli/audit.ts', 'export', '--from', today, '--to', today],
      { cwd: rootDir, env: { ...process.env, DATABASE_URL: server.config.databaseUrl } },
    );
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).to.equal((await rows()).length);
    expect(lines[0]).to.have.keys(
      'TIMESTAMP', 'SUBJECT_TOKEN_HASHED', 'CLIENT_ID', 'API_CALL_REQUEST_METHOD', 'API_CALL_REQUEST_URL', 'API_CALL_RESPONSE_CODE', 'API_CALL_DETAILS',
    );
    const { stdout: empty } = await promisify(execFile)(
      path.join(rootDir, 'node_modules/.bin/tsx'),
      ['src/cli/audit.ts', 'export', '--from', '2001-01-01', '--to', '2001-01-31'],
      { cwd: rootDir, env: { ...process.env, DATABASE_URL: server.config.databaseUrl } },
    );
    expect(empty).to.equal('');
  });
});

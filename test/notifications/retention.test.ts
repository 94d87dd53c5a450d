import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { appendAudit } from '../../src/db/repositories/audit';
import { collectOrphanBlobs, ORPHAN_GRACE_MS, PURGE_CLIENT_ID, purgeExpired } from '../../src/notifications/retention';
import { describeEachEngine } from '../helpers/databases';
import { PNG } from '../helpers/seed';
import { blobKeys, workspace, type Workspace } from '../import/helpers';
import { loadReferences } from '../import/large-file';
import { importData } from '../../src/services/importer';
import { DAY, iso, message, NOW, outbox } from './helpers';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const keyOf = (bytes: string | Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const file = (id: string, bytes: string | Buffer, mainContent = false) => ({ attachmentId: id, fileName: `${id}.bin`, mediaType: 'application/pdf', mainContent, content: b64(bytes) });

const UNIQUE = 'bytes of one purged message only';
const TWICE_PURGED = 'bytes two purged messages share';
const SHARED = 'bytes a purged and a kept message share';

describeEachEngine('retention: messages expired for longer than the retention period', (engine) => {
  let ws: Workspace;
  beforeEach(async () => (ws = await workspace(engine)));
  afterEach(async () => ws.close());

  async function store(messages: Record<string, unknown>[], now = NOW) {
    const references = loadReferences();
    // The organization's logo has the very bytes of a purged message's attachment.
    const organization = { ...references.senderOrganizations[0], organizationLogos: [{ imageId: 'logo', mediaType: 'image/png', content: b64(PNG) }] };
    await importData({ ...references, senderOrganizations: [organization], messages }, ws.dir, { db: ws.db, blobs: ws.blobs, now: () => now });
  }
  const ids = async (table: string) => ((await ws.db(table).distinct('message_id').orderBy('message_id').pluck('message_id')) as string[]).sort();
  const count = async (table: string, where: (q: Knex.QueryBuilder) => void = () => {}) => {
    const q = ws.db(table);
    where(q);
    return Number((await q.count({ n: '*' }).first())?.n);
  };
  const auditOf = async () => (await ws.db('audit_records').orderBy('id')).map((r) => ({ client: String(r.client_id), details: JSON.parse(String(r.details)) }));

  it('purges them with attachments, search rows and schedule, batch by batch with an audit record each, and keeps the rest', async () => {
    // Announced while they were live: one delivered event, one still pending.
    await store([message('gone-1', { expirationDate: iso(NOW - 40 * DAY), receiptDate: iso(NOW - 100 * DAY), attachments: [file('main', UNIQUE, true), file('annex', SHARED)] })], NOW - 50 * DAY);
    await store([message('gone-2', { expirationDate: iso(NOW - 35 * DAY), receiptDate: iso(NOW - 100 * DAY), attachments: [file('main', TWICE_PURGED, true), file('logo-copy', PNG)] })], NOW - 50 * DAY);
    await ws.db('ees_events').where('message_id', 'gone-1').update({ state: 'delivered' });
    await store([
      message('gone-3', { expirationDate: iso(NOW - 30 * DAY - 1), receiptDate: iso(NOW - 100 * DAY), attachments: [file('main', TWICE_PURGED, true)] }),
      message('kept-29-days', { expirationDate: iso(NOW - 29 * DAY), receiptDate: iso(NOW - 100 * DAY), attachments: [file('main', SHARED, true)] }),
      message('live', { attachments: [file('main', 'live bytes', true)] }),
    ]);
    const earlier = { atMicros: (NOW - 400 * DAY) * 1000, TIMESTAMP: '2025-05-01T00:00:00.000000+02:00', SUBJECT_TOKEN_HASHED: 'a'.repeat(64), CLIENT_ID: 'portal', API_CALL_REQUEST_METHOD: 'GET', API_CALL_REQUEST_URL: '/ebox/messages/gone-1', API_CALL_RESPONSE_CODE: 200, API_CALL_DETAILS: { messageId: 'gone-1' } };
    await appendAudit(ws.db, [earlier]);
    expect(await ids('message_search')).to.include('gone-1');

    const report = await purgeExpired(ws.db, NOW, 30, () => false, 2);
    expect(report).to.deep.equal({ messages: 3, attachments: 5, batches: 2, orphans: 2 });

    expect(await ids('messages')).to.deep.equal(['kept-29-days', 'live']);
    expect(await ids('attachments')).to.deep.equal(['kept-29-days', 'live']);
    expect(await ids('message_search')).to.deep.equal(['kept-29-days', 'live']);
    expect(
      await count('ees_schedule', (q) => {
        q.whereIn('message_id', ['gone-1', 'gone-2', 'gone-3']);
      }),
    ).to.equal(0);
    // Delivered events go with their message; one still to be delivered stays.
    expect((await outbox(ws.db, ['gone-1', 'gone-2', 'gone-3'])).map((r) => [r.messageId, r.state])).to.deep.equal([['gone-2', 'pending']]);
    if (engine.name === 'sqlite') await ws.db.raw(`INSERT INTO message_search_fts(message_search_fts) VALUES ('integrity-check')`);

    // The audit trail: what was there stays, and each batch added its record.
    const audit = await auditOf();
    expect(audit[0]).to.deep.equal({ client: 'portal', details: { messageId: 'gone-1' } });
    expect(audit.slice(1).map((a) => [a.client, a.details.messageIds])).to.deep.equal([
      [PURGE_CLIENT_ID, ['gone-1', 'gone-2']],
      [PURGE_CLIENT_ID, ['gone-3']],
    ]);
    expect(audit[1].details).to.include({ retentionDaysAfterExpiry: 30, expiredBefore: iso(NOW - 30 * DAY), attachments: 4, blobsUnreferenced: 1 });
    const [purgeRow] = await ws.db('audit_records').where('client_id', PURGE_CLIENT_ID).orderBy('id').limit(1);
    expect(purgeRow).to.include({ request_method: 'DELETE', subject_token_hashed: '' });
    expect(Number(purgeRow.response_code)).to.equal(200);

    // Blobs: only bytes nothing references any more are deleted, and only after the grace period.
    const all = [UNIQUE, TWICE_PURGED, SHARED, PNG, 'live bytes'].map(keyOf);
    expect(await collectOrphanBlobs(ws.db, ws.blobs, NOW + ORPHAN_GRACE_MS - 1)).to.equal(0);
    expect(blobKeys(ws.storageDir)).to.include.members(all);
    expect(await collectOrphanBlobs(ws.db, ws.blobs, NOW + ORPHAN_GRACE_MS)).to.equal(2);
    expect(blobKeys(ws.storageDir)).to.deep.equal([SHARED, PNG, 'live bytes'].map(keyOf).sort());
    expect(await count('blob_orphans')).to.equal(0);

    // Nothing more to do: a second sweep purges and audits nothing.
    expect(await purgeExpired(ws.db, NOW, 30)).to.deep.include({ messages: 0, batches: 0 });
    expect(await auditOf()).to.have.length(3);
  });

  it('keeps the bytes of an orphan that was referenced again before the grace period ended', async () => {
    await store([message('old', { expirationDate: iso(NOW - 60 * DAY), receiptDate: iso(NOW - 100 * DAY), attachments: [file('main', UNIQUE, true)] })], NOW - 100 * DAY);
    expect(await purgeExpired(ws.db, NOW, 30)).to.deep.include({ messages: 1, orphans: 1 });
    // An import brings the same document again, in a new message.
    await store([message('again', { attachments: [file('main', UNIQUE, true)] })]);
    expect(await collectOrphanBlobs(ws.db, ws.blobs, NOW + ORPHAN_GRACE_MS)).to.equal(0);
    expect(blobKeys(ws.storageDir)).to.include(keyOf(UNIQUE));
    expect(await count('blob_orphans')).to.equal(0);
  });

  it('follows RETENTION_DAYS_AFTER_EXPIRY', async () => {
    await store([message('ten-days', { expirationDate: iso(NOW - 10 * DAY), receiptDate: iso(NOW - 100 * DAY) })], NOW - 100 * DAY);
    expect(await purgeExpired(ws.db, NOW, 30)).to.deep.include({ messages: 0 });
    expect(await purgeExpired(ws.db, NOW, 7)).to.deep.include({ messages: 1 });
  });
});

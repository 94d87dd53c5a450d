import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DEMO_EBOXES, generateDemo, NON_ASCII_PDF_NAMES } from '../../src/demo/generate';
import { importFile, ImportSummary } from '../../src/services/importer';
import { Loose, workspace, Workspace } from './helpers';

const NOW = Date.parse('2026-11-21T10:00:00Z');
const DAY = 86_400_000;

describe('demo data (src/demo)', () => {
  let ws: Workspace;
  let file: string;
  let summary: ImportSummary;

  before(async () => {
    ws = await workspace();
    file = generateDemo(path.join(ws.dir, 'demo'), { now: NOW }).file;
    summary = await importFile(file, { db: ws.db, blobs: ws.blobs, now: () => NOW });
  });
  after(async () => ws.close());

  it('is deterministic for a given seed and time', () => {
    const again = generateDemo(path.join(ws.dir, 'again'), { now: NOW }).file;
    expect(fs.readFileSync(again, 'utf8')).to.equal(fs.readFileSync(file, 'utf8'));
  });

  it('imports cleanly: two e-Boxes, about 200 messages', async () => {
    expect(summary.messages).to.equal(200);
    expect(summary.eboxes).to.equal(2);
    const eboxes = (await ws.db('eboxes').orderBy('ebox_id')).map((r) => r.ebox_id);
    expect(eboxes).to.deep.equal([...DEMO_EBOXES]);
  });

  it('has at least three sender organizations with PNG and SVG logos, one without a German name', async () => {
    const orgs = await ws.db('sender_organizations');
    expect(orgs.length).to.be.at.least(3);
    for (const org of orgs) {
      const logos = await ws.db('images').where({ owner_type: 'senderOrganization', owner_id: org.organization_id });
      expect(logos.map((l) => l.media_type).sort()).to.deep.equal(['image/png', 'image/svg+xml']);
    }
    const names = orgs.map((o) => JSON.parse(o.document).organizationShortName);
    expect(names.some((n) => n.de === undefined && n.nl && n.fr)).to.equal(true);
    const png = await ws.db('images').where('media_type', 'image/png').first();
    const bytes = fs.readFileSync(path.join(ws.storageDir, png.blob_key.slice(0, 2), png.blob_key.slice(2, 4), png.blob_key));
    expect(bytes.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
    expect(bytes.subarray(12, 16).toString('latin1')).to.equal('IHDR');
  });

  it('has message types with validity periods and applications', async () => {
    const types = await ws.db('message_types');
    expect(types.length).to.be.at.least(3);
    for (const t of types) expect(JSON.parse(t.document).validityPeriod).to.have.keys('validityPeriodNumber', 'validityPeriodUnit');
    expect((await ws.db('sender_applications')).length).to.be.at.least(3);
  });

  it('covers read, unread, hidden, near expiry, expired, registered mail, payments, bodies and attention', async () => {
    const messages = await ws.db('messages');
    const has = (test: (m: Loose) => boolean) => messages.filter(test).length;
    expect(has((m) => Boolean(m.read_status))).to.be.greaterThan(10);
    expect(has((m) => !m.read_status)).to.be.greaterThan(10);
    expect(has((m) => !m.visible)).to.be.greaterThan(0);
    expect(has((m) => m.expiration_at > NOW && m.expiration_at < NOW + 7 * DAY)).to.be.greaterThan(0);
    expect(has((m) => m.expiration_at <= NOW)).to.be.greaterThan(0);
    expect(has((m) => Boolean(m.registered_mail))).to.be.greaterThan(0);
    expect(has((m) => m.payment_data !== null)).to.be.greaterThan(0);
    expect(has((m) => m.body_content !== null)).to.be.greaterThan(0);
    expect(has((m) => Boolean(m.body_main_content))).to.be.greaterThan(0);
    expect(has((m) => m.for_the_attention_of !== null)).to.be.greaterThan(0);
    expect(has((m) => Object.keys(JSON.parse(m.subject)).length === 1)).to.be.greaterThan(0);
    expect(has((m) => Object.keys(JSON.parse(m.subject)).length === 3)).to.be.greaterThan(0);
    const receipts = messages.map((m) => Number(m.receipt_at));
    expect(NOW - Math.min(...receipts)).to.be.greaterThan(400 * DAY);
    expect(NOW - Math.min(...receipts)).to.be.lessThan(560 * DAY);
  });

  it('has PDF, CSV and text attachments, main contents and annexes, and non-ASCII file names', async () => {
    const attachments = await ws.db('attachments');
    expect(new Set(attachments.map((a) => a.media_type))).to.deep.equal(new Set(['application/pdf', 'text/csv', 'text/plain']));
    expect(attachments.some((a) => Boolean(a.main_content))).to.equal(true);
    expect(attachments.some((a) => !a.main_content)).to.equal(true);
    const names = attachments.map((a) => a.file_name);
    for (const name of NON_ASCII_PDF_NAMES) expect(names).to.include(name);
    const special = attachments.find((a) => a.file_name === NON_ASCII_PDF_NAMES[0]);
    const bytes = fs.readFileSync(path.join(ws.storageDir, special.blob_key.slice(0, 2), special.blob_key.slice(2, 4), special.blob_key)).toString('latin1');
    expect(bytes.startsWith('%PDF-1.4')).to.equal(true);
    expect(bytes.trimEnd().endsWith('%%EOF')).to.equal(true);
    const xref = Number(/startxref\n(\d+)/.exec(bytes)?.[1]);
    expect(bytes.slice(xref, xref + 4)).to.equal('xref');
  });
});

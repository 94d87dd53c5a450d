import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { connect } from '../../src/db/connect';
import { buildDataset, LARGE_PDF_BYTES, type Dataset } from '../../scripts/bench/dataset';

describe('benchmark data set (scripts/bench/dataset)', () => {
  let dir: string;
  let dataset: Dataset;
  const db = () => connect(dataset.databaseUrl);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebox-bench-test-'));
    dataset = await buildDataset({ dir, messages: 600, eboxes: 7, big: 150 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the requested messages over the requested e-Boxes, none empty', async () => {
    const k = db();
    try {
      expect(Number((await k('messages').count({ n: '*' }).first())?.n)).to.equal(600);
      const perEbox: { ebox_id: string; n: number }[] = await k('messages').groupBy('ebox_id').select('ebox_id').count({ n: '*' });
      expect(perEbox).to.have.length(7);
      expect(Number((await k('eboxes').count({ n: '*' }).first())?.n)).to.equal(7);
    } finally {
      await k.destroy();
    }
  });

  it('gives the large e-Box exactly its share, the others the rest evenly', async () => {
    const k = db();
    try {
      const rows: { ebox_id: string; n: number }[] = await k('messages').groupBy('ebox_id').select('ebox_id').count({ n: '*' });
      const counts = new Map(rows.map((r) => [r.ebox_id, Number(r.n)]));
      expect(counts.get(dataset.bigEboxId)).to.equal(150);
      const others = [...counts].filter(([id]) => id !== dataset.bigEboxId).map(([, n]) => n);
      expect(others.reduce((a, b) => a + b, 0)).to.equal(450);
      expect(Math.max(...others) - Math.min(...others)).to.be.at.most(1);
    } finally {
      await k.destroy();
    }
  });

  it('indexes every message in the three languages, and the needles of the bench occur', async () => {
    const k = db();
    try {
      expect(Number((await k('message_search').count({ n: '*' }).first())?.n)).to.equal(1800);
      const hits = await k.raw(`SELECT count(*) AS n FROM message_search_fts WHERE message_search_fts MATCH '"trimes"'`);
      expect(Number(hits[0].n)).to.be.greaterThan(0);
    } finally {
      await k.destroy();
    }
  });

  it('stores shared blobs once and one large PDF in the large e-Box, all expiring in the future', async () => {
    const k = db();
    try {
      const large = await k('attachments').where({ message_id: dataset.largeAttachment.messageId, attachment_id: dataset.largeAttachment.attachmentId }).first();
      expect(Number(large.size_bytes)).to.be.at.least(LARGE_PDF_BYTES);
      expect(large.media_type).to.equal('application/pdf');
      const owner = await k('messages').where('message_id', large.message_id).first();
      expect(owner.ebox_id).to.equal(dataset.bigEboxId);
      const distinct = Number((await k('attachments').countDistinct({ n: 'blob_key' }).first())?.n);
      const rows = Number((await k('attachments').count({ n: '*' }).first())?.n);
      expect(distinct).to.be.below(20);
      expect(rows).to.be.greaterThan(500);
      expect(Number((await k('messages').where('expiration_at', '<=', Date.now()).count({ n: '*' }).first())?.n)).to.equal(0);
    } finally {
      await k.destroy();
    }
  });
});

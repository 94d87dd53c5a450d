import fs from 'node:fs';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect } from '../../src/db/connect';
import { countMessages } from '../../src/db/repositories/message-list';
import { buildDataset, LARGE_PDF_BYTES, type Dataset } from '../../scripts/bench/dataset';
import { cleanUp } from '../../scripts/bench/children';
import { describeEachEngine, PG_ADMIN_URL } from '../helpers/databases';
import { tempDir } from '../helpers/temp-dirs';

describeEachEngine('benchmark data set (scripts/bench/dataset), loaded by ebox-import', (engine) => {
  let dir: string;
  let dataset: Dataset;
  let db: Knex;

  before(async function () {
    this.timeout(120_000);
    dir = tempDir('ebox-bench-test-');
    dataset = await buildDataset({ dir, engine: engine.name, postgresAdminUrl: PG_ADMIN_URL, messages: 600, eboxes: 7, big: 150 });
    db = connect(dataset.databaseUrl);
  });
  after(async () => {
    await db?.destroy();
    await dataset?.drop();
    await cleanUp();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the requested messages over the requested e-Boxes, none empty', async () => {
    expect(Number((await db('messages').count({ n: '*' }).first())?.n)).to.equal(600);
    const perEbox: { ebox_id: string; n: number }[] = await db('messages').groupBy('ebox_id').select('ebox_id').count({ n: '*' });
    expect(perEbox).to.have.length(7);
    expect(Number((await db('eboxes').count({ n: '*' }).first())?.n)).to.equal(7);
  });

  it('gives the large e-Box exactly its share, the others the rest evenly', async () => {
    const rows: { ebox_id: string; n: number }[] = await db('messages').groupBy('ebox_id').select('ebox_id').count({ n: '*' });
    const counts = new Map(rows.map((r) => [r.ebox_id, Number(r.n)]));
    expect(counts.get(dataset.bigEboxId)).to.equal(150);
    const others = [...counts].filter(([id]) => id !== dataset.bigEboxId).map(([, n]) => n);
    expect(others.reduce((a, b) => a + b, 0)).to.equal(450);
    expect(Math.max(...others) - Math.min(...others)).to.be.at.most(1);
  });

  it('is searchable: the period value in every message, the unique dossier number in one', async () => {
    const search = (needle: string) => countMessages(db, { eboxId: dataset.bigEboxId, now: Date.now(), search: { lang: 'fr', needle } });
    expect(await search('trimes')).to.equal(150);
    expect(await search(dataset.uniqueDossier.split('-').pop() ?? '')).to.equal(1);
    expect(await search('xylophone')).to.equal(0);
  });

  it('stores shared blobs once and one large PDF in the large e-Box, all expiring in the future', async () => {
    const large = await db('attachments').where({ message_id: dataset.largeAttachment.messageId, attachment_id: dataset.largeAttachment.attachmentId }).first();
    expect(Number(large.size_bytes)).to.equal(fs.statSync(dataset.largeAttachment.file).size).and.at.least(LARGE_PDF_BYTES);
    expect(large.media_type).to.equal('application/pdf');
    const owner = await db('messages').where('message_id', large.message_id).first();
    expect(owner.ebox_id).to.equal(dataset.bigEboxId);
    const distinct = Number((await db('attachments').countDistinct({ n: 'blob_key' }).first())?.n);
    const rows = Number((await db('attachments').count({ n: '*' }).first())?.n);
    expect(distinct).to.be.below(20);
    expect(rows).to.be.greaterThan(500);
    expect(Number((await db('messages').where('expiration_at', '<=', Date.now()).count({ n: '*' }).first())?.n)).to.equal(0);
  });

  it('reports the import figures and the size of every table', () => {
    expect(dataset.import.messagesPerS).to.be.greaterThan(0);
    expect(dataset.import.peakRssMb).to.be.greaterThan(0);
    expect(dataset.objects.map((o) => o.name)).to.include('messages');
    expect(dataset.databaseBytes).to.equal(dataset.objects.reduce((sum, o) => sum + o.bytes, 0));
  });

  // Last: it runs the clean-up of the whole run, as the end of `npm run bench -- --keep` does.
  it('stays in place, database included, when kept (--keep)', async () => {
    dataset.keep();
    await cleanUp();
    const again = connect(dataset.databaseUrl);
    try {
      expect(Number((await again('messages').count({ n: '*' }).first())?.n)).to.equal(600);
    } finally {
      await again.destroy();
    }
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect } from '../../src/db/connect';
import { dialectOf } from '../../src/db/dialects';
import { countMessages } from '../../src/db/repositories/message-list';
import { ImportInterruptedError, importData, type ImportProgress } from '../../src/services/importer';
import { BatchSizer, DEFAULT_BATCH_SIZE, inBatches, MAX_ADAPTIVE_BATCH } from '../../src/services/import/batches';
import { describeEachEngine, engines, type TestEngine } from '../helpers/databases';
import { blobKeys, Loose, rowCounts, workspace, Workspace } from './helpers';
import { LOAD_ORG, loadMessages, loadReferences } from './large-file';

const EBOX = '0123456749';
const BATCH = 3;

const keyOf = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
/** The blob key of a generated message's attachment (large-file.ts: "<prefix> message <i>\n"). */
const blobOf = (i: number) => keyOf(`load message ${i}\n`);
const messageIds = async (db: Knex) => (await db('messages').orderBy('message_id').pluck('message_id')) as string[];
const searchRows = async (db: Knex) => Number((await db('message_search').count({ n: '*' }).first())?.n);

/** Seven messages in batches of three: [0 1 2] [3 4 5] [6]. */
function sevenMessages(): Loose {
  return { ...loadReferences(), messages: loadMessages(7, [EBOX]) };
}

/** Makes the database refuse to insert one message, as a failure in the middle of a batch's transaction. */
async function refuseMessage(engine: TestEngine, db: Knex, messageId: string): Promise<() => Promise<void>> {
  if (engine.name === 'sqlite') {
    await db.raw(`CREATE TRIGGER refuse_one BEFORE INSERT ON messages WHEN NEW.message_id = '${messageId}'
                  BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    return async () => void (await db.raw('DROP TRIGGER refuse_one'));
  }
  await db.raw(`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.message_id = '${messageId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
  await db.raw('CREATE TRIGGER refuse_one BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_one()');
  return async () => void (await db.raw('DROP TRIGGER refuse_one ON messages'));
}

describeEachEngine('importer: batches', (engine) => {
  let ws: Workspace;
  beforeEach(async () => (ws = await workspace(engine)));
  afterEach(async () => ws.close());

  it('commits batch by batch, reference data with the first, and reports each commit', async () => {
    const seen: ImportProgress[] = [];
    const summary = await importData(sevenMessages(), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH, onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.phase === 'write').map((p) => p.done)).to.deep.equal([0, 3, 6, 7]);
    expect(summary).to.include({ messages: 7, attachments: 7, blobsCreated: 7 });
    // Three batches and nothing else: reference data is searched under its own rows, no message is rewritten for it.
    expect(summary.transactions).to.equal(3);
    expect(summary.longestTransactionMs).to.be.above(0);
    expect(await searchRows(ws.db)).to.equal(7 * 3);
  });

  it('keeps the batches committed before a failure, removes only the blobs of the failed batch, and completes when run again', async () => {
    const data = sevenMessages();
    const late = path.join(ws.dir, 'late.txt');
    fs.writeFileSync(late, 'checked, then gone');
    // Batch 2 has new bytes (3), bytes batch 1 stored already (4), and bytes that vanish once checked (5):
    // the second pass checks each message again and stops there, before storing any of the batch.
    data.messages[4].attachments[0].content = data.messages[0].attachments[0].content;
    data.messages[5].attachments[0] = { attachmentId: 'main', fileName: 'late.txt', mediaType: 'text/plain', mainContent: true, contentFile: 'late.txt' };

    const err = await importData(data, ws.dir, {
      db: ws.db,
      blobs: ws.blobs,
      batchSize: BATCH,
      onProgress: (p) => {
        if (p.phase === 'write' && p.done === 0) fs.rmSync(late);
      },
    }).catch((e: unknown) => e);

    expect(err).to.be.instanceOf(ImportInterruptedError);
    expect(err).to.include({ committed: 3, total: 7 });
    expect(((err as Error).cause as Error).message).to.contain('/messages/5/attachments/0/contentFile [contentFileMissing]');
    expect((err as Error).message).to.contain('3 of 7 messages').and.contain('importing the same file again completes it');
    expect(await messageIds(ws.db)).to.deep.equal(['load-000000', 'load-000001', 'load-000002']);
    expect(await rowCounts(ws.db)).to.include({ sender_organizations: 1, sender_applications: 1, message_types: 1, messages: 3, attachments: 3 });
    expect(await searchRows(ws.db)).to.equal(3 * 3);
    expect(blobKeys(ws.storageDir)).to.deep.equal([0, 1, 2].map(blobOf).sort());
    expect(fs.readdirSync(path.join(ws.storageDir, 'tmp'))).to.deep.equal([]);

    fs.writeFileSync(late, 'back again');
    const again = await importData(data, ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH });
    expect(again).to.include({ messages: 7, blobsCreated: 3 });
    expect(await messageIds(ws.db)).to.deep.equal(loadMessages(7, [EBOX]).map((m) => m.messageId));
    expect(await rowCounts(ws.db)).to.deep.equal({
      sender_organizations: 1,
      sender_applications: 1,
      message_types: 1,
      images: 0,
      eboxes: 1,
      messages: 7,
      attachments: 7,
    });
    expect(await searchRows(ws.db)).to.equal(7 * 3);
    expect(blobKeys(ws.storageDir)).to.deep.equal([0, 1, 2, 3, 6].map(blobOf).concat(keyOf('back again')).sort());
  });

  it('rolls back the rows a failed batch wrote before the failure, and removes the blobs it stored for them', async () => {
    const allow = await refuseMessage(engine, ws.db, 'load-000004');
    const err = await importData(sevenMessages(), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH }).catch((e: unknown) => e);

    expect(err).to.be.instanceOf(ImportInterruptedError);
    expect(err).to.include({ committed: 3, total: 7 });
    expect(((err as Error).cause as Error).message).to.contain('refused by the test');
    // load-000003 was written in the failed transaction before load-000004 was refused.
    expect(await messageIds(ws.db)).to.deep.equal(['load-000000', 'load-000001', 'load-000002']);
    expect(await searchRows(ws.db)).to.equal(3 * 3);
    expect(blobKeys(ws.storageDir)).to.deep.equal([0, 1, 2].map(blobOf).sort());

    await allow();
    const again = await importData(sevenMessages(), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH });
    expect(again).to.include({ messages: 7, blobsCreated: 4 });
    expect(await rowCounts(ws.db)).to.include({ eboxes: 1, messages: 7, attachments: 7 });
    expect(await searchRows(ws.db)).to.equal(7 * 3);
    expect(blobKeys(ws.storageDir)).to.deep.equal([0, 1, 2, 3, 4, 5, 6].map(blobOf).sort());
  });

  it('renames reference data in one transaction: stored messages are found under the new name, none of their search rows rewritten', async () => {
    const stored = 250;
    await importData({ ...loadReferences('Old Name'), messages: loadMessages(stored, [EBOX]) }, ws.dir, { db: ws.db, blobs: ws.blobs });
    const rowsBefore = await ws.db('message_search').orderBy(['message_id', 'lang']).select('message_id', 'lang', 'text');
    const summary = await importData(loadReferences('Brand New Name'), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: 100 });
    const found = (needle: string) => countMessages(ws.db, { eboxId: EBOX, now: Date.now(), search: { lang: 'fr', needle } });
    expect(await found('brand new name')).to.equal(stored);
    expect(await found('old name')).to.equal(0);
    expect(await ws.db('message_search').orderBy(['message_id', 'lang']).select('message_id', 'lang', 'text')).to.deep.equal(rowsBefore);
    expect(summary.transactions).to.equal(1);
    const organizations = await ws.db('sender_organizations').where('organization_id', LOAD_ORG).count({ n: '*' }).first();
    expect(Number(organizations?.n)).to.equal(1);
  });

  it('refuses a batch size that is not a positive integer, before writing', async () => {
    for (const batchSize of [0, -1, 2.5]) {
      const err = await importData(sevenMessages(), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize }).catch((e: unknown) => e);
      expect(err, String(batchSize)).to.be.instanceOf(RangeError);
    }
    expect(await rowCounts(ws.db)).to.include({ messages: 0, sender_organizations: 0 });
  });
});

// PostgreSQL only: SQLite has one writer at a time, so an import's
// transactions there follow one another (Dialect.deferMessageReferences).
for (const engine of engines().filter((e) => e.name === 'postgres')) {
  describe('importer: a batch written while the one before commits [postgres]', () => {
    const NEW_EBOX = '1000000021';
    let ws: Workspace;
    let other: Knex;
    beforeEach(async () => {
      ws = await workspace(engine);
      other = connect(ws.databaseUrl);
    });
    afterEach(async () => {
      await other.destroy();
      await ws.close();
    });

    /** The import's connections in a transaction, and how many of them wait for a lock. */
    async function importTransactions(): Promise<{ open: number; waiting: number }> {
      const { rows } = await other.raw(
        `SELECT count(*) AS open, count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND xact_start IS NOT NULL`,
      );
      return { open: Number(rows[0].open) - 1, waiting: Number(rows[0].waiting) }; // less the holder of the e-Box below
    }

    async function until(what: string, test: () => Promise<boolean>): Promise<void> {
      for (const deadline = Date.now() + 10_000; !(await test()); ) {
        if (Date.now() > deadline) throw new Error(`still not ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    it('writes the next batch while one waits, and still commits them in file order', async () => {
      // [0 1 2] in a known e-Box, then [3 4 5] [6] in a new one, which another writer is creating and holds.
      const data = { ...loadReferences(), messages: [...loadMessages(3, [EBOX]), ...loadMessages(4, [NEW_EBOX], 'load', 3)] };
      const holder = await other.transaction();
      await holder('eboxes').insert({ ebox_id: NEW_EBOX });
      const seen: number[] = [];
      const running = importData(data, ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH, onProgress: (p) => p.phase === 'write' && seen.push(p.done) });
      running.catch(() => {});

      try {
        // The second batch waits for the e-Box; the third is written meanwhile, in a transaction of its own.
        await until('waiting for the e-Box', async () => (await importTransactions()).waiting === 1);
        await until('writing the third batch beside it', async () => (await importTransactions()).open === 2);
        expect(await messageIds(other)).to.deep.equal(['load-000000', 'load-000001', 'load-000002']);
        expect(seen).to.deep.equal([0, 3]);
      } finally {
        await holder.rollback();
      }
      const summary = await running;
      expect(summary).to.include({ messages: 7, transactions: 3 });
      expect(seen).to.deep.equal([0, 3, 6, 7]);
      expect(await rowCounts(ws.db)).to.include({ eboxes: 2, messages: 7, attachments: 7 });
      expect(await searchRows(ws.db)).to.equal(7 * 3);
      expect(blobKeys(ws.storageDir)).to.deep.equal([0, 1, 2, 3, 4, 5, 6].map(blobOf).sort());
    });
  });
}

// SQLite only: PostgreSQL makes a writer wait on the server, it never refuses one with SQLITE_BUSY.
describe('importer: another writer holding the lock', () => {
  let ws: Workspace;
  let other: Knex;
  beforeEach(async () => {
    ws = await workspace();
    other = connect(ws.databaseUrl);
  });
  afterEach(async () => {
    await other.destroy();
    await ws.close();
  });

  /** Takes SQLite's write lock on another connection, as the server's writes do, and holds it until released. */
  async function holdLock(): Promise<() => Promise<void>> {
    const trx = await other.transaction();
    await trx('eboxes').insert({ ebox_id: '1000000021' });
    return async () => {
      await trx.commit();
    };
  }

  it('waits for a lock another writer holds longer than the busy timeout, then writes everything', async () => {
    const release = await holdLock();
    setTimeout(() => void release(), 700);
    const summary = await importData(sevenMessages(), ws.dir, { db: ws.db, blobs: ws.blobs, batchSize: BATCH });
    expect(summary.messages).to.equal(7);
    expect(await rowCounts(ws.db)).to.include({ eboxes: 2, messages: 7 });
  });
});

describe('importer: batch size by default', () => {
  it('follows the time the last transaction took, at most halving or doubling, between 1 and MAX_ADAPTIVE_BATCH', () => {
    const sizer = new BatchSizer(60);
    expect(sizer.size).to.equal(DEFAULT_BATCH_SIZE);
    sizer.observe(100, 20); // 3× faster than the target: doubles, not more
    expect(sizer.size).to.equal(200);
    sizer.observe(200, 80); // a bit slow: 150 would last the target
    expect(sizer.size).to.equal(150);
    sizer.observe(150, 10_000); // a lock wait: halves, not less
    expect(sizer.size).to.equal(75);
    for (let i = 0; i < 20; i++) sizer.observe(sizer.size, 1);
    expect(sizer.size).to.equal(MAX_ADAPTIVE_BATCH);
    const slow = new BatchSizer(60);
    for (let i = 0; i < 20; i++) slow.observe(slow.size, 1_000_000);
    expect(slow.size).to.equal(1);
  });

  it('cuts the items where the size stands as each batch fills', async () => {
    async function* numbers() {
      for (let i = 0; i < 10; i++) yield i;
    }
    const sizes = [2, 3, 5];
    const batches: number[][] = [];
    for await (const batch of inBatches(numbers(), () => sizes[Math.min(batches.length, sizes.length - 1)], () => 1)) batches.push(batch);
    expect(batches).to.deep.equal([[0, 1], [2, 3, 4], [5, 6, 7, 8, 9]]);
  });

  describeEachEngine('importer: adaptive batches', (engine) => {
    let ws: Workspace;
    beforeEach(async () => (ws = await workspace(engine)));
    afterEach(() => ws.close());

    it('imports everything in fewer transactions than messages when the size adapts', async () => {
      const summary = await importData({ ...loadReferences(), messages: loadMessages(450, [EBOX]) }, ws.dir, { db: ws.db, blobs: ws.blobs });
      expect(summary.messages).to.equal(450);
      expect(await countMessages(ws.db, { eboxId: EBOX, now: 0 })).to.equal(450);
      expect(summary.transactions).to.be.within(1, 450 / 2);
    });

    it('refreshes the planner statistics of the tables an import writes, where the engine keeps them', async () => {
      await importData({ ...loadReferences(), messages: loadMessages(20, [EBOX]) }, ws.dir, { db: ws.db, blobs: ws.blobs });
      await dialectOf(ws.db).analyze(ws.db, ['messages', 'attachments', 'message_search']);
      if (engine.name !== 'postgres') return; // SQLite plans from its indexes; there is nothing to refresh
      const rows: { relname: string; analyzed: boolean }[] = (
        await ws.db.raw(
          `SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname IN ('messages', 'attachments', 'message_search') ORDER BY relname`,
        )
      ).rows;
      expect(rows).to.deep.equal([
        { relname: 'attachments', analyzed: true },
        { relname: 'message_search', analyzed: true },
        { relname: 'messages', analyzed: true },
      ]);
    });
  });
});

// PostgreSQL only: SQLite keeps no visibility map (Dialect.vacuum).
for (const engine of engines().filter((e) => e.name === 'postgres')) {
  describe('importer: the tables of a large import vacuumed at its end [postgres]', () => {
    let ws: Workspace;
    beforeEach(async () => (ws = await workspace(engine)));
    afterEach(() => ws.close());

    /** Pages of each written table, and how many of them the visibility map has as visible to every transaction. */
    async function visibility(): Promise<{ relname: string; pages: number; visible: number }[]> {
      const { rows } = await ws.db.raw(
        `SELECT relname, relpages AS pages, relallvisible AS visible FROM pg_class
          WHERE relname IN ('messages', 'attachments', 'message_search') AND relkind = 'r' ORDER BY relname`,
      );
      return (rows as { relname: string; pages: number; visible: number }[]).map((r) => ({ relname: r.relname, pages: Number(r.pages), visible: Number(r.visible) }));
    }

    it('leaves every page of what an import of 5,000 messages wrote visible to index-only scans', async () => {
      await importData({ ...loadReferences(), messages: loadMessages(5_000, [EBOX]) }, ws.dir, { db: ws.db, blobs: ws.blobs });
      const tables = await visibility();
      expect(tables.map((t) => t.relname)).to.deep.equal(['attachments', 'message_search', 'messages']);
      for (const t of tables) {
        expect(t.pages, t.relname).to.be.above(0);
        expect(t.visible, t.relname).to.equal(t.pages);
      }
    });

    it('leaves a small import to autovacuum: the certification reset runs one within a request', async () => {
      await importData({ ...loadReferences(), messages: loadMessages(20, [EBOX]) }, ws.dir, { db: ws.db, blobs: ws.blobs });
      const { rows } = await ws.db.raw(`SELECT count(*) AS n FROM pg_stat_user_tables WHERE relname = 'messages' AND last_vacuum IS NOT NULL`);
      expect(Number(rows[0].n)).to.equal(0);
    });
  });
}

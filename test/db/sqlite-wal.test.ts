// SQLite only: the WAL and its checkpoints are SQLite's; PostgreSQL's are the server's own business.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, SQLITE_WAL_CHECKPOINT_PAGES } from '../../src/db/connect';
import { tempDir } from '../helpers/server';

const PAGE = 4096;
/** SQLite's own threshold, which made an import write its hot pages back every 4 MB. */
const SQLITE_DEFAULT_PAGES = 1000;

describe('the SQLite connection and its write-ahead log', () => {
  let dir: string;
  let file: string;
  let db: Knex;
  beforeEach(() => {
    dir = tempDir('ebox-wal-');
    file = path.join(dir, 'ebox.sqlite');
    db = connect(file);
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps commits in the WAL well past SQLite’s default threshold, and checkpoints once past its own', async () => {
    const [{ wal_autocheckpoint: pages }] = await db.raw('PRAGMA wal_autocheckpoint');
    expect(pages).to.equal(SQLITE_WAL_CHECKPOINT_PAGES);

    await db.schema.createTable('filler', (t) => t.text('bytes'));
    const row = 'x'.repeat(PAGE * 2);
    const commit = () => db('filler').insert(Array.from({ length: 50 }, () => ({ bytes: row })));
    // Three times SQLite's default threshold, in commits of 100 pages.
    for (let i = 0; i < (3 * SQLITE_DEFAULT_PAGES) / 100; i++) await commit();
    const walBytes = () => fs.statSync(`${file}-wal`).size;
    expect(walBytes(), 'WAL after 3,000 pages').to.be.greaterThan(3 * SQLITE_DEFAULT_PAGES * PAGE);

    const [before] = await db.raw('PRAGMA wal_checkpoint(PASSIVE)');
    expect(before.log, 'frames in the WAL before a checkpoint').to.be.at.least(3 * SQLITE_DEFAULT_PAGES);
    // The checkpoint above left the WAL to be rewritten from its start: it
    // holds only what came after, until the threshold brings a checkpoint again.
    for (let i = 0; i < SQLITE_WAL_CHECKPOINT_PAGES / 100 + 5; i++) await commit();
    const [after] = await db.raw('PRAGMA wal_checkpoint(PASSIVE)');
    expect(after.log, 'frames in the WAL once past the threshold').to.be.below(SQLITE_WAL_CHECKPOINT_PAGES);
  });
});

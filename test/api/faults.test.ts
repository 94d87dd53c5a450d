// Faults of the store under a running server: the database file on a file
// system of its own (a small tmpfs; the tests run as root, as in CI) that
// fills up, as a disk does.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { query } from '../helpers/db';
import { A, messageFixture } from '../helpers/message-fixture';
import { tempDir, useServer } from '../helpers/server';

const mountPoint = tempDir('ebox-fault-');
const mount = (...options: string[]) => execFileSync('mount', ['-t', 'tmpfs', '-o', ['size=16m', ...options].join(','), 'tmpfs', mountPoint]);
const filler = () => path.join(mountPoint, 'filler');
/** Takes every free byte of the file system. */
function fill(): void {
  const fd = fs.openSync(filler(), 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults: the disk of the database fills up while serving', () => {
  before(() => mount());
  after(() => {
    execFileSync('umount', ['-l', mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  });
  const server = useServer({ seed: messageFixture, databaseUrl: () => path.join(mountPoint, 'ebox.sqlite') });
  const audited = async () => Number((await query(server, 'select count(*) as n from audit_records'))[0].n);

  it('refuses reads it cannot audit, keeps the records it holds, and recovers by itself', async () => {
    expect((await server.get('/ebox/messages', A)).status).to.equal(200);
    await sleep(400); // the batch of that read is written
    const before = await audited();

    fill();
    try {
      // Served: its record is kept in memory until it can be written.
      expect((await server.get('/ebox/messages/full', A)).status).to.equal(200);
      // The flushes fail; once that has lasted past the tolerance (2 s), reads are refused.
      let refused = await server.get('/ebox/messages/tie-a', A);
      for (let i = 0; i < 40 && refused.status === 200; i++) {
        await sleep(250);
        refused = await server.get('/ebox/messages/tie-a', A);
      }
      expect(refused.status).to.equal(503);
      expect(refused.json().code).to.equal('AUDIT_UNAVAILABLE');
      expect(refused.headers.get('retry-after')).to.equal('5');
      const patch = await server.request('PATCH', '/ebox/messages', {
        token: A,
        body: { items: [{ messageId: 'tie-a', visible: false }], totalItems: 1 },
        contentType: 'application/merge-patch+json',
      });
      expect(patch.status).to.equal(503);
      expect(patch.json().code).to.equal('DATABASE_UNAVAILABLE');
    } finally {
      fs.rmSync(filler());
    }

    let recovered = 503;
    for (let i = 0; i < 40 && recovered !== 200; i++) {
      await sleep(250);
      recovered = (await server.get('/ebox/messages/tie-a', A)).status;
    }
    expect(recovered).to.equal(200);
    await sleep(400);
    // The read served while the disk was full was kept and written once there was room.
    const urls = (await query<{ request_url: string }>(server, 'select request_url from audit_records order by id')).map((r) => r.request_url);
    expect(urls.filter((u) => u.endsWith('/ebox/messages/full'))).to.have.length(1);
    expect(await audited()).to.be.greaterThan(before);
  });
});

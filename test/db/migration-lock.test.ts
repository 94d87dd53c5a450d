// Several processes migrating one database at once (instances starting
// together, `npm run migrate` beside a server): one migrates, the others wait
// for it within a bound, then find nothing to do.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { MigrationLockTimeout } from '../../src/db/errors';
import { migrationSource } from '../../src/db/migrations';
import { describeEachEngine } from '../helpers/databases';
import { holdMigrationLock } from '../helpers/migration-lock';

const MIGRATORS = 4;

async function settle<T>(work: Promise<T>): Promise<unknown> {
  return work.then(
    () => undefined,
    (err: unknown) => err,
  );
}

describeEachEngine('migrations started by several processes at once', (engine) => {
  let url: string;
  let dbs: Knex[] = [];
  beforeEach(async () => {
    url = await engine.createUrl();
    dbs = Array.from({ length: MIGRATORS }, () => connect(url));
  });
  afterEach(async () => {
    for (const db of dbs) await db.destroy();
    await engine.drop(url);
  });

  // knex's own lock row refuses a second migrator instead of making it
  // wait; which of several migrators started at once meets it depends on
  // timing, so the other migrator here is its lock row, taken.
  it('fail with knex alone: a migrator that finds another one at work fails at once (why the lock exists)', async () => {
    await dbs[0].migrate.list({ migrationSource });
    await dbs[0]('knex_migrations_lock').update({ is_locked: 1 });
    const result = await settle(dbs[1].migrate.latest({ migrationSource }));
    expect(result).to.have.property('name', 'MigrationLocked');
    expect(await dbs[1].migrate.currentVersion({ migrationSource }), 'migrations run').to.equal('none');
  });

  it('all succeed with migrate(): one migrates, the others wait for it, and every migration runs once', async () => {
    let waited = 0;
    const results = await Promise.all(dbs.map((db) => settle(migrate(db, { onWait: () => waited++ }))));
    expect(results).to.deep.equal(Array(MIGRATORS).fill(undefined));
    expect(waited, 'migrators that waited').to.be.greaterThan(0);
    const names = await migrationSource.getMigrations([]);
    expect(await dbs[0]('knex_migrations').orderBy('id').pluck('name')).to.deep.equal(names);
  });

  it('waits for another process that holds the lock, then finds the schema up to date', async () => {
    await migrate(dbs[0]);
    const release = await holdMigrationLock(engine, url);
    let waiting = false;
    const second = migrate(dbs[1], { lockWaitMs: 20_000, onWait: () => (waiting = true) });
    let done = false;
    void second.finally(() => (done = true)).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(waiting, 'told that it waits').to.equal(true);
    expect(done, 'still waiting').to.equal(false);
    await release();
    await second;
    const names = await migrationSource.getMigrations([]);
    expect(await dbs[1]('knex_migrations').orderBy('id').pluck('name')).to.deep.equal(names);
  });

  it('gives up after its bound with an error saying so, rather than waiting forever', async () => {
    await migrate(dbs[0]);
    const release = await holdMigrationLock(engine, url);
    try {
      const started = Date.now();
      const error = await settle(migrate(dbs[1], { lockWaitMs: 400 }));
      expect(error).to.be.instanceOf(MigrationLockTimeout);
      expect(String(error)).to.match(/another process has been migrating this database/);
      expect(Date.now() - started).to.be.within(300, 5_000);
    } finally {
      await release();
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { importData, type ImportDeps, type ImportSummary } from '../../src/services/importer';
import { testDatabase, type TestDatabase, type TestEngine } from './databases';
import { tempDir } from './temp-dirs';

export interface ImportStore {
  /** The database's connection, once the `before` hook has run. */
  readonly db: Knex;
  /** Imports `data` through the real importer, into the database and the store's blob folder. */
  load(data: object, options?: Pick<ImportDeps, 'batchSize'>): Promise<ImportSummary>;
}

/**
 * A migrated database of its own on `engine` and a blob folder, for the
 * enclosing describe block: a `before` hook creates them, an `after` hook
 * removes both. Call it before the block's own hooks, which may then load data.
 */
export function useImportStore(engine: TestEngine): ImportStore {
  let dir: string | undefined;
  let database: TestDatabase | undefined;
  let blobs: FsBlobStore | undefined;
  before(async () => {
    dir = tempDir('ebox-import-store-');
    database = await testDatabase(engine);
    blobs = new FsBlobStore(path.join(dir, 'blobs'));
  });
  after(async () => {
    await database?.close();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useImportStore: used before its before hook ran');
    return value;
  };
  return {
    get db() {
      return started(database).db;
    },
    load: (data, options = {}) => importData(data, started(dir), { db: started(database).db, blobs: started(blobs), ...options }),
  };
}

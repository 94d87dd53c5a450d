import path from 'node:path';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { connect, migrate } from '../../src/db/connect';
import { generateDemo, type DemoOutput } from '../../src/demo/generate';
import { importData } from '../../src/services/importer';
import type { SuiteServer } from './server';

export type DemoData = DemoOutput['data'];

/**
 * Loads the demo data (`npm run demo`'s generator) into a running test server
 * through the real importer; `adjust` may change it first, to pin what a test
 * relies on. Answers the data as imported.
 */
export async function seedDemo(server: Pick<SuiteServer, 'config' | 'dir'>, adjust: (data: DemoData) => void = () => {}): Promise<DemoData> {
  const { file, data } = generateDemo(path.join(server.dir, 'demo'));
  adjust(data);
  const db = connect(server.config.databaseUrl);
  try {
    await migrate(db);
    await importData(data, path.dirname(file), { db, blobs: new FsBlobStore(server.config.storageDir) });
  } finally {
    await db.destroy();
  }
  return data;
}

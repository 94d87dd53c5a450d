import os from 'node:os';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { connect, migrate } from '../../src/db/connect';
import { importData } from '../../src/services/importer';
import type { TestServer } from './server';

/** Loads an import document into a running test server's store, through the real importer. */
export async function seed(server: Pick<TestServer, 'config'>, data: object): Promise<void> {
  const db = connect(server.config.databaseUrl);
  try {
    await migrate(db);
    await importData(data, os.tmpdir(), { db, blobs: new FsBlobStore(server.config.storageDir) });
  } finally {
    await db.destroy();
  }
}

export const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

// A 1×1 transparent PNG.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

export const DAY = 24 * 3600 * 1000;
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

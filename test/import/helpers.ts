import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { connect, migrate } from '../../src/db/connect';
import { sqlite, type TestEngine } from '../helpers/databases';
import { tempDir } from '../helpers/temp-dirs';

/** Test data is changed freely, property by property. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export const fixtureDir = path.join(__dirname, '..', 'fixtures', 'import', 'small');

export interface Workspace {
  dir: string;
  databaseUrl: string;
  storageDir: string;
  db: Knex;
  blobs: FsBlobStore;
  close(): Promise<void>;
}

/** A fresh migrated database on `engine` (SQLite by default) and a blob folder in a temporary directory. */
export async function workspace(engine: TestEngine = sqlite): Promise<Workspace> {
  const dir = tempDir('ebox-import-test-');
  const databaseUrl = await engine.createUrl();
  const storageDir = path.join(dir, 'blobs');
  const db = connect(databaseUrl);
  await migrate(db);
  return {
    dir,
    databaseUrl,
    storageDir,
    db,
    blobs: new FsBlobStore(storageDir),
    async close() {
      await db.destroy();
      await engine.drop(databaseUrl);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A copy of the small fixture (JSON and files) that a test may change. */
export function copyFixture(into: string): { dir: string; file: string; data: Loose } {
  const dir = path.join(into, 'fixture');
  fs.cpSync(fixtureDir, dir, { recursive: true });
  const file = path.join(dir, 'import.json');
  return { dir, file, data: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

/** Every blob file under the store, by key. */
export function blobKeys(storageDir: string): string[] {
  if (!fs.existsSync(storageDir)) return [];
  return fs
    .readdirSync(storageDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['sender_organizations', 'sender_applications', 'message_types', 'images', 'eboxes', 'messages', 'attachments']) {
    const row = await db(table).count({ n: '*' }).first();
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

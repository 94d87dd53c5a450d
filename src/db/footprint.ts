import type { Knex } from 'knex';
import { dialectOf, type StorageObject } from './dialects';

export type { StorageObject } from './dialects';

export interface StorageFootprint {
  /** Largest first. */
  objects: StorageObject[];
  /** Every table and index: the store beside the blobs. */
  totalBytes: number;
}

/** What the store takes on disk, table by table and index by index (the benchmark reports it per message). */
export async function storageFootprint(db: Knex): Promise<StorageFootprint> {
  const objects = (await dialectOf(db).storageObjects(db)).sort((a, b) => b.bytes - a.bytes);
  return { objects, totalBytes: objects.reduce((sum, o) => sum + o.bytes, 0) };
}

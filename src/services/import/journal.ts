import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { BlobStore } from '../../blobs/blob-store';
import { chunks } from '../../db/rows';

/**
 * Blobs cannot take part in a database transaction: a batch's bytes are
 * stored before its transaction opens, so that its rows never name missing
 * bytes. A process killed between the two (kill -9, out of memory, power cut
 * of a container) leaves blobs that no row names, and that no rollback
 * removes. The journal is how the next import finds them.
 *
 * Each import that writes keeps a journal, <storageDir>/imports/<host>.<pid>.<start>.journal:
 * a header line (which database), then, before a batch's bytes are stored,
 * one line with the keys of the blobs the batch may create (the keys are
 * computed from the bytes first). Once the batch committed or its blobs were
 * removed after a failure, its line goes; the journal is deleted when the
 * import ends. A line is appended before any of its blobs exists, so a line
 * cut short by a kill names no stored blob.
 *
 * At its start, an import recovers the journals of imports that died: of
 * this host, whose process no longer runs, into the same database. Each blob
 * such a journal names that no row names (attachments, images) is removed,
 * and so are the temporary files the blob store left (<storageDir>/tmp) when
 * no other import is running. Journals of other hosts, whose processes cannot
 * be seen from here, and of other databases are left to an import there.
 */

const NAME = /^(.+)\.(\d+)\.(\d+)\.journal(\.next)?$/;
const KEY = /^[0-9a-f]{64}$/;

/** The host as a file name may carry it. */
function hostTag(host = os.hostname()): string {
  return host.replace(/[^A-Za-z0-9-]/g, '-') || 'host';
}

/** Which database a journal is about, without any password: its blob references are checked there. */
export function databaseIdentity(db: Knex): string {
  const connection = (db.client as { config?: { connection?: unknown } }).config?.connection;
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      return `${url.protocol}//${decodeURIComponent(url.username)}@${url.hostname}:${url.port || '5432'}${url.pathname}`;
    } catch {
      return 'unknown';
    }
  }
  const filename = (connection as { filename?: unknown } | undefined)?.filename;
  return typeof filename === 'string' ? `sqlite:${filename === ':memory:' ? filename : path.resolve(filename)}` : 'unknown';
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // a journal left by an earlier process that had this pid
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class BlobJournal {
  /** Keys of the batches in flight, by batch. */
  private readonly inFlight = new Map<number, string[]>();

  private constructor(
    private readonly file: string,
    private readonly header: string,
  ) {}

  static async create(storageDir: string, db: Knex): Promise<BlobJournal> {
    const dir = path.join(storageDir, 'imports');
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${hostTag()}.${process.pid}.${Date.now()}.journal`);
    const header = JSON.stringify({ database: databaseIdentity(db), started: new Date().toISOString() }) + '\n';
    await fs.promises.writeFile(file, header, { flag: 'wx' });
    return new BlobJournal(file, header);
  }

  /**
   * The journal's writes, one after the other: batches record and settle
   * concurrently (one is stored while others commit), and a rewrite that
   * ran beside an append could drop its line, or meet another rewrite.
   */
  private writes: Promise<void> = Promise.resolve();

  private inTurn(write: () => Promise<void>): Promise<void> {
    const done = this.writes.then(write);
    this.writes = done.catch(() => {});
    return done;
  }

  /** Names the blobs a batch may create: called before any of them is stored. One append, so a kill leaves the line whole or cut short. */
  async record(batch: number, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    this.inFlight.set(batch, keys);
    await this.inTurn(() => fs.promises.appendFile(this.file, keys.join(' ') + '\n'));
  }

  /**
   * The batch's blobs are named by committed rows, or were removed: forget
   * them. The journal is replaced whole (written aside, then renamed), so a
   * kill leaves the old one or the new one, each naming every blob in flight.
   */
  async settle(batch: number): Promise<void> {
    if (!this.inFlight.delete(batch)) return;
    await this.inTurn(async () => {
      // The batches in flight when the rewrite runs: one recorded meanwhile may be listed twice, which recovery ignores.
      const lines = [...this.inFlight.values()].map((keys) => keys.join(' ') + '\n');
      const next = `${this.file}.next`;
      await fs.promises.writeFile(next, this.header + lines.join(''));
      await fs.promises.rename(next, this.file);
    });
  }

  /** The import ended (done, refused or stopped with every batch settled). */
  async close(): Promise<void> {
    await this.inTurn(() => fs.promises.rm(this.file, { force: true }));
  }
}

export interface Recovery {
  /** Journals of dead imports processed. */
  journals: number;
  blobsRemoved: number;
  tmpFilesRemoved: number;
}

async function referenced(db: Knex, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(keys)) {
    for (const table of ['attachments', 'images']) {
      const rows: string[] = await db(table).whereIn('blob_key', part).distinct().pluck('blob_key');
      for (const key of rows) found.add(key);
    }
  }
  return found;
}

/** Cleans up after imports that died (see above); `startedAt`: temporary files newer than this may be another import's. */
export async function recoverDeadImports(storageDir: string, db: Knex, blobs: BlobStore, startedAt = Date.now()): Promise<Recovery> {
  const recovery: Recovery = { journals: 0, blobsRemoved: 0, tmpFilesRemoved: 0 };
  const dir = path.join(storageDir, 'imports');
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return recovery;
  }
  const database = databaseIdentity(db);
  let othersRunning = false;
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    if (match[1] !== hostTag() || alive(Number(match[2]))) {
      othersRunning = true;
      continue;
    }
    const file = path.join(dir, name);
    if (match[4] !== undefined) {
      // A replacement killed before it was renamed: the journal itself still names every blob.
      await fs.promises.rm(file, { force: true });
      continue;
    }
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      continue; // recovered by another import meanwhile
    }
    const lines = text.split('\n');
    let header: { database?: unknown } | undefined;
    try {
      header = JSON.parse(lines[0]) as { database?: unknown };
    } catch {
      header = undefined; // cut short while written: no key line can follow
    }
    if (header !== undefined && header.database !== database) continue;
    // The last element follows the last newline: a line cut short, or nothing.
    const keys = [...new Set(lines.slice(1, -1).flatMap((l) => l.split(' ')).filter((k) => KEY.test(k)))];
    const kept = await referenced(db, keys);
    for (const key of keys) {
      if (kept.has(key)) continue;
      await blobs.remove(key);
      recovery.blobsRemoved += 1;
    }
    await fs.promises.rm(file, { force: true });
    recovery.journals += 1;
  }
  if (recovery.journals > 0 && !othersRunning) recovery.tmpFilesRemoved = await removeStaleTmp(path.join(storageDir, 'tmp'), startedAt);
  return recovery;
}

/** The blob store's temporary files (FsBlobStore stages bytes in <root>/tmp) last written before `before`. */
async function removeStaleTmp(tmpDir: string, before: number): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await fs.promises.readdir(tmpDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = path.join(tmpDir, name);
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.mtimeMs >= before) continue;
      await fs.promises.rm(file, { force: true });
      removed += 1;
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

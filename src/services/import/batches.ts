import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { BlobStore, StoredBlob } from '../../blobs/blob-store';
import type { BlobJournal } from './journal';
import type { BytesSource } from './plan';

/**
 * An import writes in many short transactions rather than one: SQLite has a
 * single write lock, and every other writer (the server's audit trail,
 * consultation dates, PATCH) waits for it. These are the pieces that keep each
 * transaction short and undo a failed one.
 */

/**
 * Messages of the first transaction when the size adapts (BatchSizer). On
 * the 2-core development machine, busy with other work, 100 small messages
 * (rows, attachments, search rows) held the SQLite lock for 30 ms typically
 * and 160 ms at worst.
 */
export const DEFAULT_BATCH_SIZE = 100;

/** The most messages a batch may grow to: a batch is held in memory until it commits, with the one being read (and on PostgreSQL the one committing beside it). */
export const MAX_ADAPTIVE_BATCH = 1_000;

/**
 * How long an import transaction should last, by engine. SQLite has one
 * write lock for the whole file: every other writer (the server's audit
 * trail, consultation dates, PATCH) waits for it, at most for its busy
 * timeout (db/connect.ts, DEFAULT_BUSY_TIMEOUT_MS, 200 ms), so a transaction
 * stays well below that. PostgreSQL locks rows, which nobody else is writing
 * during an import: longer transactions only cost memory. Per message, a
 * commit is the dearest part of a small batch (SQLite writes a new FTS5
 * segment; PostgreSQL flushes its WAL): measured on 20,000 messages, batches
 * of 500 instead of 100 imported 1.5 times as fast on SQLite.
 */
export const TARGET_TRANSACTION_MS = { sqlite3: 60, postgresql: 500 } as const;

/**
 * Sizes batches so that their transactions last about `targetMs`: what a
 * batch costs depends on the machine, the engine, the size of the store and
 * the messages, so the size follows the time the last transaction took,
 * halving or doubling at most per step.
 */
export class BatchSizer {
  private current = DEFAULT_BATCH_SIZE;

  constructor(private readonly targetMs: number) {}

  get size(): number {
    return this.current;
  }

  /** A transaction of `messages` messages took `ms`. */
  observe(messages: number, ms: number): void {
    if (messages === 0) return;
    const ideal = (messages * this.targetMs) / Math.max(ms, 1);
    this.current = Math.round(Math.min(MAX_ADAPTIVE_BATCH, Math.max(1, this.current / 2, Math.min(this.current * 2, ideal))));
  }
}

/** How long one transaction keeps trying to get the write lock from other writers before the import gives up. */
export const LOCK_PATIENCE_MS = 60_000;

/**
 * A batch also closes once its messages take this many bytes of the file:
 * inline content (base64) is held in memory, then decoded, until the batch
 * commits, so a hundred large messages must not take gigabytes.
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export function checkBatchSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${size}`);
}

/**
 * The items in batches of at most `size` items (a number, or read as each
 * batch fills) and about `maxBytes` bytes (a batch holds at least one item), as they come; at least one batch, so
 * that reference data alone still gets a transaction.
 */
export async function* inBatches<T>(items: AsyncIterable<T>, size: number | (() => number), bytesOf: (item: T) => number, maxBytes = MAX_BATCH_BYTES): AsyncGenerator<T[]> {
  const sizeNow = typeof size === 'number' ? () => size : size;
  checkBatchSize(sizeNow());
  let batch: T[] = [];
  let bytes = 0;
  let yielded = false;
  for await (const item of items) {
    batch.push(item);
    bytes += bytesOf(item);
    if (batch.length >= sizeNow() || bytes >= maxBytes) {
      yield batch;
      yielded = true;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0 || !yielded) yield batch;
}

/**
 * Thrown when an import fails after some of its transactions committed: they
 * stay, the failed one was rolled back. Importing the same file again
 * completes the import, since every object is upserted by a stable id.
 */
export class ImportInterruptedError extends Error {
  constructor(
    /** Messages committed before the failure (the reference data is committed with the first batch). */
    readonly committed: number,
    readonly total: number,
    cause: unknown,
  ) {
    super(
      `import stopped after committing the file's reference data and its first ${committed} of ${total} messages; ` +
        `importing the same file again completes it: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'ImportInterruptedError';
  }
}

/**
 * SQLite's "database is locked" in any flavour (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT
 * when a read turned into a write after another process committed): the
 * transaction wrote nothing and may simply be tried again. PostgreSQL waits for
 * locks on the server, so it never gets here.
 */
function isLockBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs the import's transactions: the importer is the writer that should wait,
 * so a transaction refused for a lock held elsewhere is tried again, with
 * growing pauses that let the other writer in, for up to LOCK_PATIENCE_MS.
 * Also keeps the figures that show how long the lock was held.
 */
export class Transactions {
  count = 0;
  longestMs = 0;
  /** How long the last committed transaction took, BEGIN to COMMIT. */
  lastMs = 0;

  constructor(
    private readonly db: Knex,
    private readonly patienceMs = LOCK_PATIENCE_MS,
  ) {}

  async run<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + this.patienceMs;
    for (let pause = 20; ; pause = Math.min(2 * pause, 1_000)) {
      const started = performance.now();
      try {
        const result = await this.db.transaction(work);
        this.count += 1;
        this.lastMs = performance.now() - started;
        this.longestMs = Math.max(this.longestMs, this.lastMs);
        return result;
      } catch (err) {
        if (!isLockBusy(err) || Date.now() + pause > giveUpAt) throw err;
      }
      await sleep(pause);
    }
  }
}

/** The bytes of one source, in memory for base64 (decoded once), read from its file otherwise. */
function bytesOf(source: BytesSource, decoded: Buffer | undefined): Buffer | Readable {
  return decoded ?? fs.createReadStream((source as { file: string }).file);
}

/** What a blob store computes from the bytes (key, size, digest), computed here before storing them. */
async function describeBytes(source: BytesSource, decoded: Buffer | undefined): Promise<Omit<StoredBlob, 'created'>> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  if (decoded) {
    hash.update(decoded);
    size = decoded.length;
  } else {
    for await (const chunk of bytesOf(source, undefined) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
  }
  const sum = hash.digest();
  return { key: sum.toString('hex'), size, digest: sum.toString('base64url') };
}

/**
 * Runs `work` on every item, at most `limit` at once, and waits for all of
 * them even when one fails (then throws the first failure): a blob being
 * stored when another failed must still be known to the caller, to be removed.
 */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}

/** Blobs stored at once: file system calls overlap on libuv's threads instead of waiting for each other. */
const PUT_CONCURRENCY = 8;

/**
 * Keys of blobs that committed rows of this import name, remembered so that
 * bytes met again (a template many messages share) are not stored again:
 * nothing removes a blob that a row names. Bounded: the oldest are forgotten.
 */
const KNOWN_KEYS = 10_000;

/** The blobs of one batch, between storing them and the batch's commit or failure. */
export interface BlobBatch {
  readonly id: number;
  /** Blobs this batch created, to be removed if it fails. */
  readonly created: StoredBlob[];
  readonly keys: string[];
}

/**
 * Stores bytes batch by batch. Blobs cannot take part in a transaction, so
 * each batch's handle remembers the blobs it created: `discard` removes them
 * when the batch fails, `keep` once it committed. Blobs that already existed
 * (identical bytes, perhaps of an earlier batch) are never removed. With a
 * journal, the keys of a batch's blobs are computed and recorded before any
 * is stored, so that an import killed before the batch commits can be
 * cleaned up after (journal.ts). Two batches may be in flight at once: one
 * storing its bytes while the one before commits.
 */
export class BatchBlobs {
  private next = 0;
  private readonly known = new Set<string>();
  private readonly fileDigests = new Map<string, { identity: string; described: Omit<StoredBlob, 'created'> }>();
  created = 0;
  bytesCreated = 0;
  bytesStored = 0;

  constructor(
    private readonly blobs: BlobStore,
    private readonly journal?: BlobJournal,
  ) {}

  /**
   * Stores the bytes of every source, identical bytes once; one StoredBlob
   * per source, in order. When it fails, what it stored is removed again.
   */
  async putAll(sources: BytesSource[]): Promise<{ stored: StoredBlob[]; batch: BlobBatch }> {
    const batch: BlobBatch = { id: this.next++, created: [], keys: [] };
    const decoded = sources.map((s) => (s.kind === 'base64' ? Buffer.from(s.base64, 'base64') : undefined));
    const described: Omit<StoredBlob, 'created'>[] = new Array(sources.length);
    const files = new Map<string, Promise<Omit<StoredBlob, 'created'>>>();
    await eachLimited([...sources.keys()], PUT_CONCURRENCY, async (i) => {
      const source = sources[i];
      if (source.kind === 'base64') described[i] = await describeBytes(source, decoded[i]);
      else {
        if (!files.has(source.file)) files.set(source.file, this.describeFile(source));
        described[i] = await (files.get(source.file) as Promise<Omit<StoredBlob, 'created'>>);
      }
    });
    const stored = new Map<string, StoredBlob>();
    const toStore = new Map<string, number>();
    described.forEach((d, i) => {
      if (this.known.has(d.key)) stored.set(d.key, { ...d, created: false });
      else if (!toStore.has(d.key)) toStore.set(d.key, i);
    });
    batch.keys.push(...toStore.keys());
    await this.journal?.record(batch.id, batch.keys);
    try {
      await eachLimited([...toStore], PUT_CONCURRENCY, async ([key, i]) => {
        const blob = await this.blobs.put(bytesOf(sources[i], decoded[i]));
        if (blob.created) batch.created.push(blob);
        // Only a file rewritten since it was hashed gets here: its blob is not the one journaled.
        if (blob.key !== key) throw new Error(`${(sources[i] as { file: string }).file} changed while it was being imported`);
        stored.set(key, blob);
      });
    } catch (err) {
      await this.discard(batch);
      throw err;
    }
    return {
      batch,
      stored: described.map((d) => {
        this.bytesStored += d.size;
        return stored.get(d.key) as StoredBlob;
      }),
    };
  }

  /**
   * A file's key, size and digest, hashed again only when the file changed
   * since (by its stat): an import names a few documents from thousands of
   * messages, and reading each one again for every message was a sixth of
   * its time. A file rewritten within the same second with the same size
   * and inode would escape this, and is then caught when it is stored (its
   * key differs from the journaled one) or kept under its former digest if
   * already stored: the same risk as the file changing after the import.
   */
  private async describeFile(source: BytesSource & { kind: 'file' }): Promise<Omit<StoredBlob, 'created'>> {
    const stat = await fs.promises.stat(source.file);
    const identity = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    const cached = this.fileDigests.get(source.file);
    if (cached?.identity === identity) return cached.described;
    const described = await describeBytes(source, undefined);
    if (this.fileDigests.size >= KNOWN_KEYS) this.fileDigests.delete(this.fileDigests.keys().next().value as string);
    this.fileDigests.set(source.file, { identity, described });
    return described;
  }

  /** The batch committed: its blobs are named by rows. */
  async keep(batch: BlobBatch): Promise<void> {
    this.created += batch.created.length;
    this.bytesCreated += batch.created.reduce((n, b) => n + b.size, 0);
    for (const key of batch.keys) {
      if (this.known.size >= KNOWN_KEYS) this.known.delete(this.known.values().next().value as string);
      this.known.add(key);
    }
    await this.journal?.settle(batch.id);
  }

  /** The batch failed: the blobs it created go. */
  async discard(batch: BlobBatch): Promise<void> {
    const doomed = batch.created.splice(0);
    await Promise.allSettled(doomed.map((blob) => this.blobs.remove(blob.key)));
    await this.journal?.settle(batch.id);
  }
}

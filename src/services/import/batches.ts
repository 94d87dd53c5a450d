import type { Knex } from 'knex';
import type { BlobStore, StoredBlob } from '../../blobs/blob-store';

/**
 * An import writes in many short transactions rather than one: SQLite has a
 * single write lock, and every other writer (the server's audit trail,
 * consultation dates, PATCH) waits for it. These are the pieces that keep each
 * transaction short and undo a failed one.
 */

/**
 * Messages per transaction by default, written or reindexed. On the 2-core
 * development machine, busy with other work, 100 small messages (rows,
 * attachments, search rows) held the lock for 30 ms typically and 160 ms at
 * worst over a 20,000-message import; 250 took up to 280 ms, past the busy
 * timeout of a server waiting for the lock (db/connect.ts,
 * DEFAULT_BUSY_TIMEOUT_MS). More commits cost little: 20,000 messages took
 * about as long.
 */
export const DEFAULT_BATCH_SIZE = 100;

/** How long one transaction keeps trying to get the write lock from other writers before the import gives up. */
export const LOCK_PATIENCE_MS = 60_000;

/** The items cut into batches of at most `size`; at least one batch, so that reference data alone still gets a transaction. */
export function batchesOf<T>(items: T[], size: number): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches.length > 0 ? batches : [[]];
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
        this.longestMs = Math.max(this.longestMs, performance.now() - started);
        return result;
      } catch (err) {
        if (!isLockBusy(err) || Date.now() + pause > giveUpAt) throw err;
      }
      await sleep(pause);
    }
  }
}

/**
 * Stores bytes batch by batch. Blobs cannot take part in a transaction, so it
 * remembers the ones the current batch created: `discard` removes them when the
 * batch fails, `keep` once it committed. Blobs that already existed (identical
 * bytes, perhaps of an earlier batch) are never removed.
 */
export class BatchBlobs {
  private pending: StoredBlob[] = [];
  created = 0;
  bytesCreated = 0;
  bytesStored = 0;

  constructor(private readonly blobs: BlobStore) {}

  async put(source: Parameters<BlobStore['put']>[0]): Promise<StoredBlob> {
    const blob = await this.blobs.put(source);
    if (blob.created) this.pending.push(blob);
    this.bytesStored += blob.size;
    return blob;
  }

  keep(): void {
    this.created += this.pending.length;
    this.bytesCreated += this.pending.reduce((n, b) => n + b.size, 0);
    this.pending = [];
  }

  async discard(): Promise<void> {
    const doomed = this.pending;
    this.pending = [];
    await Promise.allSettled(doomed.map((blob) => this.blobs.remove(blob.key)));
  }
}

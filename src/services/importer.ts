import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import { ensureEboxes, storedMessageIds, upsertMessages, writeAttachmentsOfUpserted, type AttachmentRecord, type MessageRecord } from '../db/repositories/messages';
import { replaceImages, upsertReference, type ImageRecord } from '../db/repositories/reference-data';
import { BatchBlobs, BatchSizer, checkBatchSize, ImportInterruptedError, inBatches, TARGET_TRANSACTION_MS, Transactions, type BlobBatch } from './import/batches';
import { checkSource, readItems, type CheckedImport } from './import/check';
import { ImportError, ImportIssue, issueLocation } from './import/issues';
import { BlobJournal, recoverDeadImports, type Recovery } from './import/journal';
import type { BytesSource, PlannedMessage, PlannedReference } from './import/plan';
import { dataSource, fileSource, type ImportFormat, type ImportSource } from './import/source';
import { indexWrittenMessages } from '../db/search-index';
import { engineOf } from '../db/types';
import { dialectOf } from '../db/dialects';
import { recordArrivals } from '../notifications/events';

export { ImportError } from './import/issues';
export { DEFAULT_BATCH_SIZE, ImportInterruptedError } from './import/batches';
export type { ImportIssue } from './import/issues';
export type { ImportFormat } from './import/source';

/**
 * Loads reference data and messages from one import file, in either format:
 *
 * JSON, one object:
 *   { "senderOrganizations": [SenderOrganization], "senderApplications": [SenderApplication],
 *     "messageTypes": [MessageType],
 *     "messages": [{ "eboxId": "<recipient CBE>", ...Message, "bodyContent": TranslatedString,
 *                    "attachments": [{ ...Attachment, "content": "<base64>" | "contentFile": "<path>" }] }] }
 *
 * NDJSON (*.ndjson, *.jsonl), one object per line naming what it is:
 *   {"senderOrganization": SenderOrganization}   {"senderApplication": SenderApplication}
 *   {"messageType": MessageType}                 {"message": Message, as above}
 *
 * The objects are the contract's (spec/message-registry.yaml). Logos
 * (organizationLogos, applicationLogos) carry content/contentFile like
 * attachments; contentFile is relative to the file and must stay in its
 * folder. messageId and attachmentId may be left out; readStatus, visible,
 * registeredMail, bodyMainContent and replyAuthorized default as in the
 * contract; businessDataList is an array or the contract's {items, totalItems};
 * a message has at most 6 attachments (MAX_ATTACHMENTS, import/schema.ts).
 *
 * - A file is read as a stream, twice, one item in memory at a time: the
 *   first pass checks all of it (contract schemas, the rules of plan.ts,
 *   duplicates, references) and writes nothing; every problem is reported, up
 *   to MAX_ISSUES. The second pass writes. Memory holds the reference data,
 *   a 64-bit fingerprint of each message id of the file (19 MB for a
 *   million, import/id-fingerprints.ts) and two batches (three on
 *   PostgreSQL, where two transactions overlap).
 * - Rows are written in batches of batchSize messages (by default as many as
 *   one transaction writes in TARGET_TRANSACTION_MS, import/batches.ts, or
 *   fewer when their text passes MAX_BATCH_BYTES), one transaction each, so
 *   that other writers (the server) wait for the lock for milliseconds, not
 *   for the whole import. Transactions commit in file order; on
 *   PostgreSQL the next one writes beside the one committing (writeBatch).
 *   The reference data goes with the first batch. A
 *   batch's bytes are stored before its transaction opens; blobs cannot take
 *   part in it, so the ones a failed batch created are removed again; blobs
 *   that already existed (identical bytes, perhaps of an earlier batch) are
 *   left alone. With a storageDir, a journal (import/journal.ts) lets the
 *   next import remove the blobs of a batch whose process was killed before
 *   it committed.
 * - A failure rolls back its batch only: the batches committed before stay,
 *   and ImportInterruptedError says how many messages they hold. A failure in
 *   the first batch leaves nothing and is thrown as it is. So does an abort
 *   (deps.signal), between two batches.
 * - Importing the same file again changes nothing, and completes an import
 *   that was interrupted: ids come from the file or are derived from the
 *   content, and each object named in the file replaces its stored version
 *   whole: its attachments and logos are the file's (none when the file lists
 *   none).
 * - The second pass checks each message again: a file changed between the
 *   passes stops the import (nothing is written that was not checked).
 * - size, digest and contentHref of attachments and logos are always computed
 *   from the bytes; values in the file are accepted and ignored.
 * - Blobs no longer referenced after a re-import are not deleted: they may be
 *   shared, and collecting them is out of scope here.
 * - Search (q, qlang) sees each batch when it commits: its messages are
 *   indexed in its transaction. Reference data is searched under its own
 *   names (db/search-index.ts), so a renamed organization is found under its
 *   new name as soon as the first batch commits, with no stored message rewritten.
 */

export interface ImportProgress {
  /**
   * 'check' while the file is read the first time (done: messages checked);
   * 'write' once with done = 0 after the checks pass, then after every
   * committed batch (done: committed messages); 'done' at the end.
   */
  phase: 'check' | 'write' | 'done';
  done: number;
  /** Messages in the file; 0 until the checks are done. */
  total: number;
  /** Bytes of the file read in this pass, and its size; absent for data in memory. */
  bytesRead?: number;
  bytesTotal?: number;
}

export interface ImportDeps {
  db: Knex;
  blobs: BlobStore;
  /** Clock for updatedAt, epoch ms. */
  now?: () => number;
  onProgress?: (progress: ImportProgress) => void;
  /** The contract file the import schema is built from; spec/message-registry.yaml by default. */
  specFile?: string;
  /**
   * Messages per transaction. By default the size adapts so that each
   * transaction lasts about TARGET_TRANSACTION_MS for the engine (import/batches.ts).
   */
  batchSize?: number;
  /**
   * false (--no-events): the messages are imported as already notified: no
   * newDocument, reminder or expiry alert for them (a first read still sends
   * readDocument). True by default.
   */
  events?: boolean;
  /**
   * The folder of the blob store (FsBlobStore's root). With it, the import
   * journals its blobs and first cleans up after imports that were killed
   * (import/journal.ts); without it, a killed import may leave blobs behind.
   */
  storageDir?: string;
  /** Stops the import between two batches (or while checking): ImportInterruptedError once something was committed. */
  signal?: AbortSignal;
  /**
   * Work done inside the first batch's transaction, before its rows are
   * written: it commits or rolls back with them (the certification reset
   * empties its e-Box there).
   */
  beforeFirstBatch?: (trx: Knex.Transaction) => Promise<void>;
}

export interface ImportSummary {
  senderOrganizations: number;
  senderApplications: number;
  messageTypes: number;
  eboxes: number;
  messages: number;
  attachments: number;
  logos: number;
  /** Bytes of all attachments and logos in the file. */
  bytesStored: number;
  /** Blobs written by this import (the others were already stored). */
  blobsCreated: number;
  bytesCreated: number;
  /** Transactions committed: one per batch. */
  transactions: number;
  /** The longest of them, from BEGIN to COMMIT: how long other writers may have waited. */
  longestTransactionMs: number;
  durationMs: number;
  /** What was cleaned up after imports that had been killed; absent without storageDir. */
  recovered?: Recovery;
}

interface PreparedReference {
  reference: PlannedReference;
  /** Undefined for message types, which have no logos. */
  images?: ImageRecord[];
}

interface PreparedMessage {
  record: MessageRecord;
  attachments: AttachmentRecord[];
}

interface PreparedBatch {
  references: PreparedReference[];
  messages: PreparedMessage[];
  updatedAt: number;
}

/** The tables whose statistics an import refreshes as it grows them (Dialect.analyze), and vacuums at its end (Dialect.vacuum). */
const WRITTEN_TABLES = ['messages', 'attachments', 'message_search'];

/**
 * Messages committed before the first refresh of their statistics; an
 * import of fewer is not vacuumed either: the certification reset runs one
 * in a request, and autovacuum comes soon enough after a few rows.
 */
const ANALYZE_FIRST_AFTER = 5_000;

/** A batch's bytes stored and its rows built, before its transaction opens: the lock is not held while files are copied. */
async function prepareBatch(
  references: PlannedReference[],
  messages: PlannedMessage[],
  blobs: BatchBlobs,
  updatedAt: number,
): Promise<{ batch: PreparedBatch; blobBatch: BlobBatch }> {
  const sources: BytesSource[] = [];
  for (const reference of references) for (const logo of reference.logos ?? []) sources.push(logo.source);
  for (const message of messages) for (const a of message.attachments) sources.push(a.source);
  const { stored, batch: blobBatch } = await blobs.putAll(sources);
  let next = 0;

  const preparedReferences: PreparedReference[] = references.map((reference) => {
    if (reference.logos === undefined || reference.kind === 'messageType') return { reference };
    const ownerType = reference.kind;
    const images = reference.logos.map((logo): ImageRecord => {
      const blob = stored[next++];
      return {
        ownerType,
        ownerId: reference.id,
        imageId: logo.imageId,
        position: logo.position,
        mediaType: logo.mediaType,
        language: logo.language,
        sizeBytes: blob.size,
        digest: blob.digest,
        blobKey: blob.key,
        updatedAt,
      };
    });
    return { reference, images };
  });
  const preparedMessages = messages.map((message): PreparedMessage => ({
    record: { ...message.record, updatedAt },
    attachments: message.attachments.map((a): AttachmentRecord => {
      const blob = stored[next++];
      return {
        messageId: message.record.messageId,
        attachmentId: a.attachmentId,
        position: a.position,
        title: a.title,
        fileName: a.fileName,
        mainContent: a.mainContent,
        mediaType: a.mediaType,
        sizeBytes: blob.size,
        digest: blob.digest,
        signed: a.signed,
        blobKey: blob.key,
      };
    }),
  }));
  return { batch: { references: preparedReferences, messages: preparedMessages, updatedAt }, blobBatch };
}

/**
 * One transaction: the batch's rows and their search rows, so that search
 * never shows a message half written, and the events of the messages new to
 * the store, so that none is announced unless it is stored.
 *
 * `turn` settles when the batch before has committed, and rejects when it
 * failed: batches commit in file order. Where the dialect can check the
 * references to messages at commit (deferMessageReferences), the batch
 * writes what no other transaction touches (its attachments and search
 * rows, most of its work with the trigram index) while the batch before is
 * still committing, and the rows it shares with other writers (reference
 * data, e-Boxes, the messages and through them their e-Box's tallies) only
 * after: two batches never wait for each other's locks.
 */
async function writeBatch(trx: Knex.Transaction, batch: PreparedBatch, events: boolean, turn: Promise<void>): Promise<void> {
  const dialect = dialectOf(trx);
  await dialect.relaxCommit(trx);
  const records = batch.messages.map((m) => m.record);
  const attachments = batch.messages.flatMap((m) => m.attachments);
  // Only a message the store does not hold yet arrives in its e-Box: a
  // re-import, or the completion of an interrupted one, announces nothing again.
  const stored = await storedMessageIds(
    trx,
    records.map((m) => m.messageId),
  );
  const replaced = records.map((m) => m.messageId).filter((id) => stored.has(id));

  const ownRows = async () => {
    await writeAttachmentsOfUpserted(trx, replaced, attachments);
    await indexWrittenMessages(
      trx,
      records.map((r) => ({
        messageId: r.messageId,
        eboxId: r.eboxId,
        subject: r.subject,
        businessData: r.businessData,
        forTheAttentionOf: r.forTheAttentionOf,
      })),
      replaced,
    );
  };
  const sharedRows = async () => {
    for (const { reference, images } of batch.references) {
      await upsertReference(trx, reference.kind, { id: reference.id, document: reference.document, updatedAt: batch.updatedAt });
      if (images !== undefined && reference.kind !== 'messageType') await replaceImages(trx, reference.kind, reference.id, images);
    }
    await ensureEboxes(
      trx,
      records.map((m) => m.eboxId),
    );
    await upsertMessages(trx, records, attachments);
    if (events) {
      await recordArrivals(
        trx,
        records.filter((m) => !stored.has(m.messageId)),
        batch.updatedAt,
      );
    }
  };

  if (dialect.deferMessageReferences) {
    await dialect.deferMessageReferences(trx);
    await ownRows();
    await turn;
    await sharedRows();
  } else {
    await turn;
    await sharedRows();
    await ownRows();
  }
}

/** The second pass's messages: checked again, so that a file changed since the first pass stops the import instead of writing unchecked data. */
async function* messagesOf(source: ImportSource, checked: CheckedImport, deps: ImportDeps, onRead: (bytes: number) => void): AsyncGenerator<PlannedMessage & { bytes: number }> {
  const changed = (what: string) => new Error(`the import file or a file it names changed since it was checked: ${what}`);
  if (source.identity() !== checked.identity) throw changed('its size or modification time differs');
  let issue: ImportIssue | undefined;
  let count = 0;
  for await (const read of readItems(source, (i) => (issue ??= i), { specFile: deps.specFile, onRead, messagesOnly: true })) {
    if (issue !== undefined) break;
    if (read.type !== 'message') continue;
    if (++count > checked.messages || !checked.messageIds.has(read.message.record.messageId)) throw changed(`${read.item.path} is not a message that was checked`);
    yield { ...read.message, bytes: read.item.bytes };
  }
  if (issue !== undefined) throw changed(`${issueLocation(issue)} [${issue.rule}] ${issue.message}`);
  if (count !== checked.messages) throw changed(`${count} messages instead of ${checked.messages}`);
}

/** Checks, then writes, the items of `source`. */
async function importSource(source: ImportSource, deps: ImportDeps): Promise<ImportSummary> {
  const started = Date.now();
  const now = deps.now ?? Date.now;
  const progress = deps.onProgress ?? (() => {});
  if (deps.batchSize !== undefined) checkBatchSize(deps.batchSize);
  const sizer = deps.batchSize === undefined ? new BatchSizer(TARGET_TRANSACTION_MS[engineOf(deps.db)]) : undefined;
  const bytesTotal = source.size;
  const withBytes = (p: ImportProgress, bytesRead: number | undefined): ImportProgress =>
    bytesTotal === undefined || bytesRead === undefined ? p : { ...p, bytesRead, bytesTotal };

  const recovered = deps.storageDir === undefined ? undefined : await recoverDeadImports(deps.storageDir, deps.db, deps.blobs, started);

  progress(withBytes({ phase: 'check', done: 0, total: 0 }, 0));
  const checked = await checkSource(source, {
    db: deps.db,
    specFile: deps.specFile,
    signal: deps.signal,
    onProgress: (p) => progress(withBytes({ phase: 'check', done: p.messages, total: 0 }, p.bytes)),
  });
  const total = checked.messages;
  const updatedAt = now();
  const journal = deps.storageDir === undefined ? undefined : await BlobJournal.create(deps.storageDir, deps.db);
  const blobs = new BatchBlobs(deps.blobs, journal);
  const transactions = new Transactions(deps.db);
  const references = checked.references;

  let bytesRead = 0;
  progress(withBytes({ phase: 'write', done: 0, total }, 0));
  const batches = inBatches(
    messagesOf(source, checked, deps, (n) => (bytesRead = n)),
    sizer ? () => sizer.size : (deps.batchSize as number),
    (m) => m.bytes,
  );
  interface Ready {
    batch: PreparedBatch;
    blobBatch: BlobBatch;
  }
  let prepared = 0;
  /** Reads the next batch and stores its bytes; undefined after the last one. */
  const prepareNext = async (): Promise<Ready | undefined> => {
    deps.signal?.throwIfAborted();
    const next = await batches.next();
    if (next.done) return undefined;
    return prepareBatch(prepared++ === 0 ? references : [], next.value, blobs, updatedAt);
  };

  // One batch is read and its bytes stored while the one before is written:
  // parsing and file copies overlap the database's work. Where the dialect
  // allows it (writeBatch), the next batch's transaction also opens while
  // the one before commits: two at most, committing in file order. The first
  // batch (reference data, beforeFirstBatch) commits alone.
  const overlap = dialectOf(deps.db).deferMessageReferences !== undefined;
  let committed = 0;
  // Statistics are refreshed each time the import has doubled what it wrote since the last refresh.
  let analyzedAt = ANALYZE_FIRST_AFTER / 2;
  let ahead: Promise<Ready | undefined> = prepareNext();
  ahead.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  /** The transaction of the batch before: settles once it committed, rejects if it failed. */
  let previous: Promise<void> = Promise.resolve();
  /** The first batch that failed, in file order: what the import reports, whatever failed after it. */
  let failed: { err: unknown } | undefined;
  /** Reading or storing the next batch failed. */
  let unread: { err: unknown } | undefined;

  const commit = async (current: Ready, first: boolean, turn: Promise<void>): Promise<void> => {
    try {
      await transactions.run(async (trx) => {
        if (first) await deps.beforeFirstBatch?.(trx);
        await writeBatch(trx, current.batch, deps.events ?? true, turn);
      });
    } catch (err) {
      await blobs.discard(current.blobBatch);
      throw err;
    }
    await blobs.keep(current.blobBatch);
    committed += current.batch.messages.length;
    sizer?.observe(current.batch.messages.length, transactions.lastMs);
    if (committed >= analyzedAt * 2) {
      await dialectOf(deps.db).analyze(deps.db, WRITTEN_TABLES);
      analyzedAt = committed;
    }
    progress(withBytes({ phase: 'write', done: committed, total }, bytesRead));
  };

  try {
    for (let first = true; failed === undefined && unread === undefined; first = false) {
      let ready: Ready | undefined;
      try {
        ready = await ahead;
      } catch (err) {
        unread = { err };
        break;
      }
      if (ready === undefined) break;
      ahead = prepareNext();
      ahead.catch(() => {});
      const turn = previous;
      previous = commit(ready, first, turn);
      previous.catch(() => {}); // awaited below
      // Before the next batch opens, the one before this one must be done.
      await (overlap && !first ? turn : previous).catch((err: unknown) => (failed ??= { err }));
    }
    // A batch after a failed one fails with the same error.
    await previous.catch((err: unknown) => (failed ??= { err }));
    const failure = failed ?? unread;
    if (failure !== undefined) {
      const following = await ahead.catch(() => undefined);
      if (following) await blobs.discard(following.blobBatch);
      // Before the first commit nothing of the import is stored: the failure is the whole story.
      throw transactions.count === 0 ? failure.err : new ImportInterruptedError(committed, total, failure.err);
    }
  } finally {
    // Closes the file when a batch failed while the reading generators were suspended.
    await batches.return(undefined);
    // Every batch is settled here (committed, or its blobs removed): nothing is left to recover.
    await journal?.close();
  }
  if (committed >= ANALYZE_FIRST_AFTER) await dialectOf(deps.db).vacuum(deps.db, WRITTEN_TABLES);

  const count = (kind: PlannedReference['kind']) => references.filter((r) => r.kind === kind).length;
  const summary: ImportSummary = {
    senderOrganizations: count('senderOrganization'),
    senderApplications: count('senderApplication'),
    messageTypes: count('messageType'),
    eboxes: checked.eboxIds.size,
    messages: total,
    attachments: checked.attachments,
    logos: checked.logos,
    bytesStored: blobs.bytesStored,
    blobsCreated: blobs.created,
    bytesCreated: blobs.bytesCreated,
    transactions: transactions.count,
    longestTransactionMs: transactions.longestMs,
    durationMs: Date.now() - started,
  };
  if (recovered) summary.recovered = recovered;
  progress(withBytes({ phase: 'done', done: total, total }, bytesTotal));
  return summary;
}

/** Imports an already parsed import file (JSON format); contentFile paths are relative to baseDir. */
export async function importData(data: unknown, baseDir: string, deps: ImportDeps): Promise<ImportSummary> {
  return importSource(dataSource(data, baseDir), deps);
}

/** Reads and imports one import file, JSON or NDJSON (by its extension unless `format` says); contentFile paths are relative to its folder. */
export async function importFile(file: string, deps: ImportDeps & { format?: ImportFormat }): Promise<ImportSummary> {
  let source: ImportSource;
  try {
    source = fileSource(file, deps.format);
  } catch (err) {
    throw new ImportError([{ path: '', rule: 'file', message: `cannot read ${file}: ${(err as Error).message}` }]);
  }
  return importSource(source, deps);
}

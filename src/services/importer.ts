import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import { ensureEbox, replaceAttachments, upsertMessage, type AttachmentRecord, type MessageRecord } from '../db/repositories/messages';
import { findReference, replaceImages, upsertReference, type ImageRecord } from '../db/repositories/reference-data';
import { REFERENCE_KINDS, type ReferenceKind } from '../domain/reference-kinds';
import { BatchBlobs, batchesOf, DEFAULT_BATCH_SIZE, ImportInterruptedError, Transactions } from './import/batches';
import { ImportError, ImportIssue } from './import/issues';
import { BytesSource, ImportPlan, planImport, type PlannedMessage, type PlannedReference } from './import/plan';
import { importValidator } from './import/schema';
import { refreshSearch, reindexByReferencePage } from '../db/search-index';
import { arrivalsAmong, recordArrivals } from '../notifications/events';

export { ImportError } from './import/issues';
export { DEFAULT_BATCH_SIZE, ImportInterruptedError } from './import/batches';
export type { ImportIssue } from './import/issues';

/**
 * Loads reference data and messages from one JSON file:
 *
 *   { "senderOrganizations": [SenderOrganization], "senderApplications": [SenderApplication],
 *     "messageTypes": [MessageType],
 *     "messages": [{ "eboxId": "<recipient CBE>", ...Message, "bodyContent": TranslatedString,
 *                    "attachments": [{ ...Attachment, "content": "<base64>" | "contentFile": "<path>" }] }] }
 *
 * The objects are the contract's (spec/message-registry.yaml). Logos
 * (organizationLogos, applicationLogos) carry content/contentFile like
 * attachments; contentFile is relative to the JSON file and must stay in its
 * folder. messageId and attachmentId may be left out; readStatus, visible,
 * registeredMail, bodyMainContent and replyAuthorized default as in the
 * contract; businessDataList is an array or the contract's {items, totalItems};
 * a message has at most 6 attachments (MAX_ATTACHMENTS, import/schema.ts).
 *
 * - The whole file is checked (contract schemas, then the rules below) before
 *   anything is written; every problem is reported, up to MAX_ISSUES.
 * - Rows are written in batches of batchSize messages (DEFAULT_BATCH_SIZE),
 *   one transaction each, so that other writers (the server) wait for the lock
 *   for milliseconds, not for the whole import. The reference data goes with
 *   the first batch. A batch's bytes are stored before its transaction opens;
 *   blobs cannot take part in it, so the ones a failed batch created are
 *   removed again; blobs that already existed (identical bytes, perhaps of an
 *   earlier batch) are left alone.
 * - A failure rolls back its batch only: the batches committed before stay,
 *   and ImportInterruptedError says how many messages they hold. A failure in
 *   the first batch leaves nothing and is thrown as it is.
 * - Importing the same file again changes nothing, and completes an import
 *   that was interrupted: ids come from the file or are derived from the
 *   content, and each object named in the file replaces its stored version
 *   whole: its attachments and logos are the file's (none when the file lists
 *   none).
 * - size, digest and contentHref of attachments and logos are always computed
 *   from the bytes; values in the file are accepted and ignored.
 * - Blobs no longer referenced after a re-import are not deleted: they may be
 *   shared, and collecting them is out of scope here.
 * - Search (q, qlang) sees each batch when it commits: its messages are
 *   indexed in its transaction. Stored messages naming imported reference data
 *   are reindexed right after the first batch, page by page, so that a renamed
 *   organization is found under its new name before the rest is written.
 */

export interface ImportProgress {
  /** 'write' is reported once with done = 0 after the checks pass, then after every committed batch: done counts committed messages. */
  phase: 'check' | 'write' | 'done';
  done: number;
  total: number;
}

export interface ImportDeps {
  db: Knex;
  blobs: BlobStore;
  /** Clock for updatedAt, epoch ms. */
  now?: () => number;
  onProgress?: (progress: ImportProgress) => void;
  /** The contract file the import schema is built from; spec/message-registry.yaml by default. */
  specFile?: string;
  /** Messages per transaction, written or reindexed; DEFAULT_BATCH_SIZE by default. */
  batchSize?: number;
  /**
   * false (--no-events): the messages are imported as already notified: no
   * newDocument, reminder or expiry alert for them (a first read still sends
   * readDocument). True by default.
   */
  events?: boolean;
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
  /** Transactions committed: one per batch, one per page of stored messages reindexed. */
  transactions: number;
  /** The longest of them, from BEGIN to COMMIT: how long other writers may have waited. */
  longestTransactionMs: number;
  durationMs: number;
}

/** Reference-data ids used by messages that neither the file nor the database defines. */
async function unknownReferences(db: Knex, plan: ImportPlan): Promise<ImportIssue[]> {
  const found = new Map<string, boolean>();
  const issues: ImportIssue[] = [];
  for (const use of plan.uses) {
    if (plan.defined[use.kind].has(use.id)) continue;
    const key = `${use.kind}\u0000${use.id}`;
    if (!found.has(key)) found.set(key, (await findReference(db, use.kind, use.id)) !== undefined);
    if (!found.get(key)) {
      issues.push({ path: use.path, rule: 'unknownReference', message: `no ${use.kind} "${use.id}" in the file (${REFERENCE_KINDS[use.kind].collection}) or in the database` });
    }
  }
  return issues;
}

/** Checks everything and returns the plan to write; throws ImportError listing every problem found. */
export async function checkImport(data: unknown, baseDir: string, deps: Pick<ImportDeps, 'db' | 'specFile'>): Promise<ImportPlan> {
  const issues = importValidator(deps.specFile)(data);
  const plan = planImport(data, baseDir);
  issues.push(...plan.issues, ...(await unknownReferences(deps.db, plan)));
  if (issues.length > 0) throw new ImportError(issues);
  return plan;
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

/** A batch's bytes stored and its rows built, before its transaction opens: the lock is not held while files are copied. */
async function prepareBatch(references: PlannedReference[], messages: PlannedMessage[], blobs: BatchBlobs, updatedAt: number): Promise<PreparedBatch> {
  const store = (source: BytesSource) => blobs.put(source.kind === 'base64' ? Buffer.from(source.base64, 'base64') : fs.createReadStream(source.file));
  const preparedReferences: PreparedReference[] = [];
  for (const reference of references) {
    if (reference.logos === undefined || reference.kind === 'messageType') {
      preparedReferences.push({ reference });
      continue;
    }
    const images: ImageRecord[] = [];
    for (const logo of reference.logos) {
      const blob = await store(logo.source);
      images.push({
        ownerType: reference.kind,
        ownerId: reference.id,
        imageId: logo.imageId,
        position: logo.position,
        mediaType: logo.mediaType,
        language: logo.language,
        sizeBytes: blob.size,
        digest: blob.digest,
        blobKey: blob.key,
        updatedAt,
      });
    }
    preparedReferences.push({ reference, images });
  }
  const preparedMessages: PreparedMessage[] = [];
  for (const message of messages) {
    const attachments: AttachmentRecord[] = [];
    for (const a of message.attachments) {
      const blob = await store(a.source);
      attachments.push({
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
      });
    }
    preparedMessages.push({ record: { ...message.record, updatedAt }, attachments });
  }
  return { references: preparedReferences, messages: preparedMessages, updatedAt };
}

/**
 * One transaction: the batch's rows and their search rows, so that search
 * never shows a message half written, and the events of the messages new to
 * the store, so that none is announced unless it is stored.
 */
async function writeBatch(trx: Knex.Transaction, batch: PreparedBatch, events: boolean): Promise<void> {
  for (const { reference, images } of batch.references) {
    await upsertReference(trx, reference.kind, { id: reference.id, document: reference.document, updatedAt: batch.updatedAt });
    if (images !== undefined && reference.kind !== 'messageType') await replaceImages(trx, reference.kind, reference.id, images);
  }
  for (const eboxId of new Set(batch.messages.map((m) => m.record.eboxId))) await ensureEbox(trx, eboxId);
  const arrivals = events ? await arrivalsAmong(trx, batch.messages.map((m) => m.record)) : [];
  for (const message of batch.messages) {
    await upsertMessage(trx, message.record);
    await replaceAttachments(trx, message.record.messageId, message.attachments);
  }
  await recordArrivals(trx, arrivals, batch.updatedAt);
  await refreshSearch(trx, { messageIds: batch.messages.map((m) => m.record.messageId), references: [] });
}

/**
 * Stored messages that name the imported reference data show its new names in
 * search. Page by page, each its own transaction: a reference may be named by
 * hundreds of thousands of messages. The file's own messages are skipped: their
 * batches index them.
 */
async function reindexReferrers(transactions: Transactions, references: PlannedReference[], except: ReadonlySet<string>, limit: number): Promise<void> {
  for (const { kind, id } of references) {
    let after: string | undefined;
    do {
      const from = after;
      after = await transactions.run((trx) => reindexByReferencePage(trx, kind, id, from, { except, limit }));
    } while (after !== undefined);
  }
}

/** Imports an already parsed import file; contentFile paths are relative to baseDir. */
export async function importData(data: unknown, baseDir: string, deps: ImportDeps): Promise<ImportSummary> {
  const started = Date.now();
  const now = deps.now ?? Date.now;
  const progress = deps.onProgress ?? (() => {});
  progress({ phase: 'check', done: 0, total: 0 });
  const plan = await checkImport(data, baseDir, deps);
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches = batchesOf(plan.messages, batchSize);
  const total = plan.messages.length;
  const updatedAt = now();
  const blobs = new BatchBlobs(deps.blobs);
  const transactions = new Transactions(deps.db);
  const fileMessageIds = new Set(plan.messages.map((m) => m.record.messageId));

  progress({ phase: 'write', done: 0, total });
  let committed = 0;
  for (const [index, messages] of batches.entries()) {
    const first = index === 0;
    try {
      const batch = await prepareBatch(first ? plan.references : [], messages, blobs, updatedAt);
      await transactions.run((trx) => writeBatch(trx, batch, deps.events ?? true));
      blobs.keep();
      committed += messages.length;
      if (first) await reindexReferrers(transactions, plan.references, fileMessageIds, batchSize);
    } catch (err) {
      await blobs.discard();
      // Before the first commit nothing of the import is stored: the failure is the whole story.
      throw transactions.count === 0 ? err : new ImportInterruptedError(committed, total, err);
    }
    progress({ phase: 'write', done: committed, total });
  }

  const count = (kind: ReferenceKind) => plan.references.filter((r) => r.kind === kind).length;
  const summary: ImportSummary = {
    senderOrganizations: count('senderOrganization'),
    senderApplications: count('senderApplication'),
    messageTypes: count('messageType'),
    eboxes: new Set(plan.messages.map((m) => m.record.eboxId)).size,
    messages: plan.messages.length,
    attachments: plan.messages.reduce((n, m) => n + m.attachments.length, 0),
    logos: plan.references.reduce((n, r) => n + (r.logos?.length ?? 0), 0),
    bytesStored: blobs.bytesStored,
    blobsCreated: blobs.created,
    bytesCreated: blobs.bytesCreated,
    transactions: transactions.count,
    longestTransactionMs: transactions.longestMs,
    durationMs: Date.now() - started,
  };
  progress({ phase: 'done', done: total, total });
  return summary;
}

/** Reads and imports one import file; contentFile paths are relative to its folder. */
export async function importFile(file: string, deps: ImportDeps): Promise<ImportSummary> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    throw new ImportError([{ path: '', rule: 'file', message: `cannot read ${file}: ${(err as Error).message}` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportError([{ path: '', rule: 'json', message: `${file} is not JSON: ${(err as Error).message}` }]);
  }
  return importData(data, path.dirname(path.resolve(file)), deps);
}

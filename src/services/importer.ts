import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { BlobStore, StoredBlob } from '../blobs/blob-store';
import { ensureEbox, replaceAttachments, upsertMessage } from '../db/repositories/messages';
import { findReference, replaceImages, upsertReference } from '../db/repositories/reference-data';
import { REFERENCE_KINDS, type ReferenceKind } from '../domain/reference-kinds';
import { ImportError, ImportIssue } from './import/issues';
import { BytesSource, ImportPlan, planImport } from './import/plan';
import { importValidator } from './import/schema';
import { refreshSearch } from '../db/search-index';

export { ImportError } from './import/issues';
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
 * - All rows are written in one transaction. Blobs cannot take part in it, so
 *   the ones this import created are removed again if it fails; blobs that
 *   already existed (identical bytes) are left alone.
 * - Importing the same file again changes nothing: ids come from the file or
 *   are derived from the content, and each object named in the file replaces
 *   its stored version whole: its attachments and logos are the file's (none
 *   when the file lists none).
 * - size, digest and contentHref of attachments and logos are always computed
 *   from the bytes; values in the file are accepted and ignored.
 * - Blobs no longer referenced after a re-import are not deleted: they may be
 *   shared, and collecting them is out of scope here.
 * - Search (q, qlang) sees the import when it commits: the imported messages
 *   are reindexed, and so are stored messages naming imported reference data,
 *   so that a renamed organization is found under its new name at once.
 */

export interface ImportProgress {
  /** 'write' is reported once with done = 0 after the checks pass, then after every message. */
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

/** Imports an already parsed import file; contentFile paths are relative to baseDir. */
export async function importData(data: unknown, baseDir: string, deps: ImportDeps): Promise<ImportSummary> {
  const started = Date.now();
  const now = deps.now ?? Date.now;
  const progress = deps.onProgress ?? (() => {});
  progress({ phase: 'check', done: 0, total: 0 });
  const plan = await checkImport(data, baseDir, deps);
  const total = plan.messages.length;

  const created: StoredBlob[] = [];
  let bytesStored = 0;
  const store = async (source: BytesSource): Promise<StoredBlob> => {
    const blob = await deps.blobs.put(source.kind === 'base64' ? Buffer.from(source.base64, 'base64') : fs.createReadStream(source.file));
    if (blob.created) created.push(blob);
    bytesStored += blob.size;
    return blob;
  };

  progress({ phase: 'write', done: 0, total });
  try {
    await deps.db.transaction(async (trx) => {
      const updatedAt = now();
      for (const ref of plan.references) {
        await upsertReference(trx, ref.kind, { id: ref.id, document: ref.document, updatedAt });
        if (ref.logos === undefined || ref.kind === 'messageType') continue;
        const images = [];
        for (const logo of ref.logos) {
          const blob = await store(logo.source);
          images.push({
            ownerType: ref.kind,
            ownerId: ref.id,
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
        await replaceImages(trx, ref.kind, ref.id, images);
      }
      let done = 0;
      const eboxes = new Set<string>();
      for (const message of plan.messages) {
        if (!eboxes.has(message.record.eboxId)) await ensureEbox(trx, message.record.eboxId);
        eboxes.add(message.record.eboxId);
        await upsertMessage(trx, { ...message.record, updatedAt });
        const attachments = [];
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
        await replaceAttachments(trx, message.record.messageId, attachments);
        progress({ phase: 'write', done: ++done, total });
      }
      await refreshSearch(trx, { messageIds: plan.messages.map((m) => m.record.messageId), references: plan.references });
    });
  } catch (err) {
    // The rows are rolled back; the blobs this import brought in go with them.
    await Promise.allSettled(created.map((blob) => deps.blobs.remove(blob.key)));
    throw err;
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
    bytesStored,
    blobsCreated: created.length,
    bytesCreated: created.reduce((n, b) => n + b.size, 0),
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

import type { Knex } from 'knex';
import { auditTimestamp } from '../audit/timestamp';
import type { BlobStore } from '../blobs/blob-store';
import { appendAudit } from '../db/repositories/audit';
import {
  addBlobOrphans,
  attachmentBlobKeys,
  blobOrphansFoundBefore,
  deleteMessages,
  expiredMessageIds,
  forgetBlobOrphans,
  unreferencedBlobKeys,
} from '../db/repositories/retention';
import { toDateTime } from '../domain/dates';
import { DAY_MS } from './rules';

/**
 * Retention: messages expired for longer than the retention period are
 * deleted with their attachments and search rows, and the blobs nothing
 * references any more are deleted after them. Audit records are never touched:
 * each purge leaves one of its own.
 */

/** Messages purged per transaction. */
export const PURGE_BATCH = 200;

/**
 * How long a blob stays unreferenced before its bytes are deleted. An import
 * stores a batch's bytes before the transaction that references them: bytes
 * identical to a purged attachment's may be about to be referenced again.
 */
export const ORPHAN_GRACE_MS = 3600 * 1000;

/** The audit record's fixed fields: no caller, no token, the sweep itself. */
export const PURGE_CLIENT_ID = 'ebox-dp:retention';
export const PURGE_URL = 'internal:retention/expired-messages';

export interface PurgeReport {
  messages: number;
  attachments: number;
  batches: number;
  /** Blobs left unreferenced, to be deleted after ORPHAN_GRACE_MS. */
  orphans: number;
}

/**
 * Purges, batch by batch, the messages that expired more than `days` days
 * before `now`. Each batch is one transaction with its audit record; blobs are
 * only noted there (blob_orphans), never deleted in it, since a file removal
 * cannot be rolled back. `stopping` is asked between batches.
 */
export async function purgeExpired(db: Knex, now: number, days: number, stopping: () => boolean = () => false, batch = PURGE_BATCH): Promise<PurgeReport> {
  const report: PurgeReport = { messages: 0, attachments: 0, batches: 0, orphans: 0 };
  const expiredBefore = now - days * DAY_MS;
  while (!stopping()) {
    const purged = await db.transaction(async (trx) => {
      const ids = await expiredMessageIds(trx, expiredBefore, batch);
      if (ids.length === 0) return 0;
      const keys = await attachmentBlobKeys(trx, ids);
      const counts = await deleteMessages(trx, ids);
      // Shared bytes (the same document in several messages, or a logo) stay referenced and stay.
      const orphans = await unreferencedBlobKeys(trx, keys);
      await addBlobOrphans(trx, orphans, now);
      const atMicros = now * 1000;
      await appendAudit(trx, [
        {
          atMicros,
          TIMESTAMP: auditTimestamp(atMicros),
          SUBJECT_TOKEN_HASHED: '',
          CLIENT_ID: PURGE_CLIENT_ID,
          API_CALL_REQUEST_METHOD: 'DELETE',
          API_CALL_REQUEST_URL: PURGE_URL,
          API_CALL_RESPONSE_CODE: 200,
          API_CALL_DETAILS: {
            retentionDaysAfterExpiry: days,
            expiredBefore: toDateTime(expiredBefore),
            messageIds: ids,
            attachments: counts.attachments,
            blobsUnreferenced: orphans.length,
          },
        },
      ]);
      report.messages += counts.messages;
      report.attachments += counts.attachments;
      report.orphans += orphans.length;
      report.batches += 1;
      return ids.length;
    });
    if (purged < batch) break;
  }
  return report;
}

/**
 * Deletes the bytes of blobs unreferenced since at least `ORPHAN_GRACE_MS`
 * before `now` and still unreferenced; a blob referenced again meanwhile is
 * kept and forgotten as an orphan. Returns how many blobs were deleted.
 */
export async function collectOrphanBlobs(db: Knex, blobs: BlobStore, now: number, stopping: () => boolean = () => false, batch = PURGE_BATCH): Promise<number> {
  let deleted = 0;
  while (!stopping()) {
    const keys = await blobOrphansFoundBefore(db, now - ORPHAN_GRACE_MS, batch);
    if (keys.length === 0) break;
    const unreferenced = await unreferencedBlobKeys(db, keys);
    for (const key of unreferenced) await blobs.remove(key);
    // Forgotten only once the bytes are gone: a failed removal is tried again by the next sweep.
    await forgetBlobOrphans(db, keys);
    deleted += unreferenced.length;
    if (keys.length < batch) break;
  }
  return deleted;
}

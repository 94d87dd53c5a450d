import { ensureEboxes, type AttachmentRecord, type MessageRecord } from '../../db/repositories/messages';
import { insertAttachments, insertMessages } from '../../db/repositories/publication';
import { reindexMessages } from '../../db/search-index';
import type { Db } from '../../db/types';
import { recordArrivals } from '../../notifications/events';

/** A message as it enters one e-Box, with its attachments (whose bytes are already stored). */
export interface PublishedMessage {
  record: MessageRecord;
  attachments: AttachmentRecord[];
}

/**
 * The one place where messages arrive in e-Boxes through the publication
 * profile, by /publishMessage (one) or /linkEboxMessage (one per further
 * e-Box), inside the caller's transaction: whatever must happen when a
 * message arrives (its rows, its search rows, and the notifications due to
 * the owners of the e-Boxes) happens here, and commits or rolls back with
 * the messages themselves.
 */
export async function writePublishedMessages(trx: Db, published: PublishedMessage[]): Promise<void> {
  await ensureEboxes(trx, published.map((p) => p.record.eboxId));
  await insertMessages(
    trx,
    published.map((p) => p.record),
    published.flatMap((p) => p.attachments),
  );
  await insertAttachments(trx, published.flatMap((p) => p.attachments));
  await reindexMessages(trx, published.map((p) => p.record.messageId));
  // Each arrival is announced to its e-Box's owner (newDocument), with the same commit.
  await recordArrivals(trx, published.map((p) => p.record), published[0]?.record.updatedAt ?? Date.now());
}

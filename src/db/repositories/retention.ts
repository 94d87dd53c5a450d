import { dialectOf } from '../dialects';
import { chunks, int } from '../rows';
import type { Db } from '../types';

/**
 * Purging expired messages and collecting the blobs they leave behind. Every
 * function takes a knex instance or a transaction; the purge of a batch is one
 * transaction (services compose them).
 */

/**
 * Up to `limit` messages that expired before `before`, earliest first, through
 * the messages_expiration index. Within a transaction on PostgreSQL they are
 * locked and those another purge holds are skipped.
 */
export async function expiredMessageIds(db: Db, before: number, limit: number): Promise<string[]> {
  const query = db('messages').where('expiration_at', '<', before).orderBy([{ column: 'expiration_at' }, { column: 'message_id' }]).limit(limit).select('message_id');
  const rows: { message_id: string }[] = await dialectOf(db).skipLocked(query, 'messages');
  return rows.map((r) => r.message_id);
}

/** The distinct blobs the attachments of these messages point at. */
export async function attachmentBlobKeys(db: Db, messageIds: string[]): Promise<string[]> {
  const keys = new Set<string>();
  for (const ids of chunks(messageIds)) {
    for (const key of await db('attachments').whereIn('message_id', ids).distinct().pluck('blob_key')) keys.add(String(key));
  }
  return [...keys];
}

export interface PurgeCounts {
  messages: number;
  attachments: number;
}

/**
 * Deletes messages with what hangs on them: search rows (the FTS index
 * follows by its triggers), attachments, scheduled events, and delivered
 * events. Events still pending or parked stay: they are self-contained and
 * remain to be delivered or looked at.
 */
export async function deleteMessages(db: Db, messageIds: string[]): Promise<PurgeCounts> {
  const counts: PurgeCounts = { messages: 0, attachments: 0 };
  for (const ids of chunks(messageIds)) {
    await db('message_search').whereIn('message_id', ids).delete();
    counts.attachments += await db('attachments').whereIn('message_id', ids).delete();
    await db('ees_schedule').whereIn('message_id', ids).delete();
    await db('ees_events').whereIn('message_id', ids).andWhere('state', 'delivered').delete();
    counts.messages += await db('messages').whereIn('message_id', ids).delete();
  }
  return counts;
}

/** Of the given blob keys, those no attachment and no logo points at. */
export async function unreferencedBlobKeys(db: Db, keys: string[]): Promise<string[]> {
  const referenced = new Set<string>();
  for (const part of chunks(keys)) {
    for (const table of ['attachments', 'images']) {
      for (const key of await db(table).whereIn('blob_key', part).distinct().pluck('blob_key')) referenced.add(String(key));
    }
  }
  return keys.filter((k) => !referenced.has(k));
}

/** Remembers blobs found unreferenced at `now` (a blob already remembered keeps its first date). */
export async function addBlobOrphans(db: Db, keys: string[], now: number): Promise<void> {
  for (const part of chunks(keys)) {
    if (part.length > 0) await db('blob_orphans').insert(part.map((blob_key) => ({ blob_key, found_at: now }))).onConflict('blob_key').ignore();
  }
}

/** Orphans found at or before `before`, oldest first. */
export async function blobOrphansFoundBefore(db: Db, before: number, limit: number): Promise<string[]> {
  const rows: { blob_key: string }[] = await db('blob_orphans').where('found_at', '<=', before).orderBy('found_at').limit(limit).select('blob_key');
  return rows.map((r) => r.blob_key);
}

export async function forgetBlobOrphans(db: Db, keys: string[]): Promise<void> {
  for (const part of chunks(keys)) await db('blob_orphans').whereIn('blob_key', part).delete();
}

export async function countBlobOrphans(db: Db): Promise<number> {
  return int((await db('blob_orphans').count({ n: '*' }).first())?.n ?? 0);
}

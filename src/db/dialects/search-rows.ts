import { chunks } from '../rows';
import type { Db } from '../types';
import type { SearchRow } from './dialect';


/**
 * Replaces every message_search row of the given messages by `rows`. The
 * engines' indexes follow by themselves: triggers on SQLite, the GIN index on
 * PostgreSQL.
 */
export async function replaceSearchRows(db: Db, messageIds: string[], rows: SearchRow[]): Promise<void> {
  for (const ids of chunks(messageIds)) await db('message_search').whereIn('message_id', ids).delete();
  for (const part of chunks(rows)) {
    await db('message_search').insert(part.map((r) => ({ message_id: r.messageId, ebox_id: r.eboxId, lang: r.lang, text: r.text })));
  }
}

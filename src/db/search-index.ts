import type { Db } from './types';
import { dialectOf, type SearchRow } from './dialects';
import { chunks } from './rows';
import { json, jsonOrUndefined } from './rows';
import type { ReferenceKind } from '../domain/reference-kinds';
import { messageSearchTexts, referenceSearchTexts, type SearchableMessage } from '../domain/search-text';
import { LANGUAGES } from '../domain/translated-string';

/**
 * Keeps what text search reads in step with what it is built from:
 *
 * - message_search: one row per message and language holding the normalized
 *   text of the message's own fields (subject, business data values,
 *   forTheAttentionOf), none when that text is empty;
 * - reference_search: one row per reference-data object and language holding
 *   its normalized names and description.
 *
 * A message matches in a language when its own row or the row of one of the
 * three objects it names contains the needle (repositories/messages.ts). The
 * names of reference data are shared by thousands of messages: stored once,
 * they cost nothing per message, and a renamed organization rewrites one row
 * instead of every message naming it (migration 20261216000000_reference_search).
 *
 * Every function takes a knex instance or a transaction, so that the rows
 * change in the same transaction as what they are built from.
 */

// Messages read and rewritten per round trip: bounded memory and statement size.
const BATCH = 500;

/** What a message's search rows are made of. */
export interface IndexedMessage extends SearchableMessage {
  messageId: string;
  eboxId: string;
}

/**
 * Replaces every message_search row of the given messages by `rows` (which
 * may be empty). The engines' text indexes follow by themselves: triggers
 * keep SQLite's FTS5 table in step, PostgreSQL's GIN index is the table's.
 */
export async function replaceSearchRows(db: Db, messageIds: string[], rows: SearchRow[]): Promise<void> {
  for (const ids of chunks(messageIds)) await db('message_search').whereIn('message_id', ids).delete();
  await dialectOf(db).insertRows(
    db,
    'message_search',
    rows.map((r) => ({ message_id: r.messageId, ebox_id: r.eboxId, lang: r.lang, text: r.text })),
  );
}

/**
 * The search rows of `messages`, grouped by e-Box and language: written in
 * that order, the rows a search of one e-Box reads from a batch lie side by
 * side in the table instead of one per page. PostgreSQL rechecks every
 * candidate of its trigram index in the table: a needle in all 100,000
 * messages of the large e-Box read 63,000 pages of message_search when an
 * import wrote the rows in the file's order, the e-Boxes interleaved.
 */
function searchRowsOf(messages: IndexedMessage[]): SearchRow[] {
  const rows: SearchRow[] = [];
  for (const m of messages) {
    const texts = messageSearchTexts(m);
    for (const lang of LANGUAGES) if (texts[lang] !== '') rows.push({ messageId: m.messageId, eboxId: m.eboxId, lang, text: texts[lang] });
  }
  return rows.sort((a, b) => compare(a.eboxId, b.eboxId) || compare(a.lang, b.lang));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rebuilds the search rows of messages just written in this transaction,
 * from what was written rather than read back: an import indexes thousands
 * of messages a second. The messages must be stored as given; `stored`
 * names those among them that existed before, whose former rows go (a new
 * message has none).
 */
export async function indexWrittenMessages(db: Db, messages: IndexedMessage[], stored: string[]): Promise<void> {
  if (messages.length === 0) return;
  await replaceSearchRows(db, stored, searchRowsOf(messages));
}

async function reindexBatch(db: Db, messageIds: string[]): Promise<void> {
  const messages = await db('messages').whereIn('message_id', messageIds).select('message_id', 'ebox_id', 'subject', 'business_data', 'for_the_attention_of');
  const indexed = messages.map(
    (m): IndexedMessage => ({
      messageId: m.message_id,
      eboxId: m.ebox_id,
      subject: json(m.subject),
      businessData: json(m.business_data),
      forTheAttentionOf: jsonOrUndefined(m.for_the_attention_of),
    }),
  );
  // Ids without a message (deleted) lose their rows.
  await replaceSearchRows(db, messageIds, searchRowsOf(indexed));
}

/** Rebuilds the search rows of the given messages; ids of messages that no longer exist lose theirs. */
export async function reindexMessages(db: Db, messageIds: string[]): Promise<void> {
  const unique = [...new Set(messageIds)];
  for (let i = 0; i < unique.length; i += BATCH) await reindexBatch(db, unique.slice(i, i + BATCH));
}

/** Rewrites the search rows of one reference-data object from its document (written in the same transaction). */
export async function indexReference(db: Db, kind: ReferenceKind, id: string, document: Record<string, unknown>): Promise<void> {
  const texts = referenceSearchTexts(kind, document);
  await db('reference_search').where({ kind, reference_id: id }).delete();
  const rows = LANGUAGES.filter((lang) => texts[lang] !== '').map((lang) => ({ kind, reference_id: id, lang, text: texts[lang] }));
  if (rows.length > 0) await db('reference_search').insert(rows);
}

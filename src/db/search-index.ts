import type { Db } from './types';
import { dialectOf, SearchRow } from './dialects';
import { json, jsonOrUndefined } from './rows';
import { REFERENCE_KIND_NAMES, REFERENCE_KINDS, type ReferenceKind } from '../domain/reference-kinds';
import { findReference } from './repositories/reference-data';
import { searchTexts, type SearchableMessage, type SearchReferences } from '../domain/search-text';
import { LANGUAGES } from '../domain/translated-string';

/**
 * Keeps the search rows (one normalized text per message and language) in
 * step with messages and the reference data they name. Every function takes a
 * knex instance or a transaction, so that the rows change in the same
 * transaction as what they are built from.
 */

// Messages read and rewritten per round trip: bounded memory and statement size
// for an import of 200,000 messages.
const BATCH = 500;

type Doc = Record<string, unknown>;

/** Reference documents by kind and id, read once per call: thousands of messages share a few of them. */
class ReferenceCache {
  private readonly docs = new Map<string, Promise<Doc | undefined>>();

  constructor(private readonly db: Db) {}

  get(kind: ReferenceKind, id: string | null | undefined): Promise<Doc | undefined> {
    if (id === null || id === undefined) return Promise.resolve(undefined);
    const key = `${kind}\u0000${id}`;
    let doc = this.docs.get(key);
    if (doc === undefined) {
      doc = findReference(this.db, kind, id).then((r) => r?.document);
      this.docs.set(key, doc);
    }
    return doc;
  }
}

/** What a message's search rows are made of: its own fields and the ids of the reference data it names. */
export interface IndexedMessage extends SearchableMessage {
  messageId: string;
  eboxId: string;
  ids: Record<ReferenceKind, string | null | undefined>;
}

async function searchRowsOf(messages: IndexedMessage[], cache: ReferenceCache): Promise<SearchRow[]> {
  const rows: SearchRow[] = [];
  for (const m of messages) {
    const refs: SearchReferences = {};
    for (const kind of REFERENCE_KIND_NAMES) refs[kind] = await cache.get(kind, m.ids[kind]);
    const texts = searchTexts(m, refs);
    for (const lang of LANGUAGES) rows.push({ messageId: m.messageId, eboxId: m.eboxId, lang, text: texts[lang] });
  }
  return rows;
}

async function reindexBatch(db: Db, messageIds: string[], cache: ReferenceCache): Promise<void> {
  if (messageIds.length === 0) return;
  const messages = await db('messages')
    .whereIn('message_id', messageIds)
    .select('message_id', 'ebox_id', 'subject', 'business_data', 'for_the_attention_of', ...Object.values(REFERENCE_KINDS).map((k) => k.messageColumn));
  const indexed = messages.map(
    (m): IndexedMessage => ({
      messageId: m.message_id,
      eboxId: m.ebox_id,
      subject: json(m.subject),
      businessData: json(m.business_data),
      forTheAttentionOf: jsonOrUndefined(m.for_the_attention_of),
      ids: Object.fromEntries(REFERENCE_KIND_NAMES.map((kind) => [kind, m[REFERENCE_KINDS[kind].messageColumn]])) as IndexedMessage['ids'],
    }),
  );
  // Ids without a message (deleted) lose their rows.
  await dialectOf(db).writeSearchRows(db, messageIds, await searchRowsOf(indexed, cache));
}

/**
 * Rebuilds the search rows of messages just written in this transaction,
 * from what was written rather than read back: an import indexes thousands
 * of messages a second. The messages must be stored as given.
 */
export async function indexWrittenMessages(db: Db, messages: IndexedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const cache = new ReferenceCache(db);
  await dialectOf(db).writeSearchRows(
    db,
    messages.map((m) => m.messageId),
    await searchRowsOf(messages, cache),
  );
}

async function reindexWith(db: Db, messageIds: string[], cache: ReferenceCache): Promise<void> {
  const unique = [...new Set(messageIds)];
  for (let i = 0; i < unique.length; i += BATCH) await reindexBatch(db, unique.slice(i, i + BATCH), cache);
}

/** One keyset page over the (reference id, message_id) index of messages; returns its last id, undefined when it was the last page. */
async function reindexReferencePageWith(
  db: Db,
  kind: ReferenceKind,
  id: string,
  after: string | undefined,
  cache: ReferenceCache,
  except?: ReadonlySet<string>,
  limit = BATCH,
): Promise<string | undefined> {
  const query = db('messages').where(REFERENCE_KINDS[kind].messageColumn, id).orderBy('message_id').limit(limit);
  if (after !== undefined) query.andWhere('message_id', '>', after);
  const ids: string[] = await query.pluck('message_id');
  if (ids.length === 0) return undefined;
  await reindexBatch(db, except ? ids.filter((m) => !except.has(m)) : ids, cache);
  return ids.length < limit ? undefined : ids[ids.length - 1];
}

async function reindexReferenceWith(db: Db, kind: ReferenceKind, id: string, cache: ReferenceCache, except?: ReadonlySet<string>): Promise<void> {
  let after: string | undefined;
  do {
    after = await reindexReferencePageWith(db, kind, id, after, cache, except);
  } while (after !== undefined);
}

/** Rebuilds the search rows of the given messages; ids of messages that no longer exist lose theirs. */
export async function reindexMessages(db: Db, messageIds: string[]): Promise<void> {
  await reindexWith(db, messageIds, new ReferenceCache(db));
}

/** Rebuilds the search rows of every message that names this reference-data object, after it changed. */
export async function reindexByReference(db: Db, kind: ReferenceKind, id: string): Promise<void> {
  await reindexReferenceWith(db, kind, id, new ReferenceCache(db));
}

/**
 * Rebuilds the search rows of one page of the messages naming this
 * reference-data object: up to `limit` messages after `after` (a message id;
 * the start when undefined), skipping the ids in `except`. Returns where the
 * next page starts, undefined when there is none, so that a caller can commit
 * page by page instead of holding one write transaction over all of them.
 */
export async function reindexByReferencePage(
  db: Db,
  kind: ReferenceKind,
  id: string,
  after: string | undefined,
  options: { except?: ReadonlySet<string>; limit?: number } = {},
): Promise<string | undefined> {
  return reindexReferencePageWith(db, kind, id, after, new ReferenceCache(db), options.except, options.limit);
}

export interface SearchChanges {
  /** Messages written. */
  messageIds: string[];
  /** Reference-data objects written: other stored messages naming them show their new names. */
  references: { kind: ReferenceKind; id: string }[];
}

/** Brings search in step with one write of messages and reference data (an import), within its transaction. */
export async function refreshSearch(db: Db, changes: SearchChanges): Promise<void> {
  const cache = new ReferenceCache(db);
  await reindexWith(db, changes.messageIds, cache);
  const done = new Set(changes.messageIds);
  for (const ref of changes.references) await reindexReferenceWith(db, ref.kind, ref.id, cache, done);
}

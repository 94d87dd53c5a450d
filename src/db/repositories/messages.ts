import type { Knex } from 'knex';
import { REFERENCE_KIND_NAMES, REFERENCE_KINDS, type ReferenceKind } from '../../domain/reference-kinds';
import type { Language } from '../../domain/translated-string';
import type { Db } from '../types';
import { dialectOf } from '../dialects';
import { bool, chunks, int, intOrNull, json, jsonOrUndefined, toJson } from '../rows';

type Json = Record<string, unknown>;

/** A message as stored. Contract sub-objects stay in their contract shape. */
export interface MessageRecord {
  messageId: string;
  eboxId: string;
  subject: Json;
  receiptAt: number;
  expirationAt: number;
  readStatus: boolean;
  firstReadAt: number | null;
  visible: boolean;
  registeredMail: boolean;
  forTheAttentionOf?: Json;
  messageTypeId: string;
  senderOrganizationId: string;
  senderApplicationId?: string;
  originalMessageId?: string;
  bodyMainContent: boolean;
  bodyContent?: Json;
  paymentData?: Json;
  businessData: Json[];
  replyAuthorized: boolean;
  updatedAt: number;
}

export interface AttachmentRecord {
  messageId: string;
  attachmentId: string;
  position: number;
  title?: Json;
  fileName: string;
  mainContent: boolean;
  mediaType: string;
  sizeBytes: number;
  digest: string;
  signed: boolean;
  blobKey: string;
}

export function toMessageRecord(row: Record<string, unknown>): MessageRecord {
  return {
    messageId: String(row.message_id),
    eboxId: String(row.ebox_id),
    subject: json(row.subject),
    receiptAt: int(row.receipt_at),
    expirationAt: int(row.expiration_at),
    readStatus: bool(row.read_status),
    firstReadAt: intOrNull(row.first_read_at),
    visible: bool(row.visible),
    registeredMail: bool(row.registered_mail),
    forTheAttentionOf: jsonOrUndefined(row.for_the_attention_of),
    messageTypeId: String(row.message_type_id),
    senderOrganizationId: String(row.sender_organization_id),
    senderApplicationId: (row.sender_application_id as string | null) ?? undefined,
    originalMessageId: (row.original_message_id as string | null) ?? undefined,
    bodyMainContent: bool(row.body_main_content),
    bodyContent: jsonOrUndefined(row.body_content),
    paymentData: jsonOrUndefined(row.payment_data),
    businessData: json(row.business_data),
    replyAuthorized: bool(row.reply_authorized),
    updatedAt: int(row.updated_at),
  };
}

export function toAttachmentRecord(row: Record<string, unknown>): AttachmentRecord {
  return {
    messageId: String(row.message_id),
    attachmentId: String(row.attachment_id),
    position: int(row.position),
    title: jsonOrUndefined(row.title),
    fileName: String(row.file_name),
    mainContent: bool(row.main_content),
    mediaType: String(row.media_type),
    sizeBytes: int(row.size_bytes),
    digest: String(row.digest),
    signed: bool(row.signed),
    blobKey: String(row.blob_key),
  };
}

/** Of the given ids, those of messages already stored. */
export async function storedMessageIds(db: Db, messageIds: string[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const ids of chunks(messageIds)) {
    for (const id of await db('messages').whereIn('message_id', ids).pluck('message_id')) stored.add(String(id));
  }
  return stored;
}

export async function ensureEbox(db: Db, eboxId: string): Promise<void> {
  await db('eboxes').insert({ ebox_id: eboxId }).onConflict('ebox_id').ignore();
}

/** ensureEbox for many e-Boxes, in a few statements. */
export async function ensureEboxes(db: Db, eboxIds: string[]): Promise<void> {
  for (const part of chunks([...new Set(eboxIds)])) {
    await db('eboxes')
      .insert(part.map((id) => ({ ebox_id: id })))
      .onConflict('ebox_id')
      .ignore();
  }
}

/** Sum of the attachment sizes per message: messages.attachment_bytes, written with the row. */
export function attachmentBytesOf(attachments: AttachmentRecord[]): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const a of attachments) bytes.set(a.messageId, (bytes.get(a.messageId) ?? 0) + a.sizeBytes);
  return bytes;
}

/** The row of a message, as stored; `attachmentBytes` is the sum of the sizes of the attachments written with it. */
export function messageRow(m: MessageRecord, attachmentBytes = 0): Record<string, unknown> {
  return {
    message_id: m.messageId,
    ebox_id: m.eboxId,
    subject: JSON.stringify(m.subject),
    receipt_at: m.receiptAt,
    expiration_at: m.expirationAt,
    read_status: m.readStatus,
    first_read_at: m.firstReadAt,
    visible: m.visible,
    registered_mail: m.registeredMail,
    for_the_attention_of: toJson(m.forTheAttentionOf),
    message_type_id: m.messageTypeId,
    sender_organization_id: m.senderOrganizationId,
    sender_application_id: m.senderApplicationId ?? null,
    original_message_id: m.originalMessageId ?? null,
    body_main_content: m.bodyMainContent,
    body_content: toJson(m.bodyContent),
    payment_data: toJson(m.paymentData),
    business_data: JSON.stringify(m.businessData),
    reply_authorized: m.replyAuthorized,
    updated_at: m.updatedAt,
    attachment_bytes: attachmentBytes,
  };
}

/** The row of an attachment, as stored. */
export function attachmentRow(a: AttachmentRecord): Record<string, unknown> {
  return {
    message_id: a.messageId,
    attachment_id: a.attachmentId,
    position: a.position,
    title: toJson(a.title),
    file_name: a.fileName,
    main_content: a.mainContent,
    media_type: a.mediaType,
    size_bytes: a.sizeBytes,
    digest: a.digest,
    signed: a.signed,
    blob_key: a.blobKey,
  };
}

export async function upsertMessage(db: Db, m: MessageRecord): Promise<void> {
  await db('messages').insert(messageRow(m)).onConflict('message_id').merge();
}

/**
 * upsertMessage for many messages, one statement per few thousand: an import
 * writes thousands a second, and a round trip per message is most of the
 * cost. The ids must be distinct (PostgreSQL refuses to update one row twice
 * in a statement).
 */
export async function upsertMessages(db: Db, messages: MessageRecord[], attachments: AttachmentRecord[] = []): Promise<void> {
  const bytes = attachmentBytesOf(attachments);
  await dialectOf(db).insertRows(
    db,
    'messages',
    messages.map((m) => messageRow(m, bytes.get(m.messageId))),
    'message_id',
  );
}

/** Replaces every attachment of one message. */
export async function replaceAttachments(db: Db, messageId: string, attachments: AttachmentRecord[]): Promise<void> {
  await replaceAttachmentsOf(db, [messageId], attachments);
}

/**
 * The attachments of messages just written by upsertMessages with the same
 * `attachments` (so their attachment_bytes is already right): those of
 * `stored`, the messages among them that existed before, are deleted first;
 * a new message has none to delete. An import writes thousands of messages a
 * second, nearly all new, and on PostgreSQL looking for rows to delete cost
 * more than writing them.
 */
export async function writeAttachmentsOfUpserted(db: Db, stored: string[], attachments: AttachmentRecord[]): Promise<void> {
  for (const ids of chunks(stored)) await db('attachments').whereIn('message_id', ids).delete();
  await dialectOf(db).insertRows(db, 'attachments', attachments.map(attachmentRow));
}

/** Replaces every attachment of the given messages by `attachments` (which name those messages only). */
export async function replaceAttachmentsOf(db: Db, messageIds: string[], attachments: AttachmentRecord[]): Promise<void> {
  await writeAttachmentsOfUpserted(db, messageIds, attachments);
  await refreshAttachmentBytes(db, messageIds);
}

/**
 * messages.attachment_bytes, the sum of a message's attachment sizes, from
 * its attachments as they are now; every writer of attachments calls it in
 * the same transaction. The e-Box summary (eboxSize) then reads it from the
 * e-Box's index instead of joining every attachment of the e-Box. Writers
 * that give the sum with the row (upsertMessages, insertMessages) make this
 * a check that rewrites nothing: on PostgreSQL every updated row is a new
 * row version, which doubled the messages table of an import.
 */
export async function refreshAttachmentBytes(db: Db, messageIds: string[]): Promise<void> {
  const sum = db('attachments').whereRaw('attachments.message_id = messages.message_id').sum('size_bytes');
  const actual = db.raw('coalesce((?), 0)', [sum]);
  for (const ids of chunks([...new Set(messageIds)])) {
    await db('messages').whereIn('message_id', ids).andWhere('attachment_bytes', '<>', actual).update({ attachment_bytes: actual });
  }
}

export interface EboxFigures {
  numberOfMessages: number;
  numberOfUnreadMessages: number;
  lastReceiptAt: number | null;
  lastConsultationAt: number | null;
  attachmentBytes: number;
}

/**
 * Figures over the e-Box's messages that have not expired at `now`, hidden
 * ones included: from its tallies, and the newest receipt from the top of
 * its index.
 */
export async function eboxFigures(db: Db, eboxId: string, now: number): Promise<EboxFigures> {
  const tallies = await liveTallies(db, eboxId, now);
  const newest = await db('messages')
    .where('ebox_id', eboxId)
    .andWhere(dialectOf(db).unindexed(db, 'expiration_at'), '>', now)
    .orderBy([
      { column: 'ebox_id', order: 'desc' },
      { column: 'receipt_at', order: 'desc' },
    ])
    .first('receipt_at');
  const ebox = await db('eboxes').where('ebox_id', eboxId).first();
  const sum = (of: (t: Tally) => number, tallies: Tally[]) => tallies.reduce((total, t) => total + of(t), 0);
  return {
    numberOfMessages: sum((t) => t.messages, tallies),
    numberOfUnreadMessages: sum((t) => t.messages, tallies.filter((t) => !t.readStatus)),
    lastReceiptAt: intOrNull(newest?.receipt_at),
    lastConsultationAt: intOrNull(ebox?.last_consultation_at),
    attachmentBytes: sum((t) => t.attachmentBytes, tallies),
  };
}

/** The e-Box's messages of one read status and visibility, and the sum of their attachment sizes. */
interface Tally {
  readStatus: boolean;
  visible: boolean;
  messages: number;
  attachmentBytes: number;
}

/**
 * The e-Box's messages not expired at `now`, tallied by read status and
 * visibility: the tallies kept of every stored message (migration
 * 20261217000000) less the messages expired but not yet purged, counted from
 * the messages_ebox_expiration index. A few rows instead of a walk over the
 * e-Box's index (27 ms for 100,000 messages on SQLite). One statement, so
 * that PostgreSQL reads both parts in the same snapshot.
 */
async function liveTallies(db: Db, eboxId: string, now: number): Promise<Tally[]> {
  const expired = db('messages')
    .where('ebox_id', eboxId)
    .andWhere('expiration_at', '<=', now)
    .select('read_status', 'visible', db.raw('-1 as n'), db.raw('-attachment_bytes as bytes'));
  const stored = db('ebox_tallies').where('ebox_id', eboxId).select('read_status', 'visible', 'message_count as n', 'attachment_bytes as bytes');
  const rows: Record<string, unknown>[] = await db
    .from(stored.unionAll(expired).as('tally'))
    .groupBy('read_status', 'visible')
    .select('read_status', 'visible', db.raw('sum(n) as n'), db.raw('sum(bytes) as bytes'));
  return rows.map((r) => ({ readStatus: bool(r.read_status), visible: bool(r.visible), messages: int(r.n), attachmentBytes: int(r.bytes) }));
}

/** List criteria compared as given, named as in the contract. */
export interface ExactCriteria {
  readStatus?: boolean;
  visible?: boolean;
  registeredMail?: boolean;
  messageTypeId?: string;
  senderOrganizationId?: string;
  senderApplicationId?: string;
}

/** Conjunctive filters of the message list; instants are epoch ms, upper bounds exclusive. */
export interface MessageCriteria extends ExactCriteria {
  eboxId: string;
  /** Messages that expired at or before this instant are never returned. */
  now: number;
  receivedFrom?: number;
  receivedUntil?: number;
  expiresFrom?: number;
  expiresUntil?: number;
  search?: { lang: Language; needle: string };
}

/** A condition to put on a query over `messages`, worked out beforehand. */
export type Filter = (q: Knex.QueryBuilder) => Knex.QueryBuilder;

async function matching(db: Db, c: MessageCriteria): Promise<() => Knex.QueryBuilder> {
  const search = c.search ? await searchFilter(db, c.eboxId, c.search.lang, c.search.needle) : (q: Knex.QueryBuilder) => q;
  return () => search(criteria(db, c));
}

function criteria(db: Db, c: MessageCriteria): Knex.QueryBuilder {
  const q = db('messages').where('messages.ebox_id', c.eboxId).andWhere(dialectOf(db).unindexed(db, 'messages.expiration_at'), '>', c.now);
  if (c.receivedFrom !== undefined) q.andWhere('messages.receipt_at', '>=', c.receivedFrom);
  if (c.receivedUntil !== undefined) q.andWhere('messages.receipt_at', '<', c.receivedUntil);
  if (c.expiresFrom !== undefined) q.andWhere('messages.expiration_at', '>=', c.expiresFrom);
  if (c.expiresUntil !== undefined) q.andWhere('messages.expiration_at', '<', c.expiresUntil);
  if (c.readStatus !== undefined) q.andWhere('messages.read_status', c.readStatus);
  if (c.visible !== undefined) q.andWhere('messages.visible', c.visible);
  if (c.registeredMail !== undefined) q.andWhere('messages.registered_mail', c.registeredMail);
  if (c.messageTypeId !== undefined) q.andWhere('messages.message_type_id', c.messageTypeId);
  if (c.senderOrganizationId !== undefined) q.andWhere('messages.sender_organization_id', c.senderOrganizationId);
  if (c.senderApplicationId !== undefined) q.andWhere('messages.sender_application_id', c.senderApplicationId);
  return q;
}

/**
 * A filter keeping the messages of `eboxId` (on a query over `messages`) whose
 * own text or whose sender organization's, application's or message type's
 * text in `lang` contains `needle`, already normalized (db/search-index.ts).
 * The empty needle, a substring of everything, keeps every message.
 *
 * The reference-data objects whose names match are found first (a scan of a
 * few hundred short texts) and named in the query as literal ids: most
 * needles (a dossier number, a person, a quarter) match none, and the query
 * is then the own-text match alone. With the reference branch as subqueries
 * instead, SQLite read the table row of every message of the e-Box.
 */
export async function searchFilter(db: Db, eboxId: string, lang: Language, needle: string): Promise<Filter> {
  if (needle === '') return (q) => q;
  const dialect = dialectOf(db);
  const found: { kind: ReferenceKind; reference_id: string }[] = await dialect.referenceMatches(db, lang, needle);
  const named = REFERENCE_KIND_NAMES.map((kind) => ({
    column: `messages.${REFERENCE_KINDS[kind].messageColumn}`,
    ids: found.filter((r) => r.kind === kind).map((r) => r.reference_id),
  })).filter((n) => n.ids.length > 0);
  const own = await ownTextMatches(db, eboxId, lang, needle);
  return (q) =>
    q.where((any) => {
      any.whereIn('messages.message_id', own());
      for (const { column, ids } of named) any.orWhereIn(column, ids);
    });
}

/** Up to this many messages matching by their own text are named in the query as literal ids. */
export const FEW_OWN_MATCHES = 1_000;

/**
 * The messages of the e-Box whose own text matches, for whereIn (a
 * function: a knex query is a promise, which an async function would run):
 * their ids when there are at most FEW_OWN_MATCHES (asked for with that
 * limit, so a common needle costs a thousand rows here, not all of them),
 * else the subquery.
 * Most needles (a dossier number, a name, a word nobody wrote) match few
 * messages; named as literal ids, the engine reads just those rows by
 * their key. As a subquery, SQLite, which cannot estimate what a text
 * index returns, walked the whole e-Box's index testing each entry against
 * it: 40 ms and more for a needle matching one message of 100,000.
 */
async function ownTextMatches(db: Db, eboxId: string, lang: Language, needle: string): Promise<() => Knex.QueryBuilder | string[]> {
  const matches = () => dialectOf(db).searchMatches(db, eboxId, lang, needle);
  const first: { message_id: string }[] = await matches().limit(FEW_OWN_MATCHES + 1);
  if (first.length > FEW_OWN_MATCHES) return matches;
  const ids = first.map((r) => r.message_id);
  return () => ids;
}

/** One page of matching messages, newest receipt first, ties broken by messageId (descending). */
export async function listMessages(db: Db, c: MessageCriteria, offset: number, limit: number): Promise<MessageRecord[]> {
  return pageOf(db, await matching(db, c), offset, limit);
}

export async function countMessages(db: Db, c: MessageCriteria): Promise<number> {
  return countOf(db, c, await matching(db, c));
}

/**
 * listMessages and countMessages of the same criteria, the search's
 * reference names and own-text matches looked up once for both. The count
 * comes first: a page in the second half is then read from the end.
 */
export async function pageAndCount(db: Db, c: MessageCriteria, offset: number, limit: number): Promise<{ records: MessageRecord[]; total: number }> {
  const matches = await matching(db, c);
  const total = await countOf(db, c, matches);
  return { records: await pageOf(db, matches, offset, limit, total), total };
}

/**
 * The page at `offset` in list order. Knowing `total`, a page in the second
 * half is taken in the opposite order, from the end: the order (receipt,
 * message id) is total, so it is the same page, and the walk over the
 * e-Box's index skips fewer entries (the last page of 100,000 skips 25
 * instead of 99,975).
 */
async function pageOf(db: Db, matches: () => Knex.QueryBuilder, offset: number, limit: number, total?: number): Promise<MessageRecord[]> {
  const order = (direction: 'asc' | 'desc') => [
    { column: 'messages.receipt_at', order: direction },
    { column: 'messages.message_id', order: direction },
  ];
  let page = matches().select('messages.message_id');
  if (total !== undefined && offset * 2 > total) {
    const fromEnd = total - offset - limit;
    const size = limit + Math.min(fromEnd, 0);
    if (size <= 0) return [];
    page = page.orderBy(order('asc')).offset(Math.max(fromEnd, 0)).limit(size);
  } else {
    page = page.orderBy(order('desc')).offset(offset).limit(limit);
  }
  // The page's ids first, then their rows: the skipped rows of a deep page are
  // then read from the e-Box's index alone. PostgreSQL otherwise fetched every
  // skipped row from the table (a quarter of a second at page 800).
  const rows = await db('messages').whereIn('messages.message_id', page).select('messages.*').orderBy(order('desc'));
  return rows.map(toMessageRecord);
}

/**
 * How many messages match: from the e-Box's tallies when the criteria are
 * read status and visibility at most (the portal's plain pages and the
 * summary), else counted.
 */
async function countOf(db: Db, c: MessageCriteria, matches: () => Knex.QueryBuilder): Promise<number> {
  const { eboxId, now, readStatus, visible, ...others } = c;
  if (Object.values(others).every((v) => v === undefined)) {
    const tallies = await liveTallies(db, eboxId, now);
    return tallies
      .filter((t) => (readStatus === undefined || t.readStatus === readStatus) && (visible === undefined || t.visible === visible))
      .reduce((n, t) => n + t.messages, 0);
  }
  const row = await matches().count({ n: '*' }).first();
  return int(row?.n ?? 0);
}

/** A live message of the e-Box; another e-Box's, expired or unknown ones are all absent alike. */
export async function findMessage(db: Db, eboxId: string, messageId: string, now: number): Promise<MessageRecord | undefined> {
  const row = await db('messages').where({ message_id: messageId, ebox_id: eboxId }).andWhere('expiration_at', '>', now).first();
  return row ? toMessageRecord(row) : undefined;
}

export async function attachmentsOf(db: Db, messageIds: string[]): Promise<Map<string, AttachmentRecord[]>> {
  const byMessage = new Map<string, AttachmentRecord[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return byMessage;
  for (const ids of chunks(messageIds)) {
    const rows = await db('attachments').whereIn('message_id', ids).orderBy(['message_id', 'position']);
    for (const row of rows) byMessage.get(String(row.message_id))?.push(toAttachmentRecord(row));
  }
  return byMessage;
}

/**
 * An attachment of a live message of the e-Box and whether that message is
 * read, in one statement: undefined when there is no such message,
 * `attachment` undefined when the message has no such attachment.
 */
export async function findAttachment(
  db: Db,
  eboxId: string,
  messageId: string,
  attachmentId: string,
  now: number,
): Promise<{ messageRead: boolean; attachment?: AttachmentRecord } | undefined> {
  const row: Record<string, unknown> | undefined = await db('messages')
    .leftJoin('attachments', (join) => {
      join.on('attachments.message_id', 'messages.message_id').andOnVal('attachments.attachment_id', attachmentId);
    })
    .where({ 'messages.message_id': messageId, 'messages.ebox_id': eboxId })
    .andWhere('messages.expiration_at', '>', now)
    .first('messages.read_status as message_read_status', 'attachments.*');
  if (!row) return undefined;
  return { messageRead: bool(row.message_read_status), attachment: row.attachment_id === null ? undefined : toAttachmentRecord(row) };
}

/** Marks a message read, keeping the time of the first read. True when this call changed it. */
export async function markRead(db: Db, messageId: string, now: number): Promise<boolean> {
  const changed = await db('messages')
    .where({ message_id: messageId, read_status: false })
    .update({ read_status: true, first_read_at: db.raw('coalesce(first_read_at, ?)', [now]), updated_at: now });
  return changed > 0;
}

/** Of the given ids, those that are live messages of the e-Box. */
export async function liveMessageIds(db: Db, eboxId: string, messageIds: string[], now: number): Promise<Set<string>> {
  const live = new Set<string>();
  for (const ids of chunks(messageIds)) {
    const rows: { message_id: string }[] = await db('messages')
      .where('ebox_id', eboxId)
      .andWhere('expiration_at', '>', now)
      .whereIn('message_id', ids)
      .select('message_id');
    for (const r of rows) live.add(r.message_id);
  }
  return live;
}

export async function setVisible(db: Db, eboxId: string, messageIds: string[], visible: boolean, now: number): Promise<void> {
  for (const ids of chunks(messageIds)) {
    await db('messages').where('ebox_id', eboxId).whereIn('message_id', ids).update({ visible, updated_at: now });
  }
}

/**
 * Records that the owner consulted the e-Box, unless that was recorded less
 * than `minIntervalMs` ago (the condition makes it hold across server instances).
 */
export async function recordConsultation(db: Db, eboxId: string, now: number, minIntervalMs: number): Promise<void> {
  const updated = await db('eboxes')
    .where('ebox_id', eboxId)
    .andWhere((q) => {
      q.whereNull('last_consultation_at').orWhere('last_consultation_at', '<=', now - minIntervalMs);
    })
    .update({ last_consultation_at: now });
  if (updated === 0) await db('eboxes').insert({ ebox_id: eboxId, last_consultation_at: now }).onConflict('ebox_id').ignore();
}

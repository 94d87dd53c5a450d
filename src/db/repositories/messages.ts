import type { Db } from '../types';
import { keepPlan } from '../connect';
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

/** A live message of the e-Box; another e-Box's, expired or unknown ones are all absent alike. */
export async function findMessage(db: Db, eboxId: string, messageId: string, now: number): Promise<MessageRecord | undefined> {
  const row = await keepPlan(db('messages').where({ message_id: messageId, ebox_id: eboxId }).andWhere('expiration_at', '>', now).first());
  return row ? toMessageRecord(row) : undefined;
}

export async function attachmentsOf(db: Db, messageIds: string[]): Promise<Map<string, AttachmentRecord[]>> {
  const byMessage = new Map<string, AttachmentRecord[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return byMessage;
  for (const ids of chunks(messageIds)) {
    const rows = await keepPlan(db('attachments').whereIn('message_id', ids).orderBy(['message_id', 'position']));
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
  const row: Record<string, unknown> | undefined = await keepPlan(
    db('messages')
      .leftJoin('attachments', (join) => {
        join.on('attachments.message_id', 'messages.message_id').andOnVal('attachments.attachment_id', attachmentId);
      })
      .where({ 'messages.message_id': messageId, 'messages.ebox_id': eboxId })
      .andWhere('messages.expiration_at', '>', now)
      .first('messages.read_status as message_read_status', 'attachments.*'),
  );
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

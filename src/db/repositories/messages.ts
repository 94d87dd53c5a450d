import type { Db } from '../connect';
import { bool, int, intOrNull, json, jsonOrUndefined, toJson } from '../rows';

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

export async function ensureEbox(db: Db, eboxId: string): Promise<void> {
  await db('eboxes').insert({ ebox_id: eboxId }).onConflict('ebox_id').ignore();
}

export async function upsertMessage(db: Db, m: MessageRecord): Promise<void> {
  await db('messages')
    .insert({
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
    })
    .onConflict('message_id')
    .merge();
}

/** Replaces every attachment of one message; returns the blob keys it no longer references. */
export async function replaceAttachments(db: Db, messageId: string, attachments: AttachmentRecord[]): Promise<string[]> {
  const previous = await db('attachments').where('message_id', messageId).select('blob_key');
  await db('attachments').where('message_id', messageId).delete();
  if (attachments.length > 0) {
    await db('attachments').insert(
      attachments.map((a) => ({
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
      })),
    );
  }
  const kept = new Set(attachments.map((a) => a.blobKey));
  return previous.map((r: { blob_key: string }) => r.blob_key).filter((k: string) => !kept.has(k));
}

export interface EboxFigures {
  numberOfMessages: number;
  numberOfUnreadMessages: number;
  lastReceiptAt: number | null;
  lastConsultationAt: number | null;
  attachmentBytes: number;
}

/** Figures over the e-Box's messages that have not expired at `now`, hidden ones included. */
export async function eboxFigures(db: Db, eboxId: string, now: number): Promise<EboxFigures> {
  const live = () => db('messages').where('ebox_id', eboxId).andWhere('expiration_at', '>', now);
  const counts = await live()
    .select(
      db.raw('count(*) as total'),
      db.raw('sum(case when read_status then 0 else 1 end) as unread'),
      db.raw('max(receipt_at) as last_receipt'),
    )
    .first();
  const bytes = await db('attachments')
    .join('messages', 'messages.message_id', 'attachments.message_id')
    .where('messages.ebox_id', eboxId)
    .andWhere('messages.expiration_at', '>', now)
    .sum({ bytes: 'attachments.size_bytes' })
    .first();
  const ebox = await db('eboxes').where('ebox_id', eboxId).first();
  return {
    numberOfMessages: int(counts?.total ?? 0),
    numberOfUnreadMessages: int(counts?.unread ?? 0),
    lastReceiptAt: intOrNull(counts?.last_receipt),
    lastConsultationAt: intOrNull(ebox?.last_consultation_at),
    attachmentBytes: int(bytes?.bytes ?? 0),
  };
}

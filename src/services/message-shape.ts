import type { AttachmentRecord, MessageRecord } from '../db/repositories/messages';
import type { Attachment, Attachments, BusinessData, ForTheAttentionOf, Message, PaymentData, TranslatedString } from '../contract/types';
import { toDateTime } from '../domain/dates';
import { kb } from '../domain/units';

/** The link at which an attachment's bytes are served. */
export function contentHref(baseUrl: string, a: AttachmentRecord): string {
  return `${baseUrl}/ebox/messages/${encodeURIComponent(a.messageId)}/attachments/${encodeURIComponent(a.attachmentId)}/content`;
}

export function toAttachment(a: AttachmentRecord, baseUrl: string): Attachment {
  return {
    attachmentId: a.attachmentId,
    ...(a.title ? { attachmentTitle: a.title as TranslatedString } : {}),
    fileName: a.fileName,
    mainContent: a.mainContent,
    mediaType: a.mediaType as Attachment['mediaType'],
    size: kb(a.sizeBytes),
    digest: { digestMethod: 'sha_256', digestValue: a.digest },
    attachmentSigned: a.signed,
    contentHref: contentHref(baseUrl, a),
  };
}

export function toAttachments(list: AttachmentRecord[], baseUrl: string): Attachments {
  return { items: list.map((a) => toAttachment(a, baseUrl)), totalItems: list.length };
}

/** A stored message in the contract's shape, complete with its attachments and business data. */
export function toMessage(m: MessageRecord, attachments: AttachmentRecord[], baseUrl: string): Message {
  const businessData = m.businessData as unknown as BusinessData[];
  return {
    messageId: m.messageId,
    ...(m.originalMessageId ? { originalMessageId: m.originalMessageId } : {}),
    subject: m.subject as TranslatedString,
    receiptDate: toDateTime(m.receiptAt),
    expirationDate: toDateTime(m.expirationAt),
    readStatus: m.readStatus,
    visible: m.visible,
    registeredMail: m.registeredMail,
    ...(m.forTheAttentionOf ? { forTheAttentionOf: m.forTheAttentionOf as ForTheAttentionOf } : {}),
    messageTypeId: m.messageTypeId,
    senderOrganizationId: m.senderOrganizationId,
    ...(m.senderApplicationId ? { senderApplicationId: m.senderApplicationId } : {}),
    attachments: toAttachments(attachments, baseUrl),
    bodyMainContent: m.bodyMainContent,
    ...(m.paymentData ? { paymentData: m.paymentData as unknown as PaymentData } : {}),
    businessDataList: { items: businessData, totalItems: businessData.length },
    replyAuthorized: m.replyAuthorized,
  };
}

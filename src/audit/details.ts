import { sha256Hex } from '../domain/hash';
import type { Params } from '../http/params';
import type { Result } from '../http/result';
import type { Attachment, Attachments, Message, Messages, MessagesToUpdate, PaymentData } from '../contract/types';

const attachmentDetails = (a: Attachment) => ({
  attachmentId: a.attachmentId,
  mediaType: a.mediaType,
  size: a.size,
  digest: a.digest,
});

type Details = Record<string, unknown>;

/**
 * API_CALL_DETAILS per audited operation: the identifiers of what was shown
 * or changed, nothing more (ATREQ02). A national number (forTheAttentionOf.id)
 * appears only as its SHA-256 (ATREQ03).
 */
const detailsOf: Record<string, (params: Params, result: Result | undefined, body: unknown) => Details> = {
  getEBoxById: () => ({}),
  getMessagesByEBoxId: (_p, r) => ({ messageIds: ((r?.body as Messages | undefined)?.items ?? []).map((m) => m.messageId) }),
  getMessageById: (p, r) => {
    const m = r?.body as Message | undefined;
    return {
      messageId: p.messageId,
      ...(m?.paymentData ? { paymentDataId: m.paymentData.paymentDataId } : {}),
      ...(m?.forTheAttentionOf?.id ? { forTheAttentionOfIdHash: sha256Hex(m.forTheAttentionOf.id) } : {}),
    };
  },
  getAttachmentByMessageId: (p, r) => ({
    messageId: p.messageId,
    attachments: ((r?.body as Attachments | undefined)?.items ?? []).map(attachmentDetails),
  }),
  getAttachmentById: (p, r) => ({ messageId: p.messageId, ...attachmentDetails(r?.body as Attachment) }),
  // The content is identified by the SHA-256 of its bytes (the strong ETag).
  getAttachmentContentById: (p, r) => ({
    messageId: p.messageId,
    attachmentId: p.attachmentId,
    contentId: r?.headers?.ETag?.replace(/"/g, ''),
  }),
  getBodyContent: (p) => ({ messageId: p.messageId }),
  getPaymentDataByMessageId: (p, r) => ({ messageId: p.messageId, paymentDataId: (r?.body as PaymentData | undefined)?.paymentDataId }),
  // Also recorded for bodies that failed validation: take only what is well-formed.
  patchMessagesByEBoxId: (_p, _r, body) => {
    const items = (body as MessagesToUpdate | undefined)?.items;
    return { messages: Array.isArray(items) ? items.map((i) => ({ messageId: i?.messageId, visible: i?.visible })) : [] };
  },
  postMessage: () => ({}),
  linkMessage: () => ({}),
  getStatus: () => ({}),
};

export const isAudited = (operationId: string): boolean => operationId in detailsOf;

export function auditDetails(operationId: string, params: Params, result: Result | undefined, body: unknown): Details {
  return detailsOf[operationId]?.(params, result, body) ?? {};
}

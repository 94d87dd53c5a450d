import { sha256Hex } from '../domain/hash';
import { MAX_PATCH_ITEMS } from '../domain/limits';
import { isPlainObject } from '../domain/plain-object';
import type { OperationId, ParamsOf, ResultOf } from '../contract/operations';
import type { Attachment } from '../contract/types';
import type { Params } from '../http/params';
import type { Result } from '../http/result';

const attachmentDetails = (a: Attachment) => ({
  attachmentId: a.attachmentId,
  mediaType: a.mediaType,
  size: a.size,
  digest: a.digest,
});

type Details = Record<string, unknown>;

/** Any value a client sent where an id belongs, as a string of bounded length: a record stays small whatever came. */
const boundedId = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '').slice(0, 200);

/**
 * API_CALL_DETAILS per audited operation: the identifiers of what was shown
 * or changed, nothing more (ATREQ02). A national number (forTheAttentionOf.id)
 * appears only as its SHA-256 (ATREQ03).
 */
type DetailsOf = { [K in OperationId]: (params: ParamsOf<K>, result: ResultOf<K> | undefined, body: unknown) => Details };

const detailsOf: Partial<DetailsOf> = {
  getEBoxById: () => ({}),
  getMessagesByEBoxId: (_p, r) => ({ messageIds: (r?.body.items ?? []).map((m) => m.messageId) }),
  getMessageById: (p, r) => {
    const m = r?.body;
    return {
      messageId: p.messageId,
      ...(m?.paymentData ? { paymentDataId: m.paymentData.paymentDataId } : {}),
      ...(m?.forTheAttentionOf?.id ? { forTheAttentionOfIdHash: sha256Hex(m.forTheAttentionOf.id) } : {}),
    };
  },
  getAttachmentByMessageId: (p, r) => ({
    messageId: p.messageId,
    attachments: (r?.body.items ?? []).map(attachmentDetails),
  }),
  getAttachmentById: (p, r) => ({ messageId: p.messageId, ...(r ? attachmentDetails(r.body) : {}) }),
  // The content is identified by the SHA-256 of its bytes (the strong ETag).
  getAttachmentContentById: (p, r) => ({
    messageId: p.messageId,
    attachmentId: p.attachmentId,
    contentId: r?.headers?.ETag?.replace(/"/g, ''),
  }),
  getBodyContent: (p) => ({ messageId: p.messageId }),
  getPaymentDataByMessageId: (p, r) => ({ messageId: p.messageId, paymentDataId: r?.body.paymentDataId }),
  // Also recorded for bodies that failed validation: take only what is well-formed.
  patchMessagesByEBoxId: (_p, _r, body) => {
    const items = isPlainObject(body) ? body.items : undefined;
    if (!Array.isArray(items)) return { messages: [] };
    return {
      messages: items.slice(0, MAX_PATCH_ITEMS).map((i: unknown) => (isPlainObject(i) ? { messageId: boundedId(i.messageId), visible: i.visible === true } : {})),
      ...(items.length > MAX_PATCH_ITEMS ? { itemsGiven: items.length } : {}),
    };
  },
  // The publication service's own account of the call (PublicationDetails): what arrived, even when refused.
  postMessage: (_p, _r, body) => {
    if (!isPlainObject(body)) return {};
    return {
      ...(typeof body.messageId === 'string' ? { messageId: body.messageId } : {}),
      ...(typeof body.originalMessageId === 'string' ? { originalMessageId: boundedId(body.originalMessageId) } : {}),
      attachments: Array.isArray(body.attachments) ? body.attachments : [],
    };
  },
  // A success is recorded with the copies made; a refusal with the request as far as it is well-formed.
  linkMessage: (_p, _r, body) => {
    if (!isPlainObject(body)) return {};
    return {
      messageId: boundedId(body.messageId),
      ...(Array.isArray(body.copies) ? { copies: body.copies } : {}),
      ...(typeof body.errorCases === 'number' ? { errorCases: body.errorCases } : {}),
      ...(Array.isArray(body.recipients) ? { recipientsGiven: body.recipients.length } : {}),
    };
  },
  // The reset's own account (referenceDay, messages removed, ids written) when it succeeded; nothing else was sent.
  resetCertificationDataSet: (_p, _r, body) => (isPlainObject(body) ? body : {}),
  getStatus: (_p, r, body) => ({
    ...(Array.isArray(body) ? { pairsGiven: body.length } : {}),
    messages: (r?.body ?? []).map((s) => ({ messageId: s.messageId, eboxId: s.eboxId.eboxIdValue })),
  }),
};

export const isAudited = (operationId: string): operationId is OperationId => operationId in detailsOf;

export function auditDetails(operationId: OperationId, params: Params, result: Result | undefined, body: unknown): Details {
  // The pipeline filled params and result for this very operation.
  const details = detailsOf[operationId] as ((p: Params, r: Result | undefined, b: unknown) => Details) | undefined;
  return details?.(params, result, body) ?? {};
}

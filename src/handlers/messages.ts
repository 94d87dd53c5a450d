import { create as contentDisposition } from 'content-disposition';
import { bytesResult } from '../http/bytes';
import type { MessagesToUpdate } from '../contract/types';
import { ok } from '../http/result';
import type { MessageQuery } from '../services/messages';
import { str, type Handler } from './call';

export const getMessagesByEBoxId: Handler = async ({ identity, params, services, baseUrl }) =>
  ok(await services.messages.list(identity.eboxId, params as unknown as MessageQuery, baseUrl));

export const patchMessagesByEBoxId: Handler = async ({ identity, body, services, recordWrite }) => {
  await services.messages.setVisibility(identity.eboxId, body as MessagesToUpdate | undefined, recordWrite);
  return { status: 200 };
};

export const getMessageById: Handler = async ({ identity, params, services, baseUrl }) =>
  ok(await services.messages.get(identity.eboxId, str(params, 'messageId'), baseUrl));

export const getAttachmentByMessageId: Handler = async ({ identity, params, services, baseUrl }) =>
  ok(await services.messages.attachments(identity.eboxId, str(params, 'messageId'), baseUrl));

export const getAttachmentById: Handler = async ({ identity, params, services, baseUrl }) =>
  ok(await services.messages.attachment(identity.eboxId, str(params, 'messageId'), str(params, 'attachmentId'), baseUrl));

export const getAttachmentContentById: Handler = async ({ identity, params, services, headers }) => {
  const { attachment, open } = await services.messages.content(identity.eboxId, str(params, 'messageId'), str(params, 'attachmentId'));
  return bytesResult(
    {
      size: attachment.sizeBytes,
      open,
      headers: {
        'Content-Type': attachment.mediaType,
        'Content-Disposition': contentDisposition(attachment.fileName),
        ETag: `"${attachment.digest}"`,
        // Personal documents: a browser may keep them, a shared cache may not.
        'Cache-Control': 'private, no-cache',
      },
    },
    headers.range,
  );
};

export const getBodyContent: Handler = async ({ identity, params, services }) =>
  ok(await services.messages.body(identity.eboxId, str(params, 'messageId')));

export const getPaymentDataByMessageId: Handler = async ({ identity, params, services }) =>
  ok(await services.messages.paymentData(identity.eboxId, str(params, 'messageId')));

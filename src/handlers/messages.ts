import { create as contentDisposition } from 'content-disposition';
import { bytesResult } from '../http/bytes';
import { ok } from '../http/result';
import type { HandlerGroup } from './call';

export const messages = {
  getMessagesByEBoxId: async ({ identity, params, services, baseUrl }) => ok(await services.messages.list(identity.eboxId, params, baseUrl)),

  patchMessagesByEBoxId: async ({ identity, body, services, recordWrite }) => {
    await services.messages.setVisibility(identity.eboxId, body, recordWrite);
    return { status: 200 };
  },

  getMessageById: async ({ identity, params, services, baseUrl }) => ok(await services.messages.get(identity.eboxId, params.messageId, baseUrl)),

  getAttachmentByMessageId: async ({ identity, params, services, baseUrl }) =>
    ok(await services.messages.attachments(identity.eboxId, params.messageId, baseUrl)),

  getAttachmentById: async ({ identity, params, services, baseUrl }) =>
    ok(await services.messages.attachment(identity.eboxId, params.messageId, params.attachmentId, baseUrl)),

  getAttachmentContentById: async ({ identity, params, services, headers }) => {
    const { attachment, open } = await services.messages.content(identity.eboxId, params.messageId, params.attachmentId);
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
      headers,
    );
  },

  getBodyContent: async ({ identity, params, services }) => ok(await services.messages.body(identity.eboxId, params.messageId)),

  getPaymentDataByMessageId: async ({ identity, params, services }) => ok(await services.messages.paymentData(identity.eboxId, params.messageId)),
} satisfies HandlerGroup;

import { notImplemented } from '../http/errors';
import type { Handler } from './call';

// The consultation of messages is the next step of the project (see the README's
// roadmap); until then these operations answer 501 rather than a made-up result.
const pending = (operationId: string): Handler => async () => {
  throw notImplemented(operationId);
};

export const getMessagesByEBoxId = pending('getMessagesByEBoxId');
export const patchMessagesByEBoxId = pending('patchMessagesByEBoxId');
export const getMessageById = pending('getMessageById');
export const getAttachmentByMessageId = pending('getAttachmentByMessageId');
export const getAttachmentById = pending('getAttachmentById');
export const getAttachmentContentById = pending('getAttachmentContentById');
export const getBodyContent = pending('getBodyContent');
export const getPaymentDataByMessageId = pending('getPaymentDataByMessageId');

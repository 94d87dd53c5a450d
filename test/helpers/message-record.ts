import type { MessageRecord } from '../../src/db/repositories/messages';

/** The instant the records below are built around. */
export const RECORD_NOW = Date.parse('2026-06-01T12:00:00Z');
export const DAY = 86_400_000;

/** A stored message as the repositories take it: received a day before RECORD_NOW, expiring a day after, in e-Box 0123456749. */
export function messageRecord(messageId: string, over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    messageId,
    eboxId: '0123456749',
    subject: { fr: messageId },
    receiptAt: RECORD_NOW - DAY,
    expirationAt: RECORD_NOW + DAY,
    readStatus: false,
    firstReadAt: null,
    visible: true,
    registeredMail: false,
    messageTypeId: 'type',
    senderOrganizationId: '0206731645',
    bodyMainContent: false,
    businessData: [],
    replyAuthorized: false,
    updatedAt: RECORD_NOW,
    ...over,
  };
}

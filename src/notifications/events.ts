import { randomUUID } from 'node:crypto';
import type { MessageRecord } from '../db/repositories/messages';
import {
  enqueueEvents,
  messagesById,
  scheduleEvents,
  unscheduleMessages,
  type EventType,
  type NewEvent,
} from '../db/repositories/outbox';
import type { Db } from '../db/types';
import { toDateTime } from '../domain/dates';
import { completeTranslatedString, type CompleteTranslatedString } from '../domain/translated-string';
import { dueAt, isNews, SCHEDULED_TYPES } from './rules';

/**
 * Recording events in the outbox, for the services whose changes cause them.
 * Each function takes the caller's transaction: an event is committed with
 * its cause or not at all, and the dispatcher delivers it later.
 */

/** An EboxEnterpriseDocumentEvent, as spec/event-service.yaml defines it. */
export interface EesEvent {
  eventType: EventType;
  eventCorrelationId: string;
  /** The CBE number of the e-Box (the contract's name; the EES guide's example says eboxId). */
  enterpriseId: string;
  messageId: string;
  receiptDate: string;
  expirationDate: string;
  registeredMail: boolean;
  messageTypeId: string;
  senderOrganizationId: string;
  senderApplicationId?: string;
  subject: CompleteTranslatedString;
}

/** The event about a message, with a correlation id of its own that every retry keeps. */
export function eesEvent(eventType: EventType, m: MessageRecord): NewEvent {
  const event: EesEvent = {
    eventType,
    eventCorrelationId: randomUUID(),
    enterpriseId: m.eboxId,
    messageId: m.messageId,
    receiptDate: toDateTime(m.receiptAt),
    expirationDate: toDateTime(m.expirationAt),
    registeredMail: m.registeredMail,
    messageTypeId: m.messageTypeId,
    senderOrganizationId: m.senderOrganizationId,
    ...(m.senderApplicationId ? { senderApplicationId: m.senderApplicationId } : {}),
    subject: completeTranslatedString(m.subject),
  };
  return { messageId: m.messageId, eventType, correlationId: event.eventCorrelationId, payload: { ...event } };
}

/**
 * Messages that arrived in their e-Boxes, written in this transaction:
 * newDocument for each that is news (unread, unexpired), and their reminder
 * and expiry alert scheduled.
 */
export async function recordArrivals(db: Db, arrived: MessageRecord[], now: number): Promise<void> {
  const news = arrived.filter((m) => isNews(m, now));
  await enqueueEvents(
    db,
    news.map((m) => eesEvent('newDocument', m)),
    now,
  );
  await scheduleEvents(
    db,
    news.flatMap((m) => SCHEDULED_TYPES.map((eventType) => ({ messageId: m.messageId, eventType, dueAt: dueAt(eventType, m) }))),
  );
}

/**
 * The first read of a message's main content, in the transaction that marks
 * it read: readDocument, and nothing more to remind of.
 */
export async function recordFirstRead(db: Db, messageId: string, now: number): Promise<void> {
  const [message] = await messagesById(db, [messageId]);
  if (message === undefined) return;
  await enqueueEvents(db, [eesEvent('readDocument', message)], now);
  await unscheduleMessages(db, [messageId]);
}

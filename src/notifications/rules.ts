/**
 * When each event of the e-Box Event Service is due (README, "Notifications").
 * Pure rules over a message's dates and read status; instants in epoch ms.
 */

export const DAY_MS = 24 * 3600 * 1000;
/** newDocumentReminder: a message still unread this long after its receipt date. */
export const REMINDER_AFTER_MS = 15 * DAY_MS;
/** documentExpirationAlert: from this long before expiration, a message still unread. */
export const ALERT_BEFORE_MS = 7 * DAY_MS;

export type ScheduledType = 'newDocumentReminder' | 'documentExpirationAlert';
export const SCHEDULED_TYPES: readonly ScheduledType[] = ['newDocumentReminder', 'documentExpirationAlert'];

export interface Notifiable {
  receiptAt: number;
  expirationAt: number;
  readStatus: boolean;
}

/**
 * Whether a message in an e-Box is still news to its owner: unread and not
 * expired (an expired message is no longer shown to anyone). Only such a
 * message is announced or reminded of.
 */
export function isNews(m: Notifiable, now: number): boolean {
  return !m.readStatus && m.expirationAt > now;
}

export function dueAt(type: ScheduledType, m: Notifiable): number {
  return type === 'newDocumentReminder' ? m.receiptAt + REMINDER_AFTER_MS : m.expirationAt - ALERT_BEFORE_MS;
}

export type Verdict = { send: true } | { later: number } | { never: true };

/**
 * What to do at `now` with a scheduled event, judged on the message as it is
 * stored now (its dates may have been changed by a re-import since the event
 * was scheduled): send it, look again later, or drop it for good (the
 * message is gone, read or expired).
 */
export function verdict(type: ScheduledType, m: Notifiable | undefined, now: number): Verdict {
  if (m === undefined || !isNews(m, now)) return { never: true };
  const at = dueAt(type, m);
  return now < at ? { later: at } : { send: true };
}

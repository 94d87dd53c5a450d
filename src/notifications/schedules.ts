import type { Knex } from 'knex';
import { dueEntries, enqueueEvents, scheduleEvents, unscheduleEntries, type DueEntry, type NewEvent, type ScheduledEvent } from '../db/repositories/outbox';
import { eesEvent } from './events';
import { verdict, type ScheduledType } from './rules';

/** Scheduled entries handled per transaction: the write lock is held for milliseconds. */
export const SCHEDULE_BATCH = 500;

export interface ScheduleReport {
  /** Events queued (reminders and expiry alerts). */
  queued: number;
  /** Entries dropped: message read, expired or gone. */
  dropped: number;
  /** Entries moved to a later due time (the message's dates changed). */
  moved: number;
}

/**
 * Queues the reminders and expiry alerts due at `now`. Each batch is one
 * transaction: events queued, entries removed or moved. The cost follows what
 * is due, read through the ees_schedule_due index, not the size of the store.
 * Idempotent: an event is unique per message and type, so a sweep repeated,
 * interrupted or racing another instance queues nothing twice. `stopping` is
 * asked between batches.
 */
export async function queueDueEvents(db: Knex, now: number, stopping: () => boolean = () => false, batch = SCHEDULE_BATCH): Promise<ScheduleReport> {
  const report: ScheduleReport = { queued: 0, dropped: 0, moved: 0 };
  while (!stopping()) {
    const handled = await db.transaction(async (trx) => {
      const due = await dueEntries(trx, now, batch);
      const events: NewEvent[] = [];
      const done: DueEntry[] = [];
      const moved: ScheduledEvent[] = [];
      for (const entry of due) {
        const v = verdict(entry.eventType as ScheduledType, entry.message, now);
        if ('later' in v) {
          moved.push({ ...entry, dueAt: v.later });
          continue;
        }
        done.push(entry);
        if ('send' in v && entry.message) events.push(eesEvent(entry.eventType, entry.message));
      }
      await enqueueEvents(trx, events, now);
      await unscheduleEntries(trx, done);
      await scheduleEvents(trx, moved);
      report.queued += events.length;
      report.dropped += done.length - events.length;
      report.moved += moved.length;
      return due.length;
    });
    // Every entry read was removed or moved past `now`: the next batch reads new ones.
    if (handled < batch) break;
  }
  return report;
}

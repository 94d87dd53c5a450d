import { DateTime } from 'luxon';

/** The zone in which the e-Box's calendar-day criteria are read. */
export const EBOX_ZONE = 'Europe/Brussels';

/** The contract's date-time shape, yyyy-MM-dd'T'HH:mm:ssXXX, in UTC. */
export function toDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The instant a calendar day (YYYY-MM-DD, already validated) starts in Brussels, as epoch ms. */
export function startOfDay(day: string): number {
  return DateTime.fromISO(day, { zone: EBOX_ZONE }).startOf('day').toMillis();
}

/** The instant the day after `day` starts in Brussels: the exclusive end of `day`. */
export function endOfDay(day: string): number {
  return DateTime.fromISO(day, { zone: EBOX_ZONE }).startOf('day').plus({ days: 1 }).toMillis();
}

export type PeriodUnit = 'day' | 'month' | 'year';

/**
 * The instant `count` days, months or years after `epochMs`, on Brussels
 * calendars: a month from 31 January is the last day of February, and a day
 * keeps its wall-clock time across a change of summer time.
 */
export function addPeriod(epochMs: number, count: number, unit: PeriodUnit): number {
  const units = { day: 'days', month: 'months', year: 'years' } as const;
  return DateTime.fromMillis(epochMs, { zone: EBOX_ZONE })
    .plus({ [units[unit]]: count })
    .toMillis();
}

/** The Brussels calendar day (YYYY-MM-DD) of an instant. */
export function dayOf(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: EBOX_ZONE }).toISODate() ?? '';
}

/** Whole calendar days from one day (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** A date-time moved by whole Brussels calendar days, keeping its wall-clock time there; in the contract's UTC form. */
export function shiftDays(dateTime: string, days: number): string {
  return toDateTime(DateTime.fromISO(dateTime, { zone: EBOX_ZONE }).plus({ days }).toMillis());
}

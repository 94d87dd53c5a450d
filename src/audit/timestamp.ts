import { DateTime } from 'luxon';
import { EBOX_ZONE } from '../domain/dates';

/** Now, in epoch microseconds (Date alone has milliseconds only). */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

/** ISO 8601 with microseconds and the Brussels offset, e.g. 2026-11-21T07:20:47.123456+01:00. */
export function auditTimestamp(micros: number): string {
  const t = DateTime.fromMillis(Math.floor(micros / 1000), { zone: EBOX_ZONE });
  return `${t.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}${String(micros % 1000).padStart(3, '0')}${t.toFormat('ZZ')}`;
}

/**
 * Conversions at the driver boundary. SQLite hands back 0/1 for booleans and
 * numbers for bigints; PostgreSQL hands back booleans and strings for bigints.
 */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function jsonOrUndefined<T>(value: unknown): T | undefined {
  return value === null || value === undefined ? undefined : json<T>(value);
}

export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * A list cut in parts small enough for one statement's bound parameters
 * (SQLite allows 32,766, PostgreSQL 65,535): ids from a request or an import
 * are sent in these parts, never in one IN list of any length.
 */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

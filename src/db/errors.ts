/**
 * Driver errors that say the store cannot serve right now (locked by another
 * writer, read-only, full, unreachable), as opposed to a fault in a query.
 * Callers answer these with 503 and Retry-After: retrying later can succeed.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)/;
// PostgreSQL SQLSTATE classes 08 (connection), 53 (insufficient resources),
// 57P (operator intervention: shutdown, crash recovery).
const POSTGRES_UNAVAILABLE = /^(08|53|57P)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

export function isStoreUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, name } = err as { code?: unknown; name?: unknown };
  // knex gives up waiting for a pooled connection with this error.
  if (name === 'KnexTimeoutError') return true;
  if (typeof code !== 'string') return false;
  return SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || NETWORK.has(code);
}

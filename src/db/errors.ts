/**
 * Driver errors that say the store cannot serve right now (locked by another
 * writer, read-only, full, unreachable, too slow), as opposed to a fault in a
 * query. Callers answer these with 503 and Retry-After: retrying later can succeed.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)/;
// PostgreSQL SQLSTATE classes 08 (connection), 53 (insufficient resources),
// 57P (operator intervention: shutdown, crash recovery), 57014 (statement_timeout
// or a cancel), 55P03 (lock_timeout), 40001 and 40P01 (a serialization failure or
// a deadlock: the transaction was rolled back whole and can be retried as it is),
// 25P03 (idle_in_transaction_session_timeout).
const POSTGRES_UNAVAILABLE = /^(08|53|57P|57014$|55P03$|40001$|40P01$|25P03$)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/**
 * node-postgres reports a lost connection, its connectionTimeoutMillis and its
 * query_timeout with these messages and no code (knex puts the statement in front).
 */
const PG_CONNECTION_LOST =
  /(Connection terminated|Connection terminated unexpectedly|Connection terminated due to connection timeout|Query read timeout|timeout expired|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

export function isStoreUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown };
  // knex gives up waiting for a pooled connection with this error.
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string') return SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || NETWORK.has(code);
  return typeof message === 'string' && PG_CONNECTION_LOST.test(message);
}

/**
 * DATABASE_URL is malformed, or names a database that cannot be used. Its
 * message is one line naming the setting, the password masked: start-up stops
 * with it, without a stack trace.
 */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/** Another process held the migration lock longer than this one may wait for it. */
export class MigrationLockTimeout extends Error {
  override name = 'MigrationLockTimeout';

  constructor(readonly waitedMs: number) {
    super(
      `another process has been migrating this database for over ${Math.round(waitedMs / 1000)} s; ` +
        'gave up waiting for it (start again once it is done, or look for a migration that hangs)',
    );
  }
}

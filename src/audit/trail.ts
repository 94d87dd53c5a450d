import { Readable } from 'node:stream';
import type { Db } from '../db/types';
import { appendAudit, type AuditRecord } from '../db/repositories/audit';
import { auditUnavailable } from '../http/errors';
import type { AppContext, AppMiddleware } from '../http/state';
import { safeError, type Logger } from '../log';
import { sha256Hex } from '../domain/hash';
import type { AuditContext, Identified } from './context';
import { auditDetails, isAudited } from './details';
import { auditTimestamp, nowMicros } from './timestamp';

const READS = new Set(['GET', 'HEAD']);

/**
 * The audit trail (ATREQ01–04). Reads are recorded only when they succeed, in
 * batches written shortly after the response so that consultation is not
 * slowed; writes are recorded always once the caller is authenticated, within
 * the write's own transaction when it succeeds, directly otherwise. It fails
 * closed: while records cannot be written they stay queued and are retried,
 * and once that has lasted longer than a short tolerance, reads are refused
 * (503) until the trail is writable again.
 */
export class AuditTrail {
  private queue: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** When the flushes started failing (undefined while they succeed). */
  private failingSince: number | undefined;
  private retryMs: number;
  /** Counters an operator watches (logged with every failure). */
  readonly stats = { written: 0, failedFlushes: 0, refusedReads: 0 };
  private readonly batchListeners: ((size: number) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly flushMs = 200,
    private readonly maxBatch = 500,
    /** Records kept in memory while the store refuses them; past this, reads are refused too. */
    private readonly maxQueued = 10_000,
    /**
     * How long flushes may keep failing before reads are refused: a writer
     * holding the lock for a moment (an import's batch) delays the records,
     * a store that stays unwritable (full, read-only, down) stops the reads.
     */
    private readonly toleranceMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {
    this.retryMs = flushMs;
  }

  /**
   * Records every audited call once the response is decided and before it is
   * sent (Koa writes it after this middleware returns): a read is served only
   * while its record can be kept; otherwise the answer becomes a 503.
   */
  middleware(): AppMiddleware {
    return async (ctx, next) => {
      const audit: AuditContext = { atMicros: nowMicros() };
      ctx.state.audit = audit;
      await next();
      const { identity, operationId } = audit;
      if (!identity || !operationId || audit.recorded || !isAudited(operationId)) return;
      const read = READS.has(ctx.method);
      if (read && ctx.status >= 400) return;
      const record = this.build({ ...audit, identity, operationId }, ctx.method, ctx.originalUrl, ctx.status, audit.body ?? ctx.request.body);
      if (read) {
        this.admitRead(ctx);
        this.enqueue(record);
      } else {
        await this.appendFailedWrite(record);
      }
    };
  }

  /** Writes the success record of a write operation inside its transaction. */
  async recordWithin(trx: Db, audit: Identified, method: string, url: string, body: unknown, status = 200): Promise<void> {
    await appendAudit(trx, [this.build(audit, method, url, status, body)]);
    audit.recorded = true;
  }

  /** Writes what is queued; called on shutdown and by tests. Records that cannot be written stay queued. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writeQueued());
    await this.flushing;
  }

  /** Tells `listener` the size of every batch of records written (the metrics' audit batch size). */
  onBatchWritten(listener: (size: number) => void): void {
    this.batchListeners.push(listener);
  }

  /** Whether reads are being served: false once the trail has been unwritable for longer than the tolerance. */
  get healthy(): boolean {
    const failingFor = this.failingSince === undefined ? 0 : this.now() - this.failingSince;
    return failingFor <= this.toleranceMs && this.queue.length < this.maxQueued;
  }

  private admitRead(ctx: AppContext): void {
    if (this.healthy) return;
    this.stats.refusedReads++;
    // Not served: the bytes or the body prepared for this read are dropped.
    if (ctx.body instanceof Readable) ctx.body.destroy();
    throw auditUnavailable();
  }

  /** A failed write was not recorded with its transaction: record it now, or keep it queued and say so loudly. */
  private async appendFailedWrite(record: AuditRecord): Promise<void> {
    try {
      await appendAudit(this.db, [record]);
      this.stats.written++;
    } catch (err) {
      this.log.error({ err: safeError(err), queued: this.queue.length + 1 }, 'audit record of a write could not be written; queued for retry');
      this.queue.push(record);
      this.scheduleRetry();
    }
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch);
      try {
        await appendAudit(this.db, batch);
      } catch (err) {
        this.stats.failedFlushes++;
        if (this.failingSince === undefined) {
          this.log.error({ err: safeError(err), queued: this.queue.length, stats: this.stats }, 'audit records could not be written; retrying, and reads are refused if this lasts');
        }
        this.failingSince ??= this.now();
        this.scheduleRetry();
        return;
      }
      // Only now are they durable: until then they stay queued, and a failed flush loses none.
      this.queue.splice(0, batch.length);
      this.stats.written += batch.length;
      for (const listener of this.batchListeners) listener(batch.length);
      if (this.failingSince !== undefined) this.log.info({ stats: this.stats }, 'audit trail writable again');
      this.failingSince = undefined;
      this.retryMs = this.flushMs;
    }
  }

  private enqueue(record: AuditRecord): void {
    this.queue.push(record);
    if (this.queue.length >= this.maxBatch && this.failingSince === undefined) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Retries back off up to 5 s, so a store that stays down is not hammered. */
  private scheduleRetry(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  private build(audit: Identified, method: string, url: string, status: number, body: unknown): AuditRecord {
    const { identity } = audit;
    return {
      atMicros: audit.atMicros,
      TIMESTAMP: auditTimestamp(audit.atMicros),
      SUBJECT_TOKEN_HASHED: identity.tokenHash,
      CLIENT_ID: identity.clientId,
      API_CALL_REQUEST_METHOD: method,
      API_CALL_REQUEST_URL: withHashedSearch(url),
      API_CALL_RESPONSE_CODE: status,
      API_CALL_DETAILS: auditDetails(audit.operationId, audit.params ?? {}, audit.result, body),
    };
  }
}

/** The text searched (`q`) may be a national number: it is kept as its SHA-256 only. */
function withHashedSearch(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return url;
  const params = new URLSearchParams(query);
  const q = params.get('q');
  if (q === null) return url;
  params.set('q', `sha256:${sha256Hex(q)}`);
  return `${path}?${params.toString()}`;
}

import type { Db } from '../db/types';
import { appendAudit, type AuditRecord } from '../db/repositories/audit';
import type { AppMiddleware } from '../http/state';
import type { Logger } from '../log';
import { sha256Hex } from '../domain/hash';
import type { AuditContext, Identified } from './context';
import { auditDetails, isAudited } from './details';
import { auditTimestamp, nowMicros } from './timestamp';

const READS = new Set(['GET', 'HEAD']);

/**
 * The audit trail (ATREQ01–04). Reads are recorded only when they succeed, in
 * batches written shortly after the response so that consultation is not
 * slowed; writes are recorded always once the caller is authenticated, within
 * the write's own transaction when it succeeds, directly otherwise.
 */
export class AuditTrail {
  private queue: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly flushMs = 200,
    private readonly maxBatch = 500,
  ) {}

  middleware(): AppMiddleware {
    return async (ctx, next) => {
      const audit: AuditContext = { atMicros: nowMicros() };
      ctx.state.audit = audit;
      await next();
      const { identity, operationId } = audit;
      if (!identity || !operationId || audit.recorded || !isAudited(operationId)) return;
      const read = READS.has(ctx.method);
      if (read && ctx.status >= 400) return;
      const record = this.build({ ...audit, identity, operationId }, ctx.method, ctx.originalUrl, ctx.status, ctx.request.body);
      if (read) this.enqueue(record);
      else await appendAudit(this.db, [record]);
    };
  }

  /** Writes the success record of a write operation inside its transaction. */
  async recordWithin(trx: Db, audit: Identified, method: string, url: string, body: unknown): Promise<void> {
    await appendAudit(trx, [this.build(audit, method, url, 200, body)]);
    audit.recorded = true;
  }

  /** Writes what is queued; called on shutdown and by tests. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(async () => {
      try {
        await appendAudit(this.db, batch);
      } catch (err) {
        this.log.error({ err, lost: batch.length }, 'audit records could not be written');
      }
    });
    await this.flushing;
  }

  private enqueue(record: AuditRecord): void {
    this.queue.push(record);
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
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

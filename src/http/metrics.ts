import type Router from '@koa/router';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/types';
import { PROBE_PATHS } from './probes';
import type { AppMiddleware, RequestState } from './state';

/** The pool figures knex's pool (tarn) gives; knex does not type its client's pool. */
interface PoolFigures {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export const METRICS_PATH = '/metrics';

/** Paths outside the contract that get a label of their own; anything else unrouted is "none", so that labels stay few. */
const OWN_PATHS = new Set([...PROBE_PATHS, METRICS_PATH]);

/**
 * The provider's metrics in Prometheus's text format (prom-client), one
 * registry per app: request durations by operation and status, requests in
 * progress, the database pool and its query errors, the audit trail's batch
 * sizes, and the process (CPU, memory, event loop lag, GC).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'operation' | 'method' | 'status'>;
  private readonly inFlight: Gauge;
  private readonly auditBatch: Histogram;

  constructor(db: Db) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.duration = new Histogram({
      name: 'ebox_http_request_duration_seconds',
      help: 'Time from the request to the answer, by contract operationId (or probe path) and status',
      labelNames: ['operation', 'method', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.inFlight = new Gauge({ name: 'ebox_http_requests_in_flight', help: 'Requests being served', registers });
    const pool = (db.client as { pool?: PoolFigures }).pool;
    new Gauge({
      name: 'ebox_db_pool_connections',
      help: 'Database connections of the pool: used, free, and acquisitions waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        if (pool === undefined) return;
        this.set({ state: 'used' }, pool.numUsed());
        this.set({ state: 'free' }, pool.numFree());
        this.set({ state: 'pending' }, pool.numPendingAcquires());
      },
    });
    const queryErrors = new Counter({ name: 'ebox_db_query_errors_total', help: 'Database queries that failed', registers });
    db.on('query-error', () => queryErrors.inc());
    this.auditBatch = new Histogram({
      name: 'ebox_audit_batch_size',
      help: 'Audit records written per batch',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers,
    });
  }

  /** For AuditTrail.onBatchWritten. */
  readonly observeAuditBatch = (size: number): void => this.auditBatch.observe(size);

  /** Outermost but for request ids: it sees every request, and the status actually sent. */
  middleware(): AppMiddleware {
    return async (ctx, next) => {
      this.inFlight.inc();
      const started = process.hrtime.bigint();
      try {
        await next();
      } finally {
        this.inFlight.dec();
        const operation = ctx.state.operationId ?? (OWN_PATHS.has(ctx.path) ? ctx.path : 'none');
        this.duration.observe({ operation, method: ctx.method, status: String(ctx.status) }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
  }

  mount(router: Router<RequestState>): void {
    router.get(METRICS_PATH, async (ctx) => {
      ctx.set('Content-Type', this.registry.contentType);
      ctx.body = await this.registry.metrics();
    });
  }
}

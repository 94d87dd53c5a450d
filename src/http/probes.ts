import type Router from '@koa/router';
import { answersWithin } from '../db/connect';
import type { Db } from '../db/types';
import { auditUnavailable, serviceStarting, serviceStopping, storeUnavailable } from './errors';
import type { AppMiddleware, RequestState } from './state';

/** How long the readiness probe waits for the database: a load balancer's probe has a timeout of its own, often 1–5 s. */
const DATABASE_PROBE_MS = 2_000;

/**
 * Whether this instance may take traffic. The server listens before its
 * migrations run (they may wait minutes for another instance's), so that
 * the liveness probe answers and the readiness probe says why not.
 */
export class Readiness {
  private migrated = false;
  private stopping = false;

  get started(): boolean {
    return this.migrated;
  }

  get stopped(): boolean {
    return this.stopping;
  }

  markMigrated(): void {
    this.migrated = true;
  }

  /** A graceful stop began: the load balancer should send no more requests here. */
  markStopping(): void {
    this.stopping = true;
  }
}

/** Refuses every request but the probes until the schema is up to date: the store cannot answer before. */
export function untilStarted(readiness: Readiness, probePaths: string[]): AppMiddleware {
  return async (ctx, next) => {
    if (!readiness.started && !probePaths.includes(ctx.path)) throw serviceStarting();
    await next();
  };
}

export interface ProbeDeps {
  db: Db;
  readiness: Readiness;
  /** The audit trail: an instance that cannot audit refuses consultations, so it is not ready either. */
  audit: { readonly healthy: boolean };
}

export const PROBE_PATHS = ['/health', '/ready'];

/**
 * GET /health, liveness: the process serves HTTP. It does not ask the
 * database: an orchestrator restarting every instance because the database
 * is down would only add to the outage.
 *
 * GET /ready, readiness: migrations done, not stopping, the database answers within
 * DATABASE_PROBE_MS, the audit trail is writing. Otherwise 503 with the
 * StatusMessage of what the contract's operations would answer now.
 */
export function mountProbes(router: Router<RequestState>, { db, readiness, audit }: ProbeDeps): void {
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    if (!readiness.started) throw serviceStarting();
    if (readiness.stopped) throw serviceStopping();
    if (!(await answersWithin(db, DATABASE_PROBE_MS))) throw storeUnavailable();
    if (!audit.healthy) throw auditUnavailable();
    ctx.body = { status: 'ready' };
  });
}

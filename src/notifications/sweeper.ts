import type { Knex } from 'knex';
import type { BlobStore } from '../blobs/blob-store';
import { safeError, type Logger } from '../log';
import { collectOrphanBlobs, purgeExpired, type PurgeReport } from './retention';
import { queueDueEvents, type ScheduleReport } from './schedules';

export interface SweepSettings {
  intervalMs: number;
  retentionDaysAfterExpiry: number;
}

export interface SweepReport {
  schedules: ScheduleReport;
  purge: PurgeReport;
  blobsDeleted: number;
  durationMs: number;
}

/**
 * The periodic sweep, in the server process: reminders and expiry alerts that
 * fell due, then retention (expired messages purged, their blobs collected).
 * One right after start-up, then one every intervalMs after the previous one
 * ended. Several instances may sweep at once: the work is idempotent and, on
 * PostgreSQL, shared row by row.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Knex,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    private readonly settings: SweepSettings,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Ends the loop; a sweep in progress stops after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async sweep(): Promise<SweepReport> {
    const started = performance.now();
    const now = this.now();
    const stopping = () => this.stopped;
    const schedules = await queueDueEvents(this.db, now, stopping);
    const purge = await purgeExpired(this.db, now, this.settings.retentionDaysAfterExpiry, stopping);
    const blobsDeleted = await collectOrphanBlobs(this.db, this.blobs, now, stopping);
    const report = { schedules, purge, blobsDeleted, durationMs: Math.round(performance.now() - started) };
    const busy = schedules.queued + schedules.dropped + schedules.moved + purge.messages + blobsDeleted > 0;
    this.log[busy ? 'info' : 'debug'](report, 'sweep done');
    return report;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((err: unknown) => this.log.warn({ err: safeError(err) }, 'sweep failed; the next one takes over'))
        .finally(() => this.schedule(this.settings.intervalMs));
    }, ms);
    this.timer.unref();
  }
}

import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { EesConfig } from '../config';
import {
  claimEvents,
  hasClaimableEvents,
  markDelivered,
  markFailed,
  markRetry,
  recordLastAnswer,
  releaseLeases,
  renewLease,
  type EesAnswer,
  type OutboxEvent,
} from '../db/repositories/outbox';
import { safeError, type Logger } from '../log';
import { backoffMs } from './backoff';
import type { Delivery } from './ees-client';

export type DispatcherSettings = Pick<EesConfig, 'batchSize' | 'pollMs' | 'timeoutMs' | 'retryMinMs' | 'retryMaxMs'>;

/** What posts events: the EES client, or anything answering like it. */
export interface Poster {
  post(events: unknown[], signal: AbortSignal): Promise<Delivery>;
}

/** What a round of the dispatcher came to, and so when the next one runs. */
export type Round = 'idle' | 'more' | 'paused';

/**
 * A lease covers a POST and the token request before it, with room to
 * spare; a dispatcher that dies holding one (kill -9) delays its events by
 * this much at most.
 */
export function leaseMs(settings: Pick<EesConfig, 'timeoutMs'>): number {
  return 2 * settings.timeoutMs + 1_000;
}

/**
 * Delivers the outbox to the EES, in the server process, away from the
 * request path: consultation never waits for it, and an EES that is slow or
 * down only makes events wait.
 *
 * Each round claims up to batchSize due events (a lease in the database, so
 * that several instances never send one event twice in the normal course)
 * and posts them as one array. The answer decides:
 * - 2xx: delivered;
 * - 409: the EES already has them. For one event, delivered; a batch is split
 *   in halves and each half posted again, since the EES may have stored none
 *   of a batch in which it found one duplicate;
 * - another 4xx: the EES will not take them as they are. One event is parked
 *   as `failed` with the answer, logged; a batch is split the same way, so that
 *   one bad event does not park its neighbours;
 * - no answer, a timeout, 5xx (also 408, 429): retried with exponential
 *   backoff and jitter, per event (next_attempt_at) and for the whole
 *   dispatcher, which pauses as long, so an EES that is down gets one POST per
 *   pause, not one per batch in the backlog.
 * An event keeps its eventCorrelationId across retries, so the EES recognises
 * one sent twice (after a crash between its 201 and our commit) and answers 409.
 */
export class Dispatcher {
  /** Counters an operator watches (logged with outages and their end). */
  readonly stats = { posts: 0, delivered: 0, duplicates: 0, retried: 0, parked: 0 };
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly abort = new AbortController();
  /** Consecutive rounds the EES could not be reached: the length of the current outage. */
  private failures = 0;

  constructor(
    private readonly db: Knex,
    private readonly client: Poster,
    private readonly log: Logger,
    private readonly settings: DispatcherSettings,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Stops the loop: a POST in flight is abandoned and its events given back, due again at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.loop;
  }

  /** One round: claims due events and posts them (public for tests that drive the dispatcher step by step). */
  async round(): Promise<Round> {
    const now = this.now();
    // A read first: on SQLite the claim takes the write lock, which an empty outbox should not cost.
    if (!(await hasClaimableEvents(this.db, now))) return 'idle';
    const token = randomUUID();
    const lease = leaseMs(this.settings);
    const claimed = await claimEvents(this.db, { now, until: now + lease, token, limit: this.settings.batchSize });
    if (claimed.length === 0) return 'idle';

    const queue: OutboxEvent[][] = [claimed];
    let group: OutboxEvent[] | undefined;
    while ((group = queue.shift()) !== undefined) {
      if (group !== claimed) {
        // Splitting a batch posts again under the same lease: extend it, and drop what it no longer holds.
        const held = await renewLease(
          this.db,
          group.map((e) => e.id),
          token,
          this.now() + lease,
        );
        group = group.filter((e) => held.has(e.id));
        if (group.length === 0) continue;
      }
      const delivery = await this.client.post(
        group.map((e) => e.payload),
        this.abort.signal,
      );
      if (this.abort.signal.aborted) {
        await releaseLeases(this.db, [group, ...queue].flat().map((e) => e.id), token);
        return 'idle';
      }
      this.stats.posts++;
      if (delivery.kind === 'unavailable') {
        await this.retryLater([group, ...queue].flat(), token, delivery.answer);
        return 'paused';
      }
      if (delivery.kind !== 'accepted' && group.length > 1) {
        const half = Math.ceil(group.length / 2);
        queue.unshift(group.slice(0, half), group.slice(half));
        await this.record(delivery.answer, group.length, async () => {});
        continue;
      }
      await this.settle(group, token, delivery);
    }
    if (this.failures > 0) {
      this.log.info({ outageRounds: this.failures, stats: this.stats }, 'the EES takes events again');
      this.failures = 0;
    }
    return claimed.length === this.settings.batchSize ? 'more' : 'idle';
  }

  /** How long the dispatcher pauses after the current outage's failures. */
  get pauseMs(): number {
    return backoffMs(this.failures, this.settings.retryMinMs, this.settings.retryMaxMs, this.random);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.loop = this.next();
    }, ms);
    // Never what keeps a process alive: stop() ends the loop, and a crash loses nothing.
    this.timer.unref();
  }

  private async next(): Promise<void> {
    let wait = this.settings.pollMs;
    try {
      const round = await this.round();
      if (round === 'more') wait = 0;
      if (round === 'paused') wait = this.pauseMs;
    } catch (err) {
      // The outbox itself could not be read or updated (store busy or down): events wait, nothing is lost.
      this.log.warn({ err: safeError(err) }, 'the event outbox could not be read or updated; trying again');
    }
    this.schedule(wait);
  }

  /** Applies a final answer about one event, or about a batch the EES accepted whole. */
  private async settle(group: OutboxEvent[], token: string, delivery: Delivery): Promise<void> {
    const ids = group.map((e) => e.id);
    const now = this.now();
    if (delivery.kind === 'refused') {
      await this.record(delivery.answer, group.length, (trx) => markFailed(trx, ids, token, delivery.answer, now));
      this.stats.parked += group.length;
      const [event] = group;
      this.log.error(
        { eventId: event.id, eventType: event.eventType, messageId: event.messageId, status: delivery.answer.status, answer: delivery.answer.answer },
        'the EES refused an event: parked as failed (`ebox-events retry-failed` puts it back)',
      );
      return;
    }
    await this.record(delivery.answer, group.length, (trx) => markDelivered(trx, ids, delivery.answer, now));
    if (delivery.kind === 'duplicate') {
      this.stats.duplicates += group.length;
      this.log.info({ eventId: group[0].id, eventType: group[0].eventType }, 'the EES already had an event (409): marked delivered');
    } else {
      this.stats.delivered += group.length;
      this.log.debug({ events: group.length, status: delivery.answer.status }, 'events delivered to the EES');
    }
  }

  private async retryLater(events: OutboxEvent[], token: string, answer: EesAnswer): Promise<void> {
    this.failures++;
    const attempt = Math.max(this.failures, ...events.map((e) => e.attempts + 1));
    const now = this.now();
    const delay = backoffMs(attempt, this.settings.retryMinMs, this.settings.retryMaxMs, this.random);
    const ids = events.map((e) => e.id);
    await this.record(answer, events.length, (trx) => markRetry(trx, ids, token, now + delay, answer, now));
    this.stats.retried += events.length;
    // One warning per outage; its end is logged at info. The answer says why (a status, a timeout, a refused connection).
    const level = this.failures === 1 ? 'warn' : 'debug';
    this.log[level]({ events: events.length, answer: answer.answer, retryInMs: delay, outageRounds: this.failures }, 'the EES did not take events; they will be sent again');
  }

  /** An outcome and the latest answer, committed together. */
  private async record(answer: EesAnswer, events: number, mark: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
    await this.db.transaction(async (trx) => {
      await mark(trx);
      await recordLastAnswer(trx, answer, events, this.now());
    });
  }
}

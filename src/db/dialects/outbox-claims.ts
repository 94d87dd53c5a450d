import type { Knex } from 'knex';
import type { Db } from '../types';
import type { EventClaim } from './dialect';

/** The ids of the events a claim may take: pending, due, and not leased to a dispatcher (or its lease ran out). */
export function claimableEventIds(db: Db, claim: EventClaim): Knex.QueryBuilder {
  return db('ees_events')
    .select('id')
    .where('state', 'pending')
    .andWhere('next_attempt_at', '<=', claim.now)
    .andWhere((q) => {
      q.whereNull('claimed_until').orWhere('claimed_until', '<', claim.now);
    })
    .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
    .limit(claim.limit);
}

/** One UPDATE … RETURNING: the rows whose ids `ids` selects, leased to the claim, as they are after the lease. */
export function leaseEvents(db: Db, ids: Knex.QueryBuilder, claim: EventClaim): Promise<Record<string, unknown>[]> {
  return db('ees_events').whereIn('id', ids).update({ claimed_until: claim.until, claim_token: claim.token }, '*');
}

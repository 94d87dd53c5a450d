import type { Db } from '../types';
import { keepPlan } from '../connect';
import { int, intOrNull } from '../rows';

/** How many totals an instance remembers unless SEARCH_TOTALS says otherwise: a few MB at most. */
export const DEFAULT_SEARCH_TOTALS = 10_000;

/**
 * How many own-text match ids an instance keeps, over all its remembered
 * searches (SearchFound.ownIds): about 10 MB of strings. The least recently
 * used searches are forgotten first to make room.
 */
export const REMEMBERED_IDS = 100_000;

/**
 * The totals of recent searches, per e-Box and criteria, remembered while
 * they stay exact, with what decides how their pages are read (SearchFound).
 * The portal asks for a search's total with every page of it; a needle
 * found in all 100,000 messages of an e-Box costs 28 ms on SQLite and 60 ms
 * on PostgreSQL to count (1,000,000 messages), each time.
 *
 * A total depends on the e-Box's messages and on the time (expired messages
 * drop out); the rest of SearchFound on the e-Box's messages alone. It is
 * kept with
 * - the sum of the e-Box's ebox_tallies.changes, which grows with every write
 *   of one of its messages (migration 20261220000000), and
 * - the next instant at which one of the e-Box's messages expires,
 * and used again only while the sum is the same and that instant has not
 * come. The two are read before the request matches or counts anything: a
 * write committed meanwhile may be counted already, but it moved the sum, so
 * the next request counts again.
 * Each instance keeps its own totals; the sum is read from the database on
 * every request, so a write through any instance is seen by all.
 *
 * Criteria are part of the key as given (the e-Box comes from the token), so
 * totals are never shared between e-Boxes. The reference data whose names
 * match a needle is looked up on every request and also part of the key:
 * renaming a message type changes which totals are asked for.
 */
export class SearchTotals {
  private readonly totals = new Map<string, Remembered>();
  /** The ids held by the remembered searches, in all. */
  private ids = 0;

  /** At most `entries` totals and `maxIds` ids, the least recently used forgotten first; 0 entries remembers none. */
  constructor(
    private readonly entries: number,
    private readonly maxIds = REMEMBERED_IDS,
  ) {}

  /**
   * What the e-Box's totals are kept against, read before anything of the
   * request is counted or matched; undefined when none are remembered.
   */
  async stateOf(db: Db, eboxId: string, now: number): Promise<EboxState | undefined> {
    return this.entries === 0 ? undefined : eboxState(db, eboxId, now);
  }

  /** What is remembered of `key` if it is still exact in `state`, and how to remember it anew. */
  recall(key: string, state: EboxState, now: number): Recall {
    const known = this.totals.get(key);
    if (known && known.changes === state.changes && now < known.validUntil) {
      // Most recently used last: Map keeps insertion order.
      this.totals.delete(key);
      this.totals.set(key, known);
      const { total, manyOwnMatches, ownIds } = known;
      return { known: { total, manyOwnMatches, ownIds }, remember: () => undefined };
    }
    return {
      known: undefined,
      remember: (found) => {
        this.forget(key);
        const held = found.ownIds?.length ?? 0;
        // A search holding more ids than all may is remembered without them.
        const remembered = held > this.maxIds ? { ...found, ownIds: undefined } : found;
        this.totals.set(key, { ...remembered, ...state });
        this.ids += remembered.ownIds?.length ?? 0;
        while (this.totals.size > this.entries || this.ids > this.maxIds) this.forget(this.totals.keys().next().value as string);
      },
    };
  }

  private forget(key: string): void {
    this.ids -= this.totals.get(key)?.ownIds?.length ?? 0;
    this.totals.delete(key);
  }
}

export interface EboxState {
  changes: number;
  /** Epoch ms: the first expiration among the e-Box's messages not expired then. */
  validUntil: number;
}

/** What a search found that holds while the e-Box's messages do not change. */
export interface SearchFound {
  total: number;
  /**
   * Whether more than the dialect's fewOwnMatches messages match the needle
   * by their own text: a search asks the text index for that many before it
   * chooses how to read its page (7,000 ids on PostgreSQL), not needed again.
   */
  manyOwnMatches: boolean;
  /**
   * The ids of the own-text matches when they are few (not manyOwnMatches):
   * the page and the count are read from them, and finding them is most of
   * what a repeated narrow search costs (a dossier number fragment: 20-45 ms
   * at 1,000,000 messages, the text index reading the posting lists of
   * trigrams that every message of a year holds).
   */
  ownIds?: string[];
}

interface Remembered extends EboxState, SearchFound {}

export interface Recall {
  known: SearchFound | undefined;
  remember(found: SearchFound): void;
}

/**
 * The e-Box's change count and its next expiration after `now`, in one
 * statement (one snapshot on PostgreSQL). The expiration comes from the top
 * of the e-Box's range in messages_ebox_expiration.
 */
async function eboxState(db: Db, eboxId: string, now: number): Promise<EboxState> {
  const row: Record<string, unknown> | undefined = await keepPlan(
    db
      .select({
        changes: db('ebox_tallies').where('ebox_id', eboxId).sum('changes'),
        next: db('messages').where('ebox_id', eboxId).andWhere('expiration_at', '>', now).min('expiration_at'),
      })
      .first(),
  );
  const next = intOrNull(row?.next);
  return { changes: int(row?.changes ?? 0), validUntil: next ?? Number.POSITIVE_INFINITY };
}

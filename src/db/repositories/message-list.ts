import type { Knex } from 'knex';
import { REFERENCE_KIND_NAMES, REFERENCE_KINDS, type ReferenceKind } from '../../domain/reference-kinds';
import type { Language } from '../../domain/translated-string';
import type { Db } from '../types';
import { dialectOf, tooShortForTrigrams, type IndexCountedSearch } from '../dialects';
import { keepPlan } from '../connect';
import { bool, int, intOrNull } from '../rows';
import { toMessageRecord, type MessageRecord } from './messages';
import type { Recall, SearchFound, SearchTotals } from './search-totals';

/**
 * The message list, its counts and the e-Box summary: which messages of an
 * e-Box match the list's criteria and text search, how many, and one page
 * of them in list order, each by the cheapest way the criteria allow.
 */

export interface EboxFigures {
  numberOfMessages: number;
  numberOfUnreadMessages: number;
  lastReceiptAt: number | null;
  lastConsultationAt: number | null;
  attachmentBytes: number;
}

/**
 * Figures over the e-Box's messages that have not expired at `now`, hidden
 * ones included: from its tallies, and the newest receipt from the top of
 * its index.
 */
export async function eboxFigures(db: Db, eboxId: string, now: number): Promise<EboxFigures> {
  const tallies = await liveTallies(db, eboxId, now);
  const newest = await keepPlan(
    db('messages')
      .where('ebox_id', eboxId)
      .andWhere(dialectOf(db).unindexed(db, 'expiration_at'), '>', now)
      .orderBy([
        { column: 'ebox_id', order: 'desc' },
        { column: 'receipt_at', order: 'desc' },
      ])
      .first('receipt_at'),
  );
  const ebox = await keepPlan(db('eboxes').where('ebox_id', eboxId).first());
  return {
    numberOfMessages: messagesIn(tallies),
    numberOfUnreadMessages: messagesIn(tallies.filter((t) => !t.readStatus)),
    lastReceiptAt: intOrNull(newest?.receipt_at),
    lastConsultationAt: intOrNull(ebox?.last_consultation_at),
    attachmentBytes: tallies.reduce((bytes, t) => bytes + t.attachmentBytes, 0),
  };
}

/** The e-Box's messages of one read status and visibility, and the sum of their attachment sizes. */
interface Tally {
  readStatus: boolean;
  visible: boolean;
  messages: number;
  attachmentBytes: number;
}

const messagesIn = (tallies: Tally[]) => tallies.reduce((n, t) => n + t.messages, 0);

/**
 * The e-Box's messages not expired at `now`, tallied by read status and
 * visibility: the tallies kept of every stored message (migration
 * 20261217000000) less the messages expired but not yet purged, counted from
 * the messages_ebox_expiration index. A few rows instead of a walk over the
 * e-Box's index (27 ms for 100,000 messages on SQLite). One statement, so
 * that PostgreSQL reads both parts in the same snapshot.
 */
async function liveTallies(db: Db, eboxId: string, now: number): Promise<Tally[]> {
  const expired = db('messages')
    .where('ebox_id', eboxId)
    .andWhere('expiration_at', '<=', now)
    .select('read_status', 'visible', db.raw('-1 as n'), db.raw('-attachment_bytes as bytes'));
  const stored = db('ebox_tallies').where('ebox_id', eboxId).select('read_status', 'visible', 'message_count as n', 'attachment_bytes as bytes');
  const rows: Record<string, unknown>[] = await keepPlan(
    db
      .from(stored.unionAll(expired).as('tally'))
      .groupBy('read_status', 'visible')
      .select('read_status', 'visible', db.raw('sum(n) as n'), db.raw('sum(bytes) as bytes')),
  );
  return rows.map((r) => ({ readStatus: bool(r.read_status), visible: bool(r.visible), messages: int(r.n), attachmentBytes: int(r.bytes) }));
}

/** List criteria compared as given, named as in the contract. */
export interface ExactCriteria {
  readStatus?: boolean;
  visible?: boolean;
  registeredMail?: boolean;
  messageTypeId?: string;
  senderOrganizationId?: string;
  senderApplicationId?: string;
}

/** Conjunctive filters of the message list; instants are epoch ms, upper bounds exclusive. */
export interface MessageCriteria extends ExactCriteria {
  eboxId: string;
  /** Messages that expired at or before this instant are never returned. */
  now: number;
  receivedFrom?: number;
  receivedUntil?: number;
  expiresFrom?: number;
  expiresUntil?: number;
  search?: { lang: Language; needle: string };
}

/** A condition to put on a query over `messages`, worked out beforehand. */
export type Filter = (q: Knex.QueryBuilder) => Knex.QueryBuilder;

/** The messages matching criteria, worked out beforehand. */
interface Matching {
  /** A query over `messages` keeping the matches. */
  query: () => Knex.QueryBuilder;
  /**
   * The search when more than the dialect's fewOwnMatches messages match it
   * by their own text: a page can then be found by testing the messages
   * meeting the other criteria one by one in list order (walkedPage).
   */
  tested?: TestedSearch;
  /**
   * The same when the search is the only criterion: it can then be counted
   * from the search index too (broadCount).
   */
  broad?: BroadSearch;
  /** What was remembered of the same search (SearchTotals), and how to remember its total. */
  recalled?: { total: number | undefined; remember(total: number): void };
  /** The e-Box's live messages, from its tallies: read once, however many steps ask. */
  live: () => Promise<number>;
  /** The plain list (no criteria): its page is read from the e-Box's index whatever the e-Box, so its plan is kept (keepPlan). */
  plain?: boolean;
}

/** A needle tested on messages' own text, one message at a time (ownTextTest). */
interface OwnTextSearch {
  counted: IndexCountedSearch;
  lang: Language;
  needle: string;
}

/** A search tested one message at a time: its own text, or a reference it names. */
interface TestedSearch extends OwnTextSearch {
  /** Keeps the messages naming reference data whose names contain the needle; undefined when none does. */
  naming?: Filter;
}

interface BroadSearch extends TestedSearch {
  /** Whether its own-text matches are found by a scan of the e-Box's search rows (denseOwnText). */
  scan: boolean;
  /** What the e-Box's newest messages showed of it, where they were tested already. */
  newest?: NewestTested;
}

/**
 * `recall`: what is remembered of a search, by its key. A search's total
 * depends, besides the e-Box's messages, on the criteria and on the
 * reference data whose names hold the needle, looked up on every request.
 */
async function matching(db: Db, c: MessageCriteria, recall?: (searchKey: string) => Recall): Promise<Matching> {
  let liveCount: Promise<number> | undefined;
  const live = () => (liveCount ??= liveMessages(db, c));
  if (!c.search) return { query: () => criteria(db, c), live, plain: otherCriteria(c).length === 0 };
  const { lang, needle } = c.search;
  const named = await namedBy(db, lang, needle);
  const recalled = recall?.(JSON.stringify([{ ...c, now: undefined }, named]));
  const counted = dialectOf(db).indexCountedSearch;
  const newest = counted && !recalled?.known ? await denseOwnText(db, c, { counted, lang, needle }) : undefined;
  const scan = newest?.dense ?? false;
  const search = await searchOf(db, c.eboxId, lang, needle, named, recalled?.known, scan);
  const tested = counted && search.broadOwnText ? { counted, lang, needle, naming: search.naming } : undefined;
  return {
    query: () => search.filter(criteria(db, c, search.byIds)),
    tested,
    broad: tested && otherCriteria(c).length === 0 ? { ...tested, scan, newest } : undefined,
    recalled: recalled && {
      total: recalled.known?.total,
      remember: (total) => recalled.remember({ total, manyOwnMatches: search.broadOwnText, ownIds: search.ownIds }),
    },
    live,
  };
}

/** The criteria given besides the e-Box, the time and the search. */
function otherCriteria(c: MessageCriteria): string[] {
  const always = new Set(['eboxId', 'now', 'search']);
  return Object.entries(c)
    .filter(([name, value]) => !always.has(name) && value !== undefined)
    .map(([name]) => name);
}

/**
 * `byIds`: the matches are named by id (a search matching few messages, and
 * no reference data), and the query should start from those ids. SQLite,
 * without statistics, believes an e-Box holds a handful of messages and
 * would rather walk its index testing each entry against the list: 20 ms
 * for 66 ids in an e-Box of 100,000, where their keys take a fraction of a
 * millisecond. The e-Box condition is then kept from choosing an index.
 */
function criteria(db: Db, c: MessageCriteria, byIds = false): Knex.QueryBuilder {
  const dialect = dialectOf(db);
  const q = db('messages')
    .where(byIds ? dialect.unindexed(db, 'messages.ebox_id') : db.ref('messages.ebox_id'), '=', c.eboxId)
    .andWhere(dialect.unindexed(db, 'messages.expiration_at'), '>', c.now);
  if (c.receivedFrom !== undefined) q.andWhere('messages.receipt_at', '>=', c.receivedFrom);
  if (c.receivedUntil !== undefined) q.andWhere('messages.receipt_at', '<', c.receivedUntil);
  if (c.expiresFrom !== undefined) q.andWhere('messages.expiration_at', '>=', c.expiresFrom);
  if (c.expiresUntil !== undefined) q.andWhere('messages.expiration_at', '<', c.expiresUntil);
  if (c.readStatus !== undefined) q.andWhere('messages.read_status', c.readStatus);
  if (c.visible !== undefined) q.andWhere('messages.visible', c.visible);
  if (c.registeredMail !== undefined) q.andWhere('messages.registered_mail', c.registeredMail);
  if (c.messageTypeId !== undefined) q.andWhere('messages.message_type_id', c.messageTypeId);
  if (c.senderOrganizationId !== undefined) q.andWhere('messages.sender_organization_id', c.senderOrganizationId);
  if (c.senderApplicationId !== undefined) q.andWhere('messages.sender_application_id', c.senderApplicationId);
  return q;
}

/**
 * A filter keeping the messages of `eboxId` (on a query over `messages`) whose
 * own text or whose sender organization's, application's or message type's
 * text in `lang` contains `needle`, already normalized (db/search-index.ts).
 * The empty needle, a substring of everything, keeps every message.
 */
export async function searchFilter(db: Db, eboxId: string, lang: Language, needle: string): Promise<Filter> {
  return (await searchOf(db, eboxId, lang, needle, await namedBy(db, lang, needle))).filter;
}

/**
 * The reference-data objects whose names contain the needle, by the message
 * column naming them: a scan of a few hundred short texts. They are named
 * in the search as literal ids: most needles (a dossier number, a person,
 * a quarter) match none, and the query is then the own-text match alone.
 * With the reference branch as subqueries instead, SQLite read the table
 * row of every message of the e-Box.
 */
async function namedBy(db: Db, lang: Language, needle: string): Promise<Named[]> {
  if (needle === '') return [];
  const found: { kind: ReferenceKind; reference_id: string }[] = await dialectOf(db).referenceMatches(db, lang, needle);
  return REFERENCE_KIND_NAMES.map((kind) => ({
    column: `messages.${REFERENCE_KINDS[kind].messageColumn}`,
    ids: found.filter((r) => r.kind === kind).map((r) => r.reference_id),
  })).filter((n) => n.ids.length > 0);
}

/**
 * searchFilter, given what the needle `named` (namedBy); whether more than
 * the dialect's fewOwnMatches messages match the needle by their own text,
 * and if not their ids (`known` when remembered: SearchTotals); and the
 * filter of the messages matching it by the names of the reference data
 * they name, if any.
 */
async function searchOf(
  db: Db,
  eboxId: string,
  lang: Language,
  needle: string,
  named: Named[],
  known?: SearchFound,
  scan = false,
): Promise<{ filter: Filter; broadOwnText: boolean; byIds: boolean; ownIds?: string[]; naming?: Filter }> {
  if (needle === '') return { filter: (q) => q, broadOwnText: false, byIds: false };
  const orNaming = (any: Knex.QueryBuilder) => {
    for (const { column, ids } of named) any.orWhereIn(column, ids);
  };
  const own = await ownTextMatches(db, eboxId, lang, needle, known, scan);
  const ids = own();
  const ownByIds = Array.isArray(ids);
  // A needle in no message's own text that names reference data matches by
  // those names alone: without the empty IN beside them (which knex writes
  // `1 = 0`), SQLite counts one type's 11,000 messages of 100,000 from the
  // (e-Box, type) index instead of walking the e-Box's.
  const namesOnly = ownByIds && ids.length === 0 && named.length > 0;
  return {
    filter: (q) =>
      q.where((any) => {
        if (!namesOnly) any.whereIn('messages.message_id', own());
        orNaming(any);
      }),
    broadOwnText: !ownByIds,
    byIds: ownByIds && named.length === 0,
    ownIds: ownByIds ? ids : undefined,
    naming: named.length === 0 ? undefined : (q) => q.where(orNaming),
  };
}

/** Reference data of one kind whose names match a needle: the message column naming it and their ids. */
interface Named {
  column: string;
  ids: string[];
}

/**
 * The messages of the e-Box whose own text matches, for whereIn (a
 * function: a knex query is a promise, which an async function would run):
 * their ids when there are at most the dialect's fewOwnMatches (asked for
 * with that limit, so a common needle costs that many rows here, not all
 * of them), else the subquery; what a remembered search (`known`) already
 * found is not asked for again.
 * Most needles (a dossier number, a name, a word nobody wrote) match few
 * messages; named as literal ids, the engine reads just those rows by
 * their key. As a subquery, SQLite, which cannot estimate what a text
 * index returns, walked the whole e-Box's index testing each entry against
 * it: 40 ms and more for a needle matching one message of 100,000.
 */
async function ownTextMatches(
  db: Db,
  eboxId: string,
  lang: Language,
  needle: string,
  known?: SearchFound,
  scan = false,
): Promise<() => Knex.QueryBuilder | string[]> {
  const dialect = dialectOf(db);
  const matches = () => dialect.searchMatches(db, eboxId, lang, needle, scan);
  if (known?.manyOwnMatches) return matches;
  const knownIds = known?.ownIds;
  if (knownIds) return () => knownIds;
  const first: { message_id: string }[] = await matches().limit(dialect.fewOwnMatches + 1);
  if (first.length > dialect.fewOwnMatches) return matches;
  const ids = first.map((r) => r.message_id);
  return () => ids;
}

/**
 * On a query over `messages`, a test of each message's own text in `lang`:
 * whether it contains `needle`. Each test reads the message's row of
 * message_search by its key.
 */
function ownTextTest(db: Db, search: OwnTextSearch): Knex.QueryBuilder {
  return db('message_search')
    .where('message_search.message_id', db.ref('messages.message_id'))
    .andWhere('message_search.lang', search.lang)
    .andWhere(search.counted.textContains(db, 'message_search.text', search.needle))
    .select(db.raw('1'));
}

/** The messages matching a search, tested message by message (what the walk applies). */
function testedMatches(db: Db, tested: TestedSearch): Filter {
  const test = ownTextTest(db, tested);
  const { naming } = tested;
  return (q) =>
    q.where((any) => {
      any.whereExists(test);
      if (naming) {
        any.orWhere((named) => {
          naming(named);
        });
      }
    });
}

/**
 * How many of its live messages match a broad search: the search index's
 * count for the e-Box, less its messages expired but not yet purged that
 * match by their own text (a few, found through messages_ebox_expiration
 * and tested one by one), plus the live messages matching by a reference
 * name only: none when every live message matches by its own text (which
 * spared `trimes` 72 of its 110 ms on SQLite), else found from the e-Box's
 * index, which carries the reference ids, and tested one by one. Undefined
 * when those would have to be tested on a dialect that tests slowly: the
 * search is then counted and paged the general way, and, when one of the
 * newest messages already shows that not every one matches by its own
 * text, without counting from the index first. On SQLite the index
 * counts the 100,000 matches of a needle found in every message of the
 * large e-Box in 28 ms (1,000,000 messages); joining each to its message,
 * as the general count does, took 670-990 ms.
 */
async function broadCount(db: Db, c: MessageCriteria, broad: BroadSearch, live: () => Promise<number>): Promise<number | undefined> {
  const testsNaming = broad.counted.testsNamingOneByOne;
  if (broad.naming && !testsNaming && (broad.newest ?? (await newestOwnText(db, c, broad))).miss) return undefined;
  const count = async (q: Knex.QueryBuilder) => int((await q.count({ n: '*' }).first())?.n ?? 0);
  const stored = await broad.counted.countMatches(db, c.eboxId, broad.lang, broad.needle, broad.scan);
  const expired = await count(db('messages').where('messages.ebox_id', c.eboxId).andWhere('messages.expiration_at', '<=', c.now).whereExists(ownTextTest(db, broad)));
  const own = stored - expired;
  if (!broad.naming || own === (await live())) return own;
  if (!testsNaming) return undefined;
  return own + (await count(broad.naming(criteria(db, c)).whereNotExists(ownTextTest(db, broad))));
}

/** How many of the e-Box's newest live messages newestOwnText tests: a page's worth. */
const NEWEST_TESTED = 25;

/** What testing the e-Box's newest live messages showed of a needle. */
interface NewestTested {
  /** One of them does not match by its own text. */
  miss: boolean;
  /** More than half of a full page of them match by their own text. */
  dense: boolean;
}

/**
 * The e-Box's newest live messages tested against a needle, by their own
 * text, at the cost of a page's tests. A needle found in a tenth of the
 * messages (`dimona`) shows a miss among the first few, where counting its
 * matches from the index costs 20 ms on PostgreSQL. One found in more than
 * half of them is likely found in much of the e-Box.
 */
async function newestOwnText(db: Db, c: MessageCriteria, search: OwnTextSearch): Promise<NewestTested> {
  const newest = criteria(db, { eboxId: c.eboxId, now: c.now }).select('messages.message_id').orderBy(listOrder('desc')).limit(NEWEST_TESTED);
  const row = await db
    .from(newest.as('messages'))
    .first(db.raw('count(*) as tested'), db.raw('sum(case when exists ? then 1 else 0 end) as matched', [ownTextTest(db, search)]));
  const tested = int(row?.tested ?? 0);
  const matched = int(row?.matched ?? 0);
  return { miss: matched < tested, dense: matched * 2 > NEWEST_TESTED };
}

/**
 * Where the dialect scans for dense needles (scansDenseSearches), what the
 * e-Box's newest messages show of a needle of three characters or more,
 * deciding whether its own-text matches are found by a scan of the e-Box's
 * search rows or through the text index; undefined elsewhere. For `trimes`,
 * in every message of the large e-Box (1,000,000 messages), PostgreSQL's
 * trigram index took 26 ms to find its first 7,001 matches and 56 to count
 * them; a scan 6.6 and 31. A needle dense among the newest messages only
 * costs at most a scan of the e-Box's rows.
 */
async function denseOwnText(db: Db, c: MessageCriteria, search: OwnTextSearch): Promise<NewestTested | undefined> {
  if (!dialectOf(db).scansDenseSearches || tooShortForTrigrams(search.needle)) return undefined;
  return newestOwnText(db, c, search);
}

/** The e-Box's live messages, from its tallies. */
async function liveMessages(db: Db, c: MessageCriteria): Promise<number> {
  return messagesIn(await liveTallies(db, c.eboxId, c.now));
}

/**
 * Walking the e-Box's index in list order and testing each message's own
 * text costs about the entries walked: the page's offset from the nearer
 * end plus its size, divided by the share of live messages that match.
 * Collecting every match from the search index first costs one look-up per
 * match. Measured on SQLite at 1,000,000 messages, a test costs 3.5-6 µs and
 * a look-up 4.4-7 µs: about one for one (README, Performance).
 */
const WALK_TESTS_PER_MATCH = 1;

/**
 * The walk tests at most this many times the entries it is expected to:
 * matches are not spread evenly over time (a dossier year's numbers are in
 * that year's messages), and a walk from the newest end for "2025-4" (5,510
 * matches of 100,000, none among the newest) tested 36,000 messages, 126 ms,
 * where collecting the matches takes about 30.
 */
const WALK_BUDGET = 4;

/** The columns of the e-Box's index a walk reads: the list order and what the search tests. */
const WALKED_COLUMNS = ['message_id', 'receipt_at', ...REFERENCE_KIND_NAMES.map((kind) => REFERENCE_KINDS[kind].messageColumn)].map((c) => `messages.${c}`);

/**
 * A search's page found by walking the index of the e-Box's messages
 * meeting the other criteria, in list order from the nearer end, and
 * testing each message, when that is expected to cost less than collecting
 * the matches; undefined when it is not, or when the entries it may test
 * hold fewer matches than the page needs. The share of matches is taken
 * among all the e-Box's live messages, which the criteria can only narrow:
 * a criterion makes the walk look dearer than it is, never cheaper.
 */
async function walkedPage(
  db: Db,
  c: MessageCriteria,
  tested: TestedSearch,
  live: () => Promise<number>,
  offset: number,
  limit: number,
  total: number,
): Promise<MessageRecord[] | undefined> {
  const place = placeOf(offset, limit, total);
  if (!place) return [];
  const expected = ((place.offset + place.size) * (await live())) / total;
  if (expected > total * WALK_TESTS_PER_MATCH) return undefined;
  const walked = criteria(db, c)
    .select(WALKED_COLUMNS)
    .orderBy(listOrder(place.direction))
    .limit(Math.ceil(expected * WALK_BUDGET));
  const page = testedMatches(db, tested)(db.from(walked.as('messages')))
    .select('messages.message_id')
    .orderBy(listOrder(place.direction))
    .offset(place.offset)
    .limit(place.size);
  const ids = ((await page) as { message_id: string }[]).map((r) => r.message_id);
  return ids.length < place.size ? undefined : rowsOf(db, ids);
}

/** One page of matching messages, newest receipt first, ties broken by messageId (descending). */
export async function listMessages(db: Db, c: MessageCriteria, offset: number, limit: number): Promise<MessageRecord[]> {
  return pageOf(db, await matching(db, c), offset, limit);
}

export async function countMessages(db: Db, c: MessageCriteria): Promise<number> {
  const matches = await matching(db, c);
  return (matches.broad && (await broadCount(db, c, matches.broad, matches.live))) ?? countOf(db, c, matches);
}

/**
 * listMessages and countMessages of the same criteria, the search's
 * reference names and own-text matches looked up once for both. A broad
 * search is counted from the search index first, and its page found by
 * walking the e-Box's messages, unless the dialect would rather not test
 * its name-only matches one by one (broadCount). Beyond the first page the
 * count comes first too: it decides from which end the page is read. The
 * first page otherwise needs no count, and both go at once (on PostgreSQL,
 * on two connections: a search matching 100,000 messages took half as long
 * again one after the other). With `totals`, a search's total is taken from
 * there while it is exact, and remembered there once counted.
 */
export async function pageAndCount(
  db: Db,
  c: MessageCriteria,
  offset: number,
  limit: number,
  totals?: SearchTotals,
): Promise<{ records: MessageRecord[]; total: number }> {
  // Only a search's total is worth remembering: the others come from the tallies or an index range.
  const state = c.search && totals ? await totals.stateOf(db, c.eboxId, c.now) : undefined;
  const matches = await matching(db, c, state && totals && ((key) => totals.recall(key, state, c.now)));
  const { recalled, tested } = matches;
  const knownTotal = recalled?.total ?? (matches.broad && (await broadCount(db, c, matches.broad, matches.live)));
  // Where tests are cheap (SQLite), a search with many own-text matches is
  // counted first, then its page walked, rather than both collecting them.
  const walks = tested !== undefined && (knownTotal !== undefined || tested.counted.testsNamingOneByOne);
  if (knownTotal === undefined && offset === 0 && !walks) {
    const [records, total] = await Promise.all([pageOf(db, matches, offset, limit), countOf(db, c, matches)]);
    recalled?.remember(total);
    return { records, total };
  }
  const total = knownTotal ?? (await countOf(db, c, matches));
  if (recalled?.total === undefined) recalled?.remember(total);
  const walked = walks && (await walkedPage(db, c, tested, matches.live, offset, limit, total));
  return { records: walked || (await pageOf(db, matches, offset, limit, total)), total };
}

type Direction = 'asc' | 'desc';

/** The list order (newest receipt first, ties broken by message id), or its reverse. */
const listOrder = (direction: Direction) => [
  { column: 'messages.receipt_at', order: direction },
  { column: 'messages.message_id', order: direction },
];

/**
 * Where the page at `offset` lies: its offset and size in list order, or,
 * knowing `total`, for a page in the second half, from the end in the
 * opposite order. The order (receipt, message id) is total, so it is the
 * same page, and a walk over the e-Box's index skips fewer entries (the
 * last page of 100,000 skips 25 instead of 99,975). Undefined for a page
 * with nothing on it.
 */
function placeOf(offset: number, limit: number, total?: number): { direction: Direction; offset: number; size: number } | undefined {
  if (total === 0) return undefined;
  if (total === undefined || offset * 2 <= total) return { direction: 'desc', offset, size: limit };
  const fromEnd = total - offset - limit;
  const size = limit + Math.min(fromEnd, 0);
  return size <= 0 ? undefined : { direction: 'asc', offset: Math.max(fromEnd, 0), size };
}

/** The page at `offset` in list order. */
async function pageOf(db: Db, matches: Matching, offset: number, limit: number, total?: number): Promise<MessageRecord[]> {
  const place = placeOf(offset, limit, total);
  if (!place) return [];
  const ids = matches.query().select('messages.message_id').orderBy(listOrder(place.direction)).offset(place.offset).limit(place.size);
  return rowsOf(db, ids, matches.plain);
}

/**
 * The messages of a page, in list order, from their ids or the query
 * selecting them. The ids first, then their rows: the skipped rows of a
 * deep page are then read from the e-Box's index alone. PostgreSQL
 * otherwise fetched every skipped row from the table (a quarter of a
 * second at page 800).
 */
async function rowsOf(db: Db, ids: Knex.QueryBuilder | string[], plain = false): Promise<MessageRecord[]> {
  const rows = db('messages').whereIn('messages.message_id', ids).select('messages.*').orderBy(listOrder('desc'));
  return (await (plain ? keepPlan(rows) : rows)).map(toMessageRecord);
}

/**
 * How many messages match, other than by a broad search's count: from the
 * e-Box's tallies when the criteria are read status and visibility at most
 * (the portal's plain pages and the summary), else counted.
 */
async function countOf(db: Db, c: MessageCriteria, matches: Matching): Promise<number> {
  const { readStatus, visible } = c;
  if (!c.search && otherCriteria(c).every((k) => k === 'readStatus' || k === 'visible')) {
    const tallies = await liveTallies(db, c.eboxId, c.now);
    return messagesIn(tallies.filter((t) => (readStatus === undefined || t.readStatus === readStatus) && (visible === undefined || t.visible === visible)));
  }
  const row = await matches.query().count({ n: '*' }).first();
  return int(row?.n ?? 0);
}

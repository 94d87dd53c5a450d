import { expect } from 'chai';
import type { Knex } from 'knex';
import { dialectOf } from '../../src/db/dialects';
import { countMessages, listMessages, pageAndCount, type MessageCriteria } from '../../src/db/repositories/message-list';
import { SearchTotals } from '../../src/db/repositories/search-totals';
import { normalizeForSearch } from '../../src/domain/search-normalize';
import { describeEachEngine } from '../helpers/databases';
import { useImportStore } from '../helpers/import-store';
import { statementPlans, statementsRun } from '../helpers/plans';

/**
 * A needle matching at most the dialect's fewOwnMatches messages by their
 * own text is named in the query by literal ids; one matching more, by a
 * subquery (repositories/message-list.ts, ownTextMatches). Both must answer
 * alike: the same count, the same page in list order, the reference-name
 * branch and the list criteria still applied, another e-Box's matches never
 * counted.
 */
const EBOX = '0123456749';
const OTHER_EBOX = '1000000002';
const ORG = '0200000001';
const NAMED_ORG = '0200000002';
const APP = 'app';
const TYPE = 'type';
const NOW = Date.parse('2026-06-01T00:00:00Z');
// An e-Box whose oldest messages hold "ancien" and whose NEWER newest ones do not.
const DATED_EBOX = '1000000003';
const NEWER = 600;

const pad = (n: number) => String(n).padStart(5, '0');

function message(n: number, subject: string, extra: object = {}, eboxId = EBOX) {
  return {
    eboxId,
    messageId: `${eboxId}-${pad(n)}`,
    subject: { fr: subject, nl: subject, de: subject },
    // Distinct receipt instants, in the order of n, so that the list order is known.
    receiptDate: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    expirationDate: n % 10 === 9 ? '2026-05-01T00:00:00Z' : '2099-01-01T00:00:00Z',
    messageTypeId: TYPE,
    senderOrganizationId: ORG,
    senderApplicationId: APP,
    readStatus: n % 3 === 0,
    ...extra,
  };
}

/**
 * MANY messages matching "commun" by their own text, expired ones included,
 * and OLD matching "ancien": both more than the dialect's fewOwnMatches.
 */
function fixture(MANY: number, OLD: number) {
  const messages: object[] = [];
  // "commun" and "seul" in the own text of MANY messages (every tenth one expired), "rare" in the own text of three,
  // "courrier" in every one but the fourth.
  for (let n = 0; n < MANY; n++) messages.push(message(n, `commun seul ${n < 3 ? 'rare ' : ''}${n} lettre${n === 3 ? '' : ' courrier'}`));
  // Neither, but sent by an organization whose name holds both needles.
  for (let n = MANY; n < MANY + 4; n++) messages.push(message(n, `autre ${n} lettre courrier`, { senderOrganizationId: NAMED_ORG }));
  for (let n = 0; n < 5; n++) messages.push(message(n, `commun seul rare ${n}`, {}, OTHER_EBOX));
  for (let n = 0; n < OLD + NEWER; n++) messages.push(message(n, n < OLD ? `ancien ${n}` : `recent ${n}`, {}, DATED_EBOX));
  return {
    senderOrganizations: [
      { organizationId: ORG, organizationShortName: { fr: 'Expéditeur', nl: 'Afzender', de: 'Absender' } },
      { organizationId: NAMED_ORG, organizationShortName: { fr: 'Office commun rare', nl: 'Dienst commun rare', de: 'Amt commun rare' } },
    ],
    // "courrier" also names the application of them all.
    senderApplications: [{ applicationId: APP, applicationName: { fr: 'Appli courrier', nl: 'Toep', de: 'Anw' } }],
    // "lettre", in every message's own text, also names the type of them all.
    messageTypes: [{ messageTypeId: TYPE, messageTypeName: { fr: 'Type de lettre', nl: 'Soort', de: 'Art' }, validityPeriod: { validityPeriodNumber: 80, validityPeriodUnit: 'year' } }],
    messages,
  };
}

describeEachEngine('text search on both sides of the dialect’s fewOwnMatches', (engine) => {
  const store = useImportStore(engine);
  let db: Knex;
  let MANY: number;
  let OLD: number;

  before(async function () {
    this.timeout(120_000);
    db = store.db;
    MANY = dialectOf(db).fewOwnMatches + 5;
    OLD = dialectOf(db).fewOwnMatches + 100;
    await store.load(fixture(MANY, OLD));
  });

  const criteria = (q: string, extra: Partial<MessageCriteria> = {}): MessageCriteria => ({
    eboxId: EBOX,
    now: NOW,
    search: { lang: 'fr', needle: normalizeForSearch(q) },
    ...extra,
  });

  /** The e-Box's live messages numbered `numbers`, newest first, as the list orders them. */
  const expected = (numbers: number[]) =>
    numbers
      .filter((n) => n % 10 !== 9)
      .sort((a, b) => b - a)
      .map((n) => `${EBOX}-${pad(n)}`);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  /** The statements `work` runs, without the engine's quoting and numbered placeholders. */
  const statementsOf = async (work: () => Promise<unknown>) =>
    (await statementsRun(db, work)).map((s) => s.sql.replace(/[`"]/g, '').replace(/\$\d+/g, '?'));
  /** A statement testing the messages of a bounded window of the e-Box's index one by one (a walk). */
  const isWalk = (sql: string) => /^select messages\.message_id from \(select .* limit \?\) as messages where \(exists \(select 1 from message_search /.test(sql);
  /** A statement counting the live messages naming a matching reference whose own text does not match, tested one by one. */
  const isNamingTest = (sql: string) => /^select count\(\*\) as n from messages .*\bin \(.*not exists/.test(sql);
  /** A statement counting the own-text matches from the search index alone. */
  const isIndexCount = (sql: string) => /^select count\(\*\) as n from message_search(_fts)? /.test(sql);
  /** A statement testing the e-Box's newest live messages (newestOwnText). */
  const isNewestTest = (sql: string) => sql.startsWith('select count(*) as tested,');

  async function answer(c: MessageCriteria, offset = 0, limit = 25) {
    const [page, total] = await Promise.all([listMessages(db, c, offset, limit), countMessages(db, c)]);
    return { ids: page.map((m) => m.messageId), total };
  }

  it('counts and pages a needle matching more than fewOwnMatches messages, with the reference-name branch', async () => {
    const all = expected([...range(0, MANY), ...range(MANY, MANY + 4)]);
    expect(await answer(criteria('commun'))).to.deep.equal({ ids: all.slice(0, 25), total: all.length });
    expect(await answer(criteria('commun'), all.length - 10)).to.deep.equal({ ids: all.slice(-10), total: all.length });
    // As the list asks: counted from the search index plus the messages
    // matching by the name only, tested one by one, pages found by testing
    // each message; on PostgreSQL, whose tests cost more, the general way,
    // without counting from the index: the newest messages (NAMED_ORG's)
    // already show that not every one matches by its own text.
    const statements = await statementsOf(async () => {
      for (const offset of [0, 40, all.length - 10]) {
        const { records, total } = await pageAndCount(db, criteria('commun'), offset, 25);
        expect({ ids: records.map((m) => m.messageId), total }, `offset ${offset}`).to.deep.equal({ ids: all.slice(offset, offset + 25), total: all.length });
      }
    });
    const tested = dialectOf(db).indexCountedSearch?.testsNamingOneByOne;
    expect(statements.filter(isNamingTest), statements.join('\n')).to.have.length(tested ? 3 : 0);
    expect(statements.filter(isWalk), statements.join('\n')).to.have.length(tested ? 3 : 0);
    expect(statements.filter(isIndexCount), statements.join('\n')).to.have.length(tested ? 3 : 0);
  });

  // "courrier" is in the own text of every message but an old one, and in
  // the name of the application they all name: the newest messages all
  // match by their own text, so the count starts from the search index;
  // the old one then matches by the name only, tested one by one on
  // SQLite, counted with the rest the general way on PostgreSQL.
  it('counts a needle missing from one old message’s own text but in the name it names, from the search index first', async () => {
    const all = expected(range(0, MANY + 4));
    const statements = await statementsOf(async () => {
      for (const offset of [0, 40]) {
        const { records, total } = await pageAndCount(db, criteria('courrier'), offset, 25);
        expect({ ids: records.map((m) => m.messageId), total }, `offset ${offset}`).to.deep.equal({ ids: all.slice(offset, offset + 25), total: all.length });
      }
    });
    const tested = dialectOf(db).indexCountedSearch?.testsNamingOneByOne;
    expect(statements.filter(isIndexCount), statements.join('\n')).to.have.length(2);
    expect(statements.filter(isNamingTest), statements.join('\n')).to.have.length(tested ? 2 : 0);
    expect(statements.filter(isWalk), statements.join('\n')).to.have.length(tested ? 2 : 0);
  });

  // Every live message matches "lettre" by its own text: none is left to
  // match by the type's name only, and none is tested for it. The count
  // comes from the search index, the page from a walk.
  it('counts a needle found in every live message’s own text and in a reference name without testing the messages naming it', async () => {
    const all = expected(range(0, MANY + 4));
    const statements = await statementsOf(async () => {
      const { records, total } = await pageAndCount(db, criteria('lettre'), 0, 25);
      expect({ ids: records.map((m) => m.messageId), total }).to.deep.equal({ ids: all.slice(0, 25), total: all.length });
    });
    expect(statements.filter(isNamingTest)).to.deep.equal([]);
    expect(statements.filter(isWalk), statements.join('\n')).to.have.length(1);
  });

  // "seul" names no reference data: counted from the search index less the
  // expired matches, pages found by testing the e-Box's messages in list order.
  it('counts and pages a needle matching more than fewOwnMatches messages by their own text alone, from either end', async () => {
    const all = expected(range(0, MANY));
    for (const offset of [0, 25, 450, all.length - 30, all.length - 10, all.length]) {
      const { records, total } = await pageAndCount(db, criteria('seul'), offset, 25);
      expect({ ids: records.map((m) => m.messageId), total }, `offset ${offset}`).to.deep.equal({ ids: all.slice(offset, offset + 25), total: all.length });
    }
    expect(await countMessages(db, criteria('seul'))).to.equal(all.length);
    expect(await countMessages(db, criteria('seul', { eboxId: OTHER_EBOX }))).to.equal(5);
    const unread = all.filter((id) => Number(id.split('-')[1]) % 3 !== 0);
    const { records, total } = await pageAndCount(db, criteria('seul', { readStatus: false }), 10, 5);
    expect({ ids: records.map((m) => m.messageId), total }).to.deep.equal({ ids: unread.slice(10, 15), total: unread.length });
  });

  // "seul" is in the own text of 21 of the e-Box's 25 newest live messages,
  // "rare" in none. Where the dialect scans for dense needles (PostgreSQL),
  // the first is found and counted by testing each of the e-Box's search
  // rows in fr, the second through the text index; elsewhere both through
  // the index. The answers are the same either way.
  it('finds a needle in most of the newest messages by testing the e-Box’s search rows where the dialect scans dense needles', async () => {
    // PostgreSQL's trigram index costs more than a scan for such needles; SQLite's FTS5 does not.
    const scans = engine.name === 'postgres';
    const ownText = (sql: string) => /^select (count\(\*\) as n|message_search\.message_id|message_id) from message_search/.test(sql);
    const scanned = (sql: string) => sql.includes('where ebox_id = ? and lang = ? and strpos(text, ?) > 0');
    const all = expected(range(0, MANY));
    const dense = await statementsOf(async () => {
      const { records, total } = await pageAndCount(db, criteria('seul'), 0, 25);
      expect({ ids: records.map((m) => m.messageId), total }).to.deep.equal({ ids: all.slice(0, 25), total: all.length });
    });
    expect(dense.filter(isNewestTest), dense.join('\n')).to.have.length(scans ? 1 : 0);
    // The first fewOwnMatches + 1 matches, then their count.
    expect(dense.filter(ownText).map(scanned), dense.join('\n')).to.deep.equal([scans, scans]);
    const few = expected([0, 1, 2, ...range(MANY, MANY + 4)]);
    const sparse = await statementsOf(async () => {
      const { records, total } = await pageAndCount(db, criteria('rare'), 0, 25);
      expect({ ids: records.map((m) => m.messageId), total }).to.deep.equal({ ids: few, total: few.length });
    });
    expect(sparse.filter(ownText).map(scanned), sparse.join('\n')).to.deep.equal([false]);
  });

  it('finds the same rows in an e-Box’s search rows by a scan as through the text index', async () => {
    const dialect = dialectOf(db);
    for (const needle of ['seul', 'rare', 'commun seul rare 1', 'seul 10', 'ancien', 'absent', 'ul 1']) {
      for (const eboxId of [EBOX, OTHER_EBOX, DATED_EBOX]) {
        const found = (scan: boolean) => dialect.searchMatches(db, eboxId, 'fr', needle, scan).orderBy('message_id').pluck('message_id');
        const count = (scan: boolean) => dialect.indexCountedSearch?.countMatches(db, eboxId, 'fr', needle, scan);
        expect(await found(true), `${needle} in ${eboxId}`).to.deep.equal(await found(false));
        expect(await count(true), `${needle} in ${eboxId}`).to.equal(await count(false));
      }
    }
  });

  // With its total remembered (SearchTotals), a repeated broad search also
  // knows its own-text matches are many: it does not ask the text index for
  // the first fewOwnMatches + 1 of them again (7,000 ids on PostgreSQL).
  it('asks the text index for a remembered broad search’s first matches once, and pages it alike', async () => {
    const all = expected(range(0, MANY));
    const totals = new SearchTotals(10);
    const firstMatches = (statements: { sql: string; bindings: readonly unknown[] }[]) =>
      statements.filter((s) => /\bmessage_search(_fts)?\b/.test(s.sql) && s.bindings.includes(dialectOf(db).fewOwnMatches + 1));
    for (const [round, asked] of [['first', 1], ['repeated', 0]] as const) {
      const statements = await statementsRun(db, async () => {
        for (const offset of [0, all.length - 10]) {
          const { records, total } = await pageAndCount(db, criteria('seul'), offset, 25, totals);
          expect({ ids: records.map((m) => m.messageId), total }, `${round}, offset ${offset}`).to.deep.equal({ ids: all.slice(offset, offset + 25), total: all.length });
        }
      });
      // The first request asks; the next page already knows.
      expect(firstMatches(statements), `${round}:\n${statements.map((s) => s.sql).join('\n')}`).to.have.length(asked);
    }
  });

  // "seul" among the unread messages: a search with another criterion, so
  // counted through the messages. Once its total is known, its page is found
  // by testing the unread messages one by one in list order: from the
  // first request where tests are cheap (SQLite: counted first), from the
  // remembered total on either engine.
  it('walks the page of a broad search with another criterion once its total is known', async () => {
    const unread = expected(range(0, MANY)).filter((id) => Number(id.split('-')[1]) % 3 !== 0);
    const totals = new SearchTotals(10);
    const cheap = engine.name === 'sqlite';
    for (const [round, offsets, walks] of [
      ['first', [0], cheap ? 1 : 0],
      ['repeated', [0, 10, unread.length - 10], 3],
    ] as const) {
      const statements = await statementsOf(async () => {
        for (const offset of offsets) {
          const { records, total } = await pageAndCount(db, criteria('seul', { readStatus: false }), offset, 25, totals);
          expect({ ids: records.map((m) => m.messageId), total }, `${round}, offset ${offset}`).to.deep.equal({ ids: unread.slice(offset, offset + 25), total: unread.length });
        }
      });
      expect(statements.filter(isWalk), `${round}:\n${statements.join('\n')}`).to.have.length(walks);
    }
  });

  it('counts and pages a needle matching few messages by their own text, with the reference-name branch', async () => {
    const few = expected([0, 1, 2, ...range(MANY, MANY + 4)]);
    expect(await answer(criteria('RARE'))).to.deep.equal({ ids: few, total: few.length });
  });

  // "seul 10" (n = 10, 100-109, 1000-…) names no reference data: the query
  // starts from the matches' ids rather than from the e-Box
  // (repositories/message-list.ts, criteria).
  it('counts and pages a needle matching few messages by their own text alone from their ids, in the caller’s e-Box only', async () => {
    const few = expected(range(0, MANY).filter((n) => String(n).startsWith('10')));
    expect(await answer(criteria('seul 10'))).to.deep.equal({ ids: few.slice(0, 25), total: few.length });
    const unread = few.filter((id) => Number(id.split('-')[1]) % 3 !== 0);
    expect(await answer(criteria('seul 10', { readStatus: false }))).to.deep.equal({ ids: unread.slice(0, 25), total: unread.length });
    expect(await answer(criteria('rare 1', { eboxId: OTHER_EBOX }))).to.deep.equal({ ids: [`${OTHER_EBOX}-${pad(1)}`], total: 1 });
    expect(await answer(criteria('seul 10', { eboxId: '0999999999' }))).to.deep.equal({ ids: [], total: 0 });
    if (engine.name === 'sqlite') {
      const plans = await statementPlans(db, () => answer(criteria('seul 10')));
      const onMessages = plans.filter((p) => /\bmessages\b/.test(p) && !p.includes('message_search'));
      expect(onMessages, plans.join('\n---\n')).to.have.length(2);
      for (const plan of onMessages) {
        expect(plan).to.include('sqlite_autoindex_messages_1 (message_id=?)');
        expect(plan).to.not.match(/messages_ebox/);
      }
    }
  });

  // "office" is in no message's own text, only in the name of NAMED_ORG.
  it('counts and pages a needle found in a reference name only from the index of that reference', async () => {
    const named = expected(range(MANY, MANY + 4));
    expect(await answer(criteria('office'))).to.deep.equal({ ids: named, total: named.length });
    if (engine.name === 'sqlite') {
      const plans = await statementPlans(db, () => pageAndCount(db, criteria('office'), 0, 25));
      const onMessages = plans.filter((p) => /\bmessages\b/.test(p) && !p.includes('message_search'));
      expect(onMessages, plans.join('\n---\n')).to.have.length(2);
      for (const plan of onMessages) expect(plan).to.include('messages_ebox_organization (ebox_id=? AND sender_organization_id=?)');
    }
  });

  // A walk from the newest end of DATED_EBOX would test its NEWER messages
  // before the first match: it may test only a few times the entries it
  // expects (repositories/message-list.ts, WALK_BUDGET), then the matches are
  // collected instead. From the oldest end, the walk finds the page.
  it('pages a needle whose matches all lie among the oldest messages, from either end', async () => {
    const all = range(0, OLD)
      .filter((n) => n % 10 !== 9)
      .sort((a, b) => b - a)
      .map((n) => `${DATED_EBOX}-${pad(n)}`);
    const statements = await statementsOf(async () => {
      for (const offset of [0, 30, all.length - 10]) {
        const { records, total } = await pageAndCount(db, criteria('ancien', { eboxId: DATED_EBOX }), offset, 25);
        expect({ ids: records.map((m) => m.messageId), total }, `offset ${offset}`).to.deep.equal({ ids: all.slice(offset, offset + 25), total: all.length });
      }
    });
    // The statements testing live messages one by one read a bounded window of the e-Box's index.
    const tests = statements.filter((sql) => sql.includes('exists (select 1 from message_search') && sql.includes('messages.expiration_at > ?') && !isNewestTest(sql));
    expect(tests, statements.join('\n')).to.have.length(3);
    expect(tests.filter(isWalk)).to.have.length(3);
  });

  it('applies the list criteria on either side', async () => {
    const unread = (numbers: number[]) => expected(numbers.filter((n) => n % 3 !== 0));
    const many = unread([...range(0, MANY), ...range(MANY, MANY + 4)]);
    expect(await answer(criteria('commun', { readStatus: false }), 0, 5)).to.deep.equal({ ids: many.slice(0, 5), total: many.length });
    const few = unread([0, 1, 2, ...range(MANY, MANY + 4)]);
    expect(await answer(criteria('rare', { readStatus: false }))).to.deep.equal({ ids: few, total: few.length });
  });

  it('never counts another e-Box’s matches', async () => {
    const none = { eboxId: '0999999999' };
    expect(await answer(criteria('commun', none))).to.deep.equal({ ids: [], total: 0 });
    expect(await answer(criteria('rare', { eboxId: OTHER_EBOX }))).to.deep.include({ total: 5 });
  });
});

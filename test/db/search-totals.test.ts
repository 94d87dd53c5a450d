import { expect } from 'chai';
import { pageAndCount, type MessageCriteria } from '../../src/db/repositories/message-list';
import { deleteMessages } from '../../src/db/repositories/retention';
import { SearchTotals } from '../../src/db/repositories/search-totals';
import { describeEachEngine } from '../helpers/databases';
import { useImportStore } from '../helpers/import-store';
import { EBOX_A, EBOX_B, msg } from '../helpers/message-fixture';
import { statementsRun } from '../helpers/plans';
import { referenceFixture } from '../helpers/reference-fixture';
import { DAY, iso } from '../helpers/seed';

/**
 * A search's total, remembered per e-Box and criteria (SearchTotals), is
 * only used again while it is exact: every write that changes which
 * messages match, and the expiry of a counted message, makes the next
 * request count again. Each case first shows the total remembered (the
 * repeated request counts nothing), then the change.
 */
// Ahead of the clock: the importer refuses messages already expired.
const NOW = Math.ceil(Date.now() / 1000) * 1000 + 10 * DAY;
const SOON = iso(NOW + DAY);

/** Messages of e-Box A whose French subject holds `word`. */
const matching = (prefix: string, n: number, word = 'trimestre', over: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => msg(`${prefix}-${i}`, { subject: { fr: `Décompte ${word} ${i}` }, ...over }));

describeEachEngine('search totals remembered while exact', (engine) => {
  const store = useImportStore(engine);
  let totals: SearchTotals;

  // Needles as the service hands them over: normalized (lower case, no accents).
  const criteria = (needle: string, over: Partial<MessageCriteria> = {}): MessageCriteria => ({ eboxId: EBOX_A, now: NOW, search: { lang: 'fr', needle }, ...over });
  const total = async (c: MessageCriteria) => (await pageAndCount(store.db, c, 0, 5, totals)).total;
  /** The total, and whether a statement counted it (rather than the remembered total answering). */
  const counted = async (c: MessageCriteria) => {
    let answer = 0;
    const statements = await statementsRun(store.db, async () => {
      answer = await total(c);
    });
    return { total: answer, counted: statements.some((s) => /\bcount\(/i.test(s.sql)) };
  };

  beforeEach(async () => {
    totals = new SearchTotals(100);
    await store.db('messages').delete();
    await store.load({ ...referenceFixture(), messages: [...matching('t', 6), msg('other', { subject: { fr: 'Autre chose' } }), msg('b-1', { eboxId: EBOX_B, subject: { fr: 'Décompte trimestre B' } })] });
  });

  it('answers a repeated search from the remembered total, per e-Box and criteria', async () => {
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: true });
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: false });
    // Another needle, other criteria, another e-Box: counted, not taken from the first.
    expect(await counted(criteria('compte'))).to.deep.equal({ total: 6, counted: true });
    expect(await counted(criteria('trimestre', { readStatus: true }))).to.deep.equal({ total: 0, counted: true });
    expect(await counted(criteria('trimestre', { eboxId: EBOX_B }))).to.deep.equal({ total: 1, counted: true });
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: false });
  });

  it('counts again after an import adds a matching message', async () => {
    expect(await total(criteria('trimestre'))).to.equal(6);
    await store.load({ messages: matching('new', 2) });
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 8, counted: true });
  });

  it('counts again after a message is imported again with another text (its tally unchanged)', async () => {
    expect(await total(criteria('trimestre'))).to.equal(6);
    await store.load({ messages: [msg('t-0', { subject: { fr: 'Décompte annuel' } })] });
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 5, counted: true });
  });

  it('counts again after messages are purged', async () => {
    expect(await total(criteria('trimestre'))).to.equal(6);
    await deleteMessages(store.db, ['t-1', 't-2']);
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 4, counted: true });
  });

  it('counts again once a counted message has expired, with no write', async () => {
    await store.load({ messages: matching('soon', 1, 'trimestre', { expirationDate: SOON }) });
    expect(await total(criteria('trimestre'))).to.equal(7);
    const justBefore = Date.parse(SOON) - 1;
    expect(await counted(criteria('trimestre', { now: justBefore }))).to.deep.equal({ total: 7, counted: false });
    expect(await counted(criteria('trimestre', { now: Date.parse(SOON) }))).to.deep.equal({ total: 6, counted: true });
  });

  it('counts again when a message type is renamed so that the needle names it', async () => {
    // type-02's French name is "Type 2": the needle is in no message's own text nor in any name yet.
    // Every message of e-Box A is of type-02.
    expect(await total(criteria('releve'))).to.equal(0);
    const renamed = referenceFixture().messageTypes.map((t) => (t.messageTypeId === 'type-02' ? { ...t, messageTypeName: { fr: 'Relevé' } } : t));
    await store.load({ messageTypes: renamed });
    expect(await counted(criteria('releve'))).to.deep.equal({ total: 7, counted: true });
  });

  it('remembers nothing when its size is 0', async () => {
    totals = new SearchTotals(0);
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: true });
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: true });
  });

  /** Whether `work` asked the text index (the search rows or their FTS5 table) anything. */
  const asksTextIndex = async (work: () => Promise<unknown>) => (await statementsRun(store.db, work)).some((s) => /\bmessage_search(_fts)?\b/.test(s.sql));

  it('reads a repeated narrow search from the ids it remembered, without asking the text index again', async () => {
    const first = await pageAndCount(store.db, criteria('trimestre'), 0, 5, totals);
    let again: Awaited<ReturnType<typeof pageAndCount>> | undefined;
    expect(await asksTextIndex(async () => (again = await pageAndCount(store.db, criteria('trimestre'), 0, 5, totals)))).to.equal(false);
    expect(again?.total).to.equal(6);
    expect(again?.records.map((m) => m.messageId)).to.deep.equal(first.records.map((m) => m.messageId));
    expect(await asksTextIndex(() => pageAndCount(store.db, criteria('trimestre'), 5, 5, totals))).to.equal(false);
    // A write: the text index is asked again, and the new match is found.
    await store.load({ messages: matching('new', 1) });
    expect(await asksTextIndex(async () => (again = await pageAndCount(store.db, criteria('trimestre'), 0, 5, totals)))).to.equal(true);
    expect(again?.total).to.equal(7);
  });

  it('forgets the least recently used searches to hold at most its number of ids', async () => {
    totals = new SearchTotals(100, 10);
    await total(criteria('trimestre'));
    // Six more ids: the first search's six make room.
    await total(criteria('compte'));
    expect((await counted(criteria('compte'))).counted).to.equal(false);
    expect((await counted(criteria('trimestre'))).counted).to.equal(true);
  });

  it('remembers the total of a search whose ids are more than it may hold, without them', async () => {
    totals = new SearchTotals(100, 3);
    await total(criteria('trimestre'));
    expect(await counted(criteria('trimestre'))).to.deep.equal({ total: 6, counted: false });
    expect(await asksTextIndex(() => total(criteria('trimestre')))).to.equal(true);
  });

  it('forgets the least recently used total past its size', async () => {
    totals = new SearchTotals(2);
    await total(criteria('trimestre'));
    await total(criteria('compte'));
    await total(criteria('trimestre'));
    await total(criteria('decompte'));
    expect((await counted(criteria('trimestre'))).counted).to.equal(false);
    expect((await counted(criteria('compte'))).counted).to.equal(true);
  });
});

import type { Answer } from '../http';
import { addDays, brusselsDay, expectStatus, getJson, observe, query, UNKNOWN_ID, type Kit, type Msg } from '../kit';

const AREA = 'lists';
const PAGE = 100;
/** Pages of 100 walked at most: a provider holding more is sampled, not read whole. */
const MAX_PAGES = 5;

const ids = (messages: Msg[]) => messages.map((m) => String(m.messageId));

export async function list(kit: Kit, params: Record<string, string | number | boolean | undefined>): Promise<Answer> {
  return getJson(kit, { path: `/ebox/messages?${query({ pageSize: PAGE, ...params })}`, operationId: 'getMessagesByEBoxId', token: 'token' });
}

/** Walks the e-Box newest first, page by page: order, no duplicate, a constant totalItems, no expired message. */
export async function walk(kit: Kit): Promise<void> {
  const messages: Msg[] = [];
  let total: number | undefined;
  let page = 1;
  let first = '';
  for (; page <= MAX_PAGES; page++) {
    const answer = await list(kit, { page });
    first ||= answer.curl;
    if (!expectStatus(kit, AREA, 'The list answers 200 without criteria', answer, 200)) return;
    const body = answer.json();
    observe(kit, AREA, 'items and totalItems are never null or missing', Array.isArray(body.items) && Number.isInteger(body.totalItems), () => ({ request: answer.curl, expected: 'items: [] and totalItems: n', seen: answer.text.slice(0, 160) }));
    if (!Array.isArray(body.items)) return;
    if (total !== undefined) {
      observe(kit, AREA, 'totalItems stays the same from page to page', body.totalItems === total, () => ({ request: answer.curl, expected: `totalItems ${total}`, seen: `totalItems ${body.totalItems}` }));
    }
    total ??= body.totalItems as number;
    messages.push(...body.items);
    if (body.items.length < PAGE || messages.length >= total) break;
  }
  const complete = total !== undefined && messages.length >= total;
  kit.seen.messages = messages;
  kit.seen.complete = complete;
  if (complete) {
    observe(kit, AREA, 'Paging shows every message once: totalItems messages over the pages', messages.length === total, () => ({ request: `${first} (and pages 2 to ${page})`, expected: `${total} messages`, seen: `${messages.length}` }));
  }
  const duplicates = ids(messages).filter((id, i, all) => all.indexOf(id) !== i);
  observe(kit, AREA, 'Paging shows every message once: no duplicate across pages', duplicates.length === 0, () => ({ request: `${first} (and pages 2 to ${page})`, expected: 'distinct messageIds', seen: `repeated: ${duplicates.slice(0, 5).join(', ')}` }));
  const unordered = messages.findIndex((m, i) => i > 0 && Date.parse(m.receiptDate) > Date.parse(messages[i - 1].receiptDate));
  observe(kit, AREA, 'Messages are listed newest first (receiptDate descending)', unordered < 0, () => ({ request: first, expected: 'receiptDate never increasing', seen: unordered < 0 ? '' : `${messages[unordered - 1].messageId} (${messages[unordered - 1].receiptDate}) before ${messages[unordered].messageId} (${messages[unordered].receiptDate})` }));
  const now = Date.now();
  const expired = messages.filter((m) => Date.parse(m.expirationDate) <= now);
  observe(kit, AREA, 'An expired message is never listed', expired.length === 0, () => ({ request: first, expected: 'expirationDate in the future', seen: expired.slice(0, 3).map((m) => `${m.messageId} expired ${m.expirationDate}`).join('; ') }));
}

/** Small pages show the same sequence as large ones. */
export async function paging(kit: Kit): Promise<void> {
  const size = 7;
  const small: string[] = [];
  let firstSmall = '';
  for (let page = 1; page <= 3; page++) {
    const answer = await list(kit, { page, pageSize: size });
    firstSmall ||= answer.curl;
    if (answer.status !== 200) return;
    small.push(...ids(answer.json().items));
  }
  const expected = ids(kit.seen.messages).slice(0, small.length);
  observe(kit, AREA, 'Paging is stable: pages of 7 show the same order as pages of 100', JSON.stringify(small) === JSON.stringify(expected), () => ({ request: `${firstSmall} (and pages 2, 3)`, expected: expected.join(', '), seen: small.join(', ') }));
  const past = await list(kit, { page: 100000, pageSize: 100 });
  observe(kit, AREA, 'A page past the end is 200 with items: []', past.status === 200 && Array.isArray(past.json().items) && past.json().items.length === 0, () => ({ request: past.curl, expected: '200, items: []', seen: `${past.status} ${past.text.slice(0, 120)}` }));
}

/** 400 only for syntactically wrong criteria and q without qlang; everything else 200. */
export async function badRequests(kit: Kit): Promise<void> {
  const refused: Record<string, string | number>[] = [
    { page: 0 },
    { pageSize: 101 },
    { page: 'abc' },
    { receivedAfter: '2021-02-29' },
    { receivedBefore: '2021-13-01' },
    { expiredAfter: '01/03/2021' },
    { readStatus: 'maybe' },
    { q: 'attest' },
  ];
  for (const params of refused) {
    const answer = await list(kit, params);
    expectStatus(kit, AREA, '400 for a malformed criterion or q without qlang', answer, 400);
  }
  const total = kit.seen.messages.length;
  const accepted: [Record<string, string>, 'empty' | 'all'][] = [
    [{ receivedAfter: '2060-03-05' }, 'empty'],
    [{ receivedAfter: '2024-05-01', receivedBefore: '2020-01-01' }, 'empty'],
    [{ messageTypeId: UNKNOWN_ID }, 'empty'],
    [{ senderOrganizationId: '0000000000' }, 'empty'],
    [{ conformanceUndeclared: 'x' }, 'all'],
    [{ qlang: 'fr' }, 'all'],
  ];
  for (const [params, expect] of accepted) {
    const answer = await list(kit, params);
    if (!expectStatus(kit, AREA, '200 for criteria that are well-formed, even incoherent, unknown or undeclared', answer, 200)) continue;
    const body = answer.json();
    const ok = expect === 'empty' ? body.totalItems === 0 && body.items?.length === 0 : !kit.seen.complete || body.totalItems === total;
    observe(kit, AREA, 'Criteria that match nothing give items: [] and totalItems: 0; undeclared parameters are ignored', ok, () => ({ request: answer.curl, expected: expect === 'empty' ? 'totalItems 0' : `totalItems ${total}, as without the parameter`, seen: `totalItems ${body.totalItems}` }));
  }
}

type Criteria = Record<string, string | boolean>;

/** The messages of the walk that satisfy criteria, as the profile reads them (dates are Brussels days, both bounds included). */
export function matching(messages: Msg[], c: Criteria): Msg[] {
  return messages.filter((m) => {
    const received = brusselsDay(m.receiptDate);
    const expires = brusselsDay(m.expirationDate);
    return (
      (c.receivedAfter === undefined || received >= String(c.receivedAfter)) &&
      (c.receivedBefore === undefined || received <= String(c.receivedBefore)) &&
      (c.expiredAfter === undefined || expires >= String(c.expiredAfter)) &&
      (c.expiredBefore === undefined || expires <= String(c.expiredBefore)) &&
      ['readStatus', 'visible', 'registeredMail'].every((k) => c[k] === undefined || (m[k] ?? (k === 'visible')) === c[k]) &&
      ['messageTypeId', 'senderOrganizationId', 'senderApplicationId'].every((k) => c[k] === undefined || m[k] === c[k])
    );
  });
}

/** One query, its answer compared with what the walk says it must hold. */
export async function expectCriteria(kit: Kit, area: string, rule: string, c: Criteria): Promise<void> {
  const expected = matching(kit.seen.messages, c);
  const answer = await list(kit, c);
  if (!expectStatus(kit, area, rule, answer, 200)) return;
  const body = answer.json();
  const got: Msg[] = body.items ?? [];
  const wrong = got.filter((m) => matching([m], c).length === 0);
  observe(kit, area, rule, wrong.length === 0, () => ({ request: answer.curl, expected: 'every message returned meets every criterion', seen: `not meeting them: ${wrong.slice(0, 5).map((m) => m.messageId).join(', ')}` }));
  if (!kit.seen.complete) return;
  observe(kit, area, rule, body.totalItems === expected.length, () => ({ request: answer.curl, expected: `totalItems ${expected.length} (${ids(expected).slice(0, 8).join(', ')})`, seen: `totalItems ${body.totalItems} (${ids(got).slice(0, 8).join(', ')})` }));
}

/** Each criterion alone and in conjunction, values taken from the provider's own messages. */
export async function criteria(kit: Kit): Promise<void> {
  const rule = 'Criteria are applied together: every message that meets them all, and only those';
  const first = kit.seen.messages[0];
  if (!first) return;
  for (const key of ['messageTypeId', 'senderOrganizationId', 'senderApplicationId']) {
    const value = kit.seen.messages.find((m) => m[key] !== undefined)?.[key];
    if (value !== undefined) await expectCriteria(kit, AREA, rule, { [key]: value });
  }
  for (const key of ['readStatus', 'visible', 'registeredMail']) {
    for (const value of [true, false]) await expectCriteria(kit, AREA, rule, { [key]: value });
  }
  await expectCriteria(kit, AREA, rule, { messageTypeId: first.messageTypeId, readStatus: Boolean(first.readStatus), senderOrganizationId: first.senderOrganizationId });
  await expectCriteria(kit, AREA, rule, { readStatus: false, visible: true });
}

/** Received and expiry bounds are Brussels calendar days, both included; messages near midnight UTC tell. */
export async function dates(kit: Kit): Promise<void> {
  const rule = 'Date criteria are calendar days in Europe/Brussels, both bounds included';
  const nearMidnight = (iso: string) => [21, 22, 23, 0, 1].includes(new Date(iso).getUTCHours());
  const picks = [
    ...kit.seen.messages.filter((m) => nearMidnight(m.receiptDate)).slice(0, 2),
    kit.seen.messages[0],
  ].filter(Boolean);
  for (const m of picks.slice(0, 3)) {
    const day = brusselsDay(m.receiptDate);
    await expectCriteria(kit, AREA, rule, { receivedAfter: day, receivedBefore: day });
    await expectCriteria(kit, AREA, rule, { receivedBefore: addDays(day, -1) });
    await expectCriteria(kit, AREA, rule, { receivedAfter: addDays(day, 1) });
  }
  const expiring = kit.seen.messages.find((m) => nearMidnight(m.expirationDate)) ?? kit.seen.messages[0];
  if (expiring) {
    const day = brusselsDay(expiring.expirationDate);
    await expectCriteria(kit, AREA, rule, { expiredAfter: day, expiredBefore: day });
    await expectCriteria(kit, AREA, rule, { expiredBefore: addDays(day, -1) });
  }
}

/** GET /ebox agrees with the lists: expired messages counted nowhere, hidden ones counted like the unfiltered list. */
export async function summary(kit: Kit): Promise<void> {
  const area = 'summary';
  const answer = await getJson(kit, { path: '/ebox', operationId: 'getEBoxById', token: 'token' });
  if (!expectStatus(kit, area, 'GET /ebox answers 200 with the summary of the e-Box of the token', answer, 200) || !kit.seen.complete) return;
  const ebox = answer.json();
  const messages = kit.seen.messages;
  const unread = messages.filter((m) => !m.readStatus).length;
  const kb = messages.flatMap((m) => m.attachments?.items ?? []).reduce((sum: number, a: Msg) => sum + Number(a.size), 0);
  const newest = messages[0]?.receiptDate;
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b));
  const figures: [string, boolean, string, unknown][] = [
    ['numberOfMessages equals the messages listed without criteria (expired ones excluded, hidden ones included)', ebox.numberOfMessages === messages.length, String(messages.length), ebox.numberOfMessages],
    ['numberOfUnreadMessages equals the unread messages listed', ebox.numberOfUnreadMessages === undefined || ebox.numberOfUnreadMessages === unread, String(unread), ebox.numberOfUnreadMessages],
    ['lastReceiptDate is the receiptDate of the newest message listed', newest === undefined ? ebox.lastReceiptDate === undefined : same(ebox.lastReceiptDate, newest), String(newest), ebox.lastReceiptDate],
    ['eboxSize is the total size of the attachments listed (kB)', ebox.eboxSize === undefined || Math.abs(Number(ebox.eboxSize) - kb) <= Math.max(1, messages.length * 0.01), kb.toFixed(2), ebox.eboxSize],
  ];
  for (const [rule, ok, expected, seen] of figures) observe(kit, area, rule, ok, () => ({ request: answer.curl, expected, seen: String(seen) }));
}

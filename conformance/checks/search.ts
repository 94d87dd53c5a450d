import type { Answer } from '../http';
import { expectStatus, fold, observe, query, textIn, getJson, brusselsDay, type Kit, type Msg } from '../kit';
import { KINDS, referenceOf } from './reference';

const AREA = 'search';
const FIND = 'q finds a message whose searchable text contains it, ignoring case and accents';
const ONLY = 'Every message q returns contains q in a searchable field (every character of q literal)';

/** What the profile lets q match in a message, one string per field, in a language (after completion). */
export async function searchableTexts(kit: Kit, m: Msg, lang: string): Promise<string[]> {
  const texts = [textIn(m.subject, lang)];
  for (const data of m.businessDataList?.items ?? []) for (const value of data.values ?? []) texts.push(textIn(value, lang));
  if (m.forTheAttentionOf) texts.push(String(m.forTheAttentionOf.id ?? ''), String(m.forTheAttentionOf.name ?? ''));
  const [type, organization, application] = await Promise.all([
    referenceOf(kit, KINDS[0], m.messageTypeId),
    referenceOf(kit, KINDS[1], m.senderOrganizationId),
    referenceOf(kit, KINDS[2], m.senderApplicationId),
  ]);
  texts.push(textIn(type?.messageTypeName, lang), textIn(type?.messageTypeDescription, lang));
  texts.push(textIn(organization?.organizationShortName, lang), textIn(organization?.organizationLongName, lang));
  texts.push(textIn(application?.applicationName, lang), textIn(application?.applicationDescription, lang));
  return texts.filter((t) => t !== '');
}

export async function contains(kit: Kit, m: Msg, q: string, lang: string): Promise<boolean> {
  const needle = fold(q);
  return (await searchableTexts(kit, m, lang)).some((t) => fold(t).includes(needle));
}

/** Runs a search, checks that every message it returns contains the needle; returns the answer. */
export async function search(kit: Kit, q: string, lang: string, extra: Record<string, string> = {}): Promise<Answer | undefined> {
  const answer = await getJson(kit, { path: `/ebox/messages?${query({ q, qlang: lang, pageSize: 100, ...extra })}`, operationId: 'getMessagesByEBoxId', token: 'token' });
  if (!expectStatus(kit, AREA, 'A search with q and qlang answers 200', answer, 200)) return undefined;
  const items: Msg[] = answer.json().items ?? [];
  for (const m of items.slice(0, 25)) {
    const ok = await contains(kit, m, q, lang);
    observe(kit, AREA, ONLY, ok, () => ({ request: answer.curl, expected: `only messages containing "${q}" (case and accents ignored)`, seen: `${m.messageId}: ${textIn(m.subject, lang).slice(0, 80)}` }));
  }
  return answer;
}

/** The needle, found in the message's own day (so that it is on the first page), under case and accent changes. */
async function expectFound(kit: Kit, m: Msg, needle: string, lang: string): Promise<void> {
  const day = brusselsDay(m.receiptDate);
  for (const variant of new Set([needle, needle.toUpperCase(), fold(needle)])) {
    const answer = await search(kit, variant, lang, { receivedAfter: day, receivedBefore: day });
    if (!answer) continue;
    const found = (answer.json().items ?? []).some((i: Msg) => i.messageId === m.messageId);
    observe(kit, AREA, FIND, found, () => ({ request: answer.curl, expected: `${m.messageId} among the results`, seen: `${answer.json().totalItems} results without it` }));
  }
}

/** A piece of a text around its first accented letter, or its middle: what a user might type. */
function needleFrom(text: string): string | undefined {
  const words = text.split(/\s+/).filter((w) => w.length >= 4);
  const accented = words.find((w) => fold(w) !== w.toLowerCase());
  const word = accented ?? words[Math.floor(words.length / 2)];
  return word?.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').slice(0, 12) || undefined;
}

export async function textSearch(kit: Kit): Promise<void> {
  const messages = kit.seen.messages;
  const lang = 'fr';
  // Subjects first with accents, then business data and sender names.
  const withAccent = messages.find((m) => fold(textIn(m.subject, lang)) !== textIn(m.subject, lang).toLowerCase());
  for (const m of [withAccent, messages[0], messages[Math.floor(messages.length / 2)]].filter(Boolean) as Msg[]) {
    const needle = needleFrom(textIn(m.subject, lang));
    if (needle) await expectFound(kit, m, needle, lang);
  }
  const withData = messages.find((m) => (m.businessDataList?.items ?? []).some((d: Msg) => textIn(d.values?.[0], lang) !== ''));
  if (withData) {
    const value = textIn(withData.businessDataList.items.find((d: Msg) => textIn(d.values?.[0], lang) !== '').values[0], lang);
    await expectFound(kit, withData, value.slice(0, 20), lang);
  }
  if (messages[0]) {
    const organization = await referenceOf(kit, KINDS[1], messages[0].senderOrganizationId);
    const name = needleFrom(textIn(organization?.organizationShortName, lang));
    if (name) await expectFound(kit, messages[0], name, lang);
  }
  // Literal characters: a provider that treats them as wildcards returns messages without them.
  for (const q of ['%', '_', '%_%', '\\', "'"]) await search(kit, q, lang);
  const absent = await search(kit, 'zqxw-conformance-absent-9x7', lang);
  if (absent) observe(kit, AREA, 'A needle that no message contains finds nothing', absent.json().totalItems === 0, () => ({ request: absent.curl, expected: 'totalItems 0', seen: `totalItems ${absent.json().totalItems}` }));
}

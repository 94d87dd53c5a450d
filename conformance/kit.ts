import { DateTime } from 'luxon';
import { translatedStrings, type Contract } from './contract';
import type { Answer, Call, Client } from './http';
import type { Finding, Level, Results } from './results';

/** The messages of the e-Box under test as the provider lists them, and the reference data they name. */
export interface Seen {
  messages: Msg[];
  /** Whether the walk saw every message (a very large e-Box is sampled). */
  complete: boolean;
  reference: Map<string, Record<string, unknown> | undefined>;
}

// Bodies as the provider sent them, checked against the contract by the client.
export type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Kit {
  http: Client;
  results: Results;
  contract: Contract;
  origin: string | undefined;
  seen: Seen;
}

export const LANGUAGES = ['nl', 'fr', 'de'] as const;

/** A check of one area: a rule, an observation, and the finding to report when it does not hold. */
export function observe(kit: Kit, area: string, rule: string, ok: boolean, finding: () => Finding, level: Level = 'must'): boolean {
  return kit.results.observe(area, rule, ok, finding, level);
}

/** Observes that an answer has the expected status; returns whether it has. */
export function expectStatus(kit: Kit, area: string, rule: string, answer: Answer, expected: number | number[], level: Level = 'must'): boolean {
  const allowed = Array.isArray(expected) ? expected : [expected];
  return observe(kit, area, rule, allowed.includes(answer.status), () => ({ request: answer.curl, expected: `status ${allowed.join(' or ')}`, seen: `${answer.status} ${answer.text.slice(0, 160)}` }), level);
}

/** Every TranslatedString of a 200 answer, as the contract locates them, has nl, fr and de (none empty unless all are). */
export function checkTranslations(kit: Kit, answer: Answer, operationId: string): void {
  if (answer.status !== 200) return;
  for (const { at, value } of translatedStrings(kit.contract, kit.contract.responseSchema(operationId, 200), answer.json())) {
    const v = (value ?? {}) as Record<string, unknown>;
    const texts = LANGUAGES.map((l) => v[l]);
    const present = texts.every((t) => typeof t === 'string');
    const consistent = texts.every((t) => t !== '') || texts.every((t) => t === '');
    observe(kit, 'translations', 'Every TranslatedString gives nl, fr and de (a missing language filled from another)', present && consistent, () => ({
      request: answer.curl,
      expected: `${at || '(body)'}: nl, fr and de`,
      seen: JSON.stringify(value),
    }));
  }
}

export async function getJson(kit: Kit, call: Call & { operationId: string }): Promise<Answer> {
  const answer = await kit.http.send(call);
  checkTranslations(kit, answer, call.operationId);
  return answer;
}

/** Case and accents ignored, as the profile's text search compares. */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The Brussels calendar day of a date-time. */
export const brusselsDay = (dateTime: string): string => DateTime.fromISO(dateTime, { zone: 'Europe/Brussels' }).toISODate() ?? '';

export const addDays = (day: string, days: number): string => DateTime.fromISO(day).plus({ days }).toISODate() ?? '';

export const query = (params: Record<string, string | number | boolean | undefined>): string =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number | boolean] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString();

/** A message id that no provider holds. */
export const UNKNOWN_ID = 'conformance-kit-unknown-0f3c9a';

/** The text of a TranslatedString in a language (after the provider's completion). */
export const textIn = (value: unknown, lang: string): string => {
  const t = (value as Record<string, unknown> | undefined)?.[lang];
  return typeof t === 'string' ? t : '';
};

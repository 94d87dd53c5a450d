import { Contract } from './contract';
import { loadDataSet } from './dataset';
import { Client, Unanswered, type TokenName } from './http';
import type { Kit } from './kit';
import { Results } from './results';
import { attachments } from './checks/attachments';
import { certification, resetDataSet } from './checks/certification';
import { isolation } from './checks/isolation';
import { badRequests, criteria, dates, paging, summary, walk } from './checks/lists';
import { cors, unauthenticated, version } from './checks/platform';
import { referenceData } from './checks/reference';
import { textSearch } from './checks/search';
import { visibility } from './checks/visibility';

export type Profile = 'prod' | 'certification';

export interface KitOptions {
  url: string;
  token: string;
  otherToken?: string;
  certificationToken?: string;
  origin?: string;
  profile: Profile;
  timeoutMs: number;
  maxRequests: number;
}

export interface Run {
  results: Results;
  requests: number;
  durationMs: number;
  options: KitOptions;
}

/**
 * The checks, in order. Each is an area of its own: a provider that stops
 * answering in one still gets the others checked. The prod checks change
 * nothing durably; the certification profile first resets the test e-Box.
 */
export async function runKit(options: KitOptions): Promise<Run> {
  const started = Date.now();
  const results = new Results();
  const contract = new Contract();
  const tokens: Partial<Record<TokenName, string>> = { token: options.token, otherToken: options.otherToken, certificationToken: options.certificationToken };
  const http = new Client(options.url.replace(/\/+$/, ''), tokens, results, contract, options.timeoutMs, options.maxRequests);
  const kit: Kit = { http, results, contract, origin: options.origin, seen: { messages: [], complete: false, reference: new Map() } };

  const guarded = async (area: string, check: () => Promise<void>) => {
    try {
      await check();
    } catch (err) {
      if (err instanceof Unanswered) return;
      results.observe(area, 'The provider answers in a way the kit can read', false, () => ({ expected: 'answers the kit can read', seen: `${(err as Error).message}` }));
    }
  };

  let day: string | undefined;
  if (options.profile === 'certification') {
    await guarded('certification', async () => {
      day = await resetDataSet(kit);
    });
  }
  await guarded('certification', () => version(kit, options.profile === 'certification'));
  await guarded('security', () => unauthenticated(kit));
  await guarded('lists', () => walk(kit));
  await guarded('summary', () => summary(kit));
  await guarded('lists', () => paging(kit));
  await guarded('lists', () => badRequests(kit));
  await guarded('lists', () => criteria(kit));
  await guarded('lists', () => dates(kit));
  await guarded('reference data', () => referenceData(kit));
  await guarded('search', () => textSearch(kit));
  await guarded('attachments', () => attachments(kit));
  await guarded('visibility', () => visibility(kit));
  await guarded('security', () => isolation(kit));
  await guarded('cors', () => cors(kit));
  if (day !== undefined) {
    const resetDay = day;
    await guarded('certification data set', () => certification(kit, loadDataSet(), resetDay));
  }
  return { results, requests: http.count, durationMs: Date.now() - started, options };
}

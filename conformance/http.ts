import type { Contract } from './contract';
import type { Results } from './results';

export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Names of the tokens sent, for the curl line: the token itself is never printed. */
  tokenName?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  sent: Sent;
  /** The curl line of the request, token elided. */
  curl: string;
  // Bodies are checked against the contract by the client; checks read them freely.
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Call {
  method?: string;
  /** A path below the provider's root URL (with its query), or an absolute URL the provider gave (contentHref). */
  path: string;
  /** A named token from the command line ('token', 'otherToken', 'certificationToken'); none: no Authorization. */
  token?: TokenName;
  headers?: Record<string, string>;
  body?: string;
  /** The contract operation, to check the answer against. */
  operationId?: string;
}

export type TokenName = 'token' | 'otherToken' | 'certificationToken';

/** Thrown when a request got no answer or the budget is spent; already recorded as a finding. */
export class Unanswered extends Error {}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlOf(sent: Sent): string {
  const parts = ['curl', '-i'];
  if (sent.method !== 'GET') parts.push('-X', sent.method);
  for (const [name, value] of Object.entries(sent.headers)) {
    parts.push('-H', quote(`${name}: ${name.toLowerCase() === 'authorization' ? `Bearer <${sent.tokenName ?? 'token'}>` : value}`));
  }
  if (sent.body !== undefined) parts.push('--data-raw', quote(sent.body));
  parts.push(quote(sent.url));
  return parts.join(' ');
}

/**
 * The kit's only way to the provider: plain HTTP, a timeout per request, a
 * budget of requests for the whole run, and every answer to a contract
 * operation checked against the contract.
 */
export class Client {
  count = 0;

  constructor(
    private readonly root: string,
    private readonly tokens: Partial<Record<TokenName, string>>,
    private readonly results: Results,
    private readonly contract: Contract,
    private readonly timeoutMs: number,
    private readonly maxRequests: number,
  ) {}

  has(token: TokenName): boolean {
    return this.tokens[token] !== undefined;
  }

  url(path: string): string {
    return /^https?:\/\//.test(path) ? path : this.root + path;
  }

  async send(call: Call): Promise<Answer> {
    const headers: Record<string, string> = { ...call.headers };
    const token = call.token ? this.tokens[call.token] : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;
    // fetch marks a conditional request it did not make itself `Cache-Control: no-cache`, which forbids a 304 (RFC 9111); a browser revalidating sends max-age=0.
    if (headers['If-None-Match'] || headers['If-Modified-Since']) headers['Cache-Control'] ??= 'max-age=0';
    const sent: Sent = { method: call.method ?? 'GET', url: this.url(call.path), headers, body: call.body, tokenName: call.token };
    const curl = curlOf(sent);
    if (++this.count > this.maxRequests) {
      this.results.observe('transport', `The run stays within its budget of ${this.maxRequests} requests`, false, () => ({
        request: curl,
        expected: `at most ${this.maxRequests} requests`,
        seen: 'the budget was spent; the remaining checks of this area were not run',
      }));
      throw new Unanswered('request budget spent');
    }
    let response: Response;
    let bytes: Buffer;
    try {
      response = await fetch(sent.url, {
        method: sent.method,
        headers,
        body: call.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      this.results.observe('transport', `Every request is answered within ${this.timeoutMs / 1000} s`, false, () => ({
        request: curl,
        expected: 'an HTTP answer',
        seen: timedOut ? `no answer after ${this.timeoutMs} ms` : `no answer: ${(err as Error).message}`,
      }));
      throw new Unanswered(curl);
    }
    const text = bytes.toString('utf8');
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      bytes,
      text,
      sent,
      curl,
      json: () => JSON.parse(text),
    };
    if (call.operationId) this.contract.check(call.operationId, answer, this.results);
    return answer;
  }
}

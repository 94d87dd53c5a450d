import type { EesConfig } from '../config';
import type { EesAnswer } from '../db/repositories/outbox';

/** Where the dispatcher's token comes from: the provider's own OAuth2 token (auth/own-token.ts), or none. */
export interface Credentials {
  get(): Promise<string>;
  invalidate(token: string): void;
}

/**
 * How the EES took a POST:
 * - accepted: 2xx, the events are stored;
 * - duplicate: 409, an idempotency violation: it already has (some of) them;
 * - refused: any other answer of the EES that retrying will not change (4xx);
 * - unavailable: no answer (network error, timeout), 5xx, 408, 429, or no own
 *   token to be had: the same POST may succeed later.
 */
export type Delivery = { kind: 'accepted' | 'duplicate' | 'refused' | 'unavailable'; answer: EesAnswer };

/** The first bytes of an answer kept for the logs and the outbox. */
const ANSWER_CHARS = 300;
const CBE = /\b[01]\d{9}\b/g;

/**
 * What may be logged and stored of an answer: one line, short, with anything
 * shaped like a CBE number masked (an EES may echo the events it refuses).
 */
export function safeAnswer(status: number | null, text: string): EesAnswer {
  // Masked before it is cut, so that no cut leaves most of a number behind.
  const line = text.replace(CBE, '[cbe]').replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
  return { status, answer: status === null ? line : `${status}${line ? ` ${line}` : ''}` };
}

/** An error's name and codes (fetch's cause included): enough to diagnose, never a token. */
function errorName(err: unknown): string {
  const e = err as { name?: string; code?: string; status?: number; error?: string; cause?: { code?: string; name?: string } };
  return [e?.name, e?.code, e?.status, e?.error, e?.cause?.name, e?.cause?.code].filter((v) => v !== undefined && v !== '').join(' ') || 'error';
}

const RETRYABLE_4XX = new Set([408, 429]);

/** Posts events to the EES endpoint: `POST <EES_URL>[?clientId=…]` with a JSON array of events. */
export class EesClient {
  private readonly endpoint: URL;

  constructor(
    settings: Pick<EesConfig, 'clientId' | 'timeoutMs'> & { url: URL },
    private readonly credentials: Credentials | undefined,
    private readonly timeoutMs = settings.timeoutMs,
  ) {
    this.endpoint = new URL(settings.url);
    if (settings.clientId !== undefined) this.endpoint.searchParams.set('clientId', settings.clientId);
  }

  /** Never throws: every failure is a Delivery. `signal` aborts the call (the dispatcher stopping). */
  async post(events: unknown[], signal: AbortSignal): Promise<Delivery> {
    const body = JSON.stringify(events);
    let token: string | undefined;
    try {
      token = await this.credentials?.get();
    } catch (err) {
      return { kind: 'unavailable', answer: safeAnswer(null, `no own access token for the EES: ${errorName(err)}`) };
    }
    let delivery = await this.send(body, token, signal);
    if (delivery.answer.status === 401 && token !== undefined && this.credentials) {
      // The own token was revoked or expired early: one fresh token, one retry.
      this.credentials.invalidate(token);
      try {
        token = await this.credentials.get();
      } catch (err) {
        return { kind: 'unavailable', answer: safeAnswer(null, `no own access token for the EES: ${errorName(err)}`) };
      }
      delivery = await this.send(body, token, signal);
    }
    return delivery;
  }

  private async send(body: string, token: string | undefined, signal: AbortSignal): Promise<Delivery> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      const answer = safeAnswer(response.status, await response.text());
      return { kind: classify(response.status), answer };
    } catch (err) {
      return { kind: 'unavailable', answer: safeAnswer(null, errorName(err)) };
    }
  }
}

function classify(status: number): Delivery['kind'] {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 409) return 'duplicate';
  if (status >= 500 || RETRYABLE_4XX.has(status)) return 'unavailable';
  return 'refused';
}

import { clientCredentialsGrant, type Configuration } from 'openid-client';

// Without expires_in the token is kept this long, or until the introspection endpoint refuses it.
const DEFAULT_LIFETIME_MS = 5 * 60_000;
// A token is replaced this long before it expires (at most half its lifetime).
const RENEWAL_MARGIN_MS = 30_000;

/**
 * The Document Provider's own access token (client_credentials grant), fetched
 * lazily, shared by concurrent callers and reused until shortly before it expires.
 */
export class OwnToken {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly oauth: Configuration,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A usable token; rejects with openid-client's error when the token endpoint fails. */
  get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets token after the introspection endpoint refused it, unless it was already replaced. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetch(): Promise<string> {
    const started = this.now();
    const response = await clientCredentialsGrant(this.oauth, { scope: this.scope });
    const lifetime = response.expires_in !== undefined ? response.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    this.current = { token: response.access_token, renewAt: started + lifetime - Math.min(RENEWAL_MARGIN_MS, lifetime / 2) };
    return response.access_token;
  }
}

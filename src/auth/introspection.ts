import fs from 'node:fs/promises';
import { importPKCS8 } from 'jose';
import {
  ClientSecretBasic,
  Configuration,
  PrivateKeyJwt,
  WWWAuthenticateChallengeError,
  type ClientAuth,
  allowInsecureRequests,
  fetchProtectedResource,
} from 'openid-client';
import { ConfigError, isLoopbackHttp, type IntrospectionConfig } from '../config';
import { authorizationServerUnavailable as unavailable, noEboxInToken, unauthorized, type ApiError } from '../http/errors';
import type { Logger } from '../log';
import { sha256Hex } from '../domain/hash';
import { normalizeCbe } from '../domain/cbe';
import type { Authenticator, Identity } from './identity';
import { IntrospectionCache } from './introspection-cache';
import { OwnToken } from './own-token';

export const CBE_ATTRIBUTE = 'urn:be:fgov:kbo-bce:organization:cbe-number';

const CLOCK_SKEW_S = 30;
// Refusals (inactive, expired, no e-Box) are remembered briefly so a flood of
// bad tokens does not become a flood of introspection calls.
const REFUSAL_TTL_MS = 5_000;
const RETRY_AFTER_S = 5;

/** The fields of an RFC 7662 answer this provider reads, checked for their types. */
interface IntrospectionAnswer {
  active: boolean;
  scope?: string;
  client_id?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  principalAttributes?: Record<string, unknown>;
}

type Outcome = { identity: Identity; exp: number | undefined } | { refusal: ApiError };

const authorizationServerUnavailable = () => unavailable(RETRY_AFTER_S);

/**
 * AUTH_MODE=introspection: each bearer token is introspected (RFC 7662) at the
 * federation's authorization server, which protects that endpoint with a bearer
 * token of its own: the Document Provider's, from a client_credentials grant.
 */
export class IntrospectionAuthenticator implements Authenticator {
  private readonly cache = new IntrospectionCache<Outcome>();

  constructor(
    private readonly oauth: Configuration,
    private readonly ownToken: OwnToken,
    private readonly settings: Pick<IntrospectionConfig, 'introspectionUrl' | 'cacheSeconds'>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(token: string): Promise<Identity> {
    const tokenHash = sha256Hex(token);
    const outcome = await this.cache.get(tokenHash, () => this.introspect(token, tokenHash), (o) => this.keepFor(o));
    if ('refusal' in outcome) throw outcome.refusal;
    return outcome.identity;
  }

  private keepFor(outcome: Outcome): number {
    if ('refusal' in outcome) return REFUSAL_TTL_MS;
    const max = this.settings.cacheSeconds * 1000;
    return outcome.exp === undefined ? max : Math.min(max, outcome.exp * 1000 - this.now());
  }

  private async introspect(token: string, tokenHash: string): Promise<Outcome> {
    let own = await this.ownTokenOr503();
    let response = await this.post(own, token);
    if (response.status === 401) {
      // The own token was revoked or expired early: one fresh token, one retry.
      this.ownToken.invalidate(own);
      own = await this.ownTokenOr503();
      response = await this.post(own, token);
    }
    if (response.status !== 200) {
      const level = response.status >= 500 ? 'warn' : 'error';
      this.log[level]({ status: response.status }, 'introspection endpoint answered with an error status');
      throw authorizationServerUnavailable();
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      this.log.error({ cause: errorName(err) }, 'introspection answer could not be read as JSON');
      throw authorizationServerUnavailable();
    }
    const problem = shapeProblem(body);
    if (problem) {
      this.log.error({ problem }, 'malformed introspection answer');
      throw authorizationServerUnavailable();
    }
    return this.judge(body as IntrospectionAnswer, tokenHash);
  }

  private judge(answer: IntrospectionAnswer, tokenHash: string): Outcome {
    const now = this.now() / 1000;
    if (!answer.active) return { refusal: unauthorized('The access token is not active', 'invalid_token') };
    if (answer.exp !== undefined && now >= answer.exp + CLOCK_SKEW_S) {
      return { refusal: unauthorized('The access token has expired', 'invalid_token') };
    }
    if (answer.nbf !== undefined && now < answer.nbf - CLOCK_SKEW_S) {
      return { refusal: unauthorized('The access token is not valid yet', 'invalid_token') };
    }
    const cbe = answer.principalAttributes?.[CBE_ATTRIBUTE];
    const eboxId = Array.isArray(cbe) ? normalizeCbe(cbe[0]) : undefined;
    if (!eboxId) {
      return { refusal: noEboxInToken() };
    }
    return {
      identity: {
        eboxId,
        scopes: new Set((answer.scope ?? '').split(/\s+/).filter(Boolean)),
        clientId: answer.client_id ?? 'unknown',
        tokenHash,
      },
      exp: answer.exp,
    };
  }

  private async ownTokenOr503(): Promise<string> {
    try {
      return await this.ownToken.get();
    } catch (err) {
      // status and the OAuth error code (invalid_client…) say whether our credentials or the server are at fault.
      const { status, error } = err as { status?: unknown; error?: unknown };
      this.log.error({ cause: errorName(err), status, error }, 'could not obtain the provider’s own access token');
      throw authorizationServerUnavailable();
    }
  }

  private async post(own: string, token: string): Promise<Response> {
    try {
      const headers = new Headers({ accept: 'application/json' });
      return await fetchProtectedResource(this.oauth, own, this.settings.introspectionUrl, 'POST', new URLSearchParams({ token }), headers);
    } catch (err) {
      // A 401 with a WWW-Authenticate challenge arrives as an error: hand back its response.
      if (err instanceof WWWAuthenticateChallengeError) return err.response;
      this.log.warn({ cause: errorName(err) }, 'introspection endpoint unreachable');
      throw authorizationServerUnavailable();
    }
  }
}

/** What went wrong with an introspection answer's shape, naming the field but never its value. */
function shapeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.active !== 'boolean') return 'active is not a boolean';
  for (const field of ['scope', 'client_id']) {
    if (b[field] !== undefined && typeof b[field] !== 'string') return `${field} is not a string`;
  }
  for (const field of ['exp', 'nbf', 'iat']) {
    if (b[field] !== undefined && (typeof b[field] !== 'number' || !Number.isFinite(b[field]))) return `${field} is not a number`;
  }
  const attributes = b.principalAttributes;
  if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))) {
    return 'principalAttributes is not an object';
  }
  return undefined;
}

/** An error's name and code (openid-client's, fetch's cause): enough to diagnose, never a token. */
function errorName(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  return [e?.name, e?.code, e?.cause?.code].filter(Boolean).join(' ');
}

/**
 * How this provider authenticates to the federation's authorization server,
 * for introspection and for its own EES token alike: private_key_jwt with
 * OAUTH_PRIVATE_KEY_FILE (read and checked here, at start-up), or
 * client_secret_basic with OAUTH_CLIENT_SECRET.
 */
export async function clientAuthentication(settings: IntrospectionConfig): Promise<ClientAuth> {
  if (settings.privateKeyFile === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- loadConfig() requires exactly one of privateKeyFile and clientSecret
    return ClientSecretBasic(settings.clientSecret!);
  }
  let pem: string;
  try {
    pem = await fs.readFile(settings.privateKeyFile, 'utf8');
  } catch {
    throw new ConfigError('OAUTH_PRIVATE_KEY_FILE cannot be read');
  }
  try {
    return PrivateKeyJwt(await importPKCS8(pem, 'RS256'));
  } catch {
    throw new ConfigError('OAUTH_PRIVATE_KEY_FILE is not a PKCS#8 PEM RSA private key');
  }
}

/** Builds the authenticator from the configuration; the private key is read and checked here, at start-up. */
export async function createIntrospectionAuthenticator(settings: IntrospectionConfig, log: Logger): Promise<IntrospectionAuthenticator> {
  const clientAuth = await clientAuthentication(settings);
  // openid-client signs the client assertion with aud = the issuer: the audience is the issuer here.
  const oauth = new Configuration(
    { issuer: settings.audience, token_endpoint: settings.tokenUrl.href, introspection_endpoint: settings.introspectionUrl.href },
    settings.clientId,
    {},
    clientAuth,
  );
  oauth.timeout = settings.timeoutMs / 1000;
  // Plain http only reaches a local authorization server (tests); the configuration refuses it elsewhere.
  if (isLoopbackHttp(settings.tokenUrl) || isLoopbackHttp(settings.introspectionUrl)) allowInsecureRequests(oauth);
  return new IntrospectionAuthenticator(oauth, new OwnToken(oauth, settings.introspectScope), settings, log);
}

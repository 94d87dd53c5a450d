import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createLocalJWKSet, exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { HttpServer, OAuth2Issuer, OAuth2Service, type MutableResponse, type MutableToken, type TokenRequestIncomingMessage } from 'oauth2-mock-server';
import { DEFAULT_INTROSPECT_SCOPE } from '../../src/config';
import { CBE_ATTRIBUTE } from '../../src/auth/introspection';
import { SCOPE_PREFIX } from '../../src/auth/scopes';
import { tempDir } from './server';

export const CLIENT_ID = 'ebox:dp:test-provider';
export const AUDIENCE = 'https://oauth.federation.test';

/** What the token endpoint received. */
export interface TokenRequestSeen {
  body: Record<string, string>;
  authorization: string | undefined;
}

/** What the introspection endpoint received, and what it answered. */
export interface IntrospectionSeen {
  token: string | undefined;
  ownTokenValid: boolean;
  status: number;
}

interface FederationRequest extends IncomingMessage {
  body?: Record<string, string>;
  ownTokenValid?: boolean;
}

/**
 * A stand-in for the federation's authorization server, built from
 * oauth2-mock-server: /token issues signed JWTs (client_credentials), and
 * /introspect answers per caller token, but only to a request carrying
 * `Authorization: Bearer <a live token this server issued for the introspect scope>`.
 */
export class Federation {
  readonly service: OAuth2Service;
  readonly tokenRequests: TokenRequestSeen[] = [];
  readonly introspections: IntrospectionSeen[] = [];
  /** Caller token → introspection answer; unknown tokens are inactive. */
  readonly answers = new Map<string, Record<string, unknown>>();
  /** Lifetime of the provider's own tokens, in seconds. */
  ownTokenLifetime = 3600;
  /** Delay before /introspect answers, in ms. */
  introspectDelayMs = 0;
  /** When set, /introspect (or /token) answers this status with an error body. */
  introspectStatus: number | undefined;
  tokenStatus: number | undefined;
  /** When set, the next /introspect answers exactly this body. */
  nextIntrospectBody: unknown;
  private readonly revoked = new Set<string>();
  private readonly issued: string[] = [];
  private readonly http: HttpServer;

  private constructor(
    private readonly issuer: OAuth2Issuer,
    readonly clientPublicKey: CryptoKey,
    private readonly dir: string,
  ) {
    this.service = new OAuth2Service(issuer);
    this.http = new HttpServer((req, res) => void this.handle(req as FederationRequest, res));
    this.service.on('beforeTokenSigning', (token: MutableToken) => {
      token.payload.exp = token.payload.iat + this.ownTokenLifetime;
      // Two tokens issued within one second must differ, or revoking one would revoke the next.
      token.payload.jti = crypto.randomUUID();
    });
    this.service.on('beforeResponse', (response: MutableResponse, req: TokenRequestIncomingMessage) => this.onToken(response, req));
    this.service.on('beforeIntrospect', (response: MutableResponse, req: FederationRequest) => this.onIntrospect(response, req));
  }

  static async start(): Promise<Federation> {
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const client = await generateKeyPair('RS256', { extractable: true });
    const dir = tempDir('ebox-dp-key-');
    fs.writeFileSync(path.join(dir, 'dp-key.pem'), await exportPKCS8(client.privateKey), { mode: 0o600 });
    const federation = new Federation(issuer, client.publicKey, dir);
    await federation.http.start(0, '127.0.0.1');
    issuer.url = federation.url;
    return federation;
  }

  /** The provider's private key (PKCS#8 PEM), whose public half is clientPublicKey. */
  get privateKeyFile(): string {
    return path.join(this.dir, 'dp-key.pem');
  }

  get url(): string {
    return `http://127.0.0.1:${this.http.address().port}`;
  }

  /** The provider's environment for AUTH_MODE=introspection against this server. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AUTH_MODE: 'introspection',
      OAUTH_TOKEN_URL: `${this.url}/token`,
      OAUTH_INTROSPECTION_URL: `${this.url}/introspect`,
      OAUTH_CLIENT_ID: CLIENT_ID,
      OAUTH_AUDIENCE: AUDIENCE,
      OAUTH_PRIVATE_KEY_FILE: this.privateKeyFile,
      ...extra,
    };
  }

  /** A new opaque caller token whose introspection answers body. */
  token(body: Record<string, unknown>): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.answers.set(token, body);
    return token;
  }

  /** How many introspection calls carrying a valid own token named this caller token. */
  callsFor(token: string): number {
    return this.introspections.filter((i) => i.token === token && i.ownTokenValid).length;
  }

  /** The federation forgets every own token issued so far (as if they had been revoked). */
  revokeOwnTokens(): void {
    for (const t of this.issued) this.revoked.add(t);
  }

  stop(): Promise<void> {
    fs.rmSync(this.dir, { recursive: true, force: true });
    return this.http.stop();
  }

  // The mock's /introspect does not parse forms and its hooks are synchronous:
  // read the form and verify the bearer token here, then hand over to the mock.
  private async handle(req: FederationRequest, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && req.url === '/introspect') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      req.body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      req.ownTokenValid = await this.verifyOwnToken(req.headers.authorization);
      if (this.introspectDelayMs > 0) await new Promise((r) => setTimeout(r, this.introspectDelayMs));
    }
    this.service.requestHandler(req, res);
  }

  private async verifyOwnToken(authorization: string | undefined): Promise<boolean> {
    const own = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!own || this.revoked.has(own)) return false;
    try {
      const { payload } = await jwtVerify(own, createLocalJWKSet({ keys: this.issuer.keys.toJSON() }), { clockTolerance: 0 });
      return payload.scope === DEFAULT_INTROSPECT_SCOPE;
    } catch {
      return false;
    }
  }

  private onToken(response: MutableResponse, req: TokenRequestIncomingMessage): void {
    this.tokenRequests.push({ body: { ...(req.body as unknown as Record<string, string>) }, authorization: req.headers.authorization });
    if (this.tokenStatus !== undefined) {
      response.statusCode = this.tokenStatus;
      response.body = { error: 'server_error' };
      return;
    }
    if (response.body !== '') {
      response.body.expires_in = this.ownTokenLifetime;
      this.issued.push(response.body.access_token as string);
    }
  }

  private onIntrospect(response: MutableResponse, req: FederationRequest): void {
    const token = req.body?.token;
    const ownTokenValid = req.ownTokenValid === true;
    if (!ownTokenValid) {
      response.statusCode = 401;
      response.body = { error: 'invalid_token' };
    } else if (this.introspectStatus !== undefined) {
      response.statusCode = this.introspectStatus;
      response.body = { error: 'server_error' };
    } else if (this.nextIntrospectBody !== undefined) {
      response.body = this.nextIntrospectBody as Record<string, unknown>;
      this.nextIntrospectBody = undefined;
    } else {
      response.body = (token && this.answers.get(token)) || { active: false };
    }
    this.introspections.push({ token, ownTokenValid, status: response.statusCode });
  }
}

const now = () => Math.floor(Date.now() / 1000);

/** An active introspection answer in the federation's shape. */
export function activeAnswer(options: { cbe?: string | null; scopes?: string[]; exp?: number; nbf?: number; clientId?: string } = {}): Record<string, unknown> {
  const iat = now();
  const scopes = options.scopes ?? ['summaryownebox', 'messagesfull', 'referencedata'];
  return {
    active: true,
    client_id: options.clientId ?? 'portal:client',
    token_type: 'access_token',
    sub: '79072300048',
    iss: 'oauth.federation.test',
    jti: crypto.randomUUID(),
    principalAttributes: options.cbe === null ? { 'urn:be:fgov:persons:ssin': ['79072300048'] } : { [CBE_ATTRIBUTE]: [options.cbe ?? '0123456749'] },
    iat,
    exp: options.exp ?? iat + 3600,
    nbf: options.nbf ?? iat - 60,
    scope: ['openid', ...scopes.map((s) => SCOPE_PREFIX + s)].join(' '),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

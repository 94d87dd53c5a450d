import path from 'node:path';
import { DEFAULT_POSTGRES_KEPT_STATEMENTS } from './db/connect';
import { DEFAULT_SEARCH_TOTALS } from './db/repositories/search-totals';
import { normalizeCbe } from './domain/cbe';
import type { LogFormat } from './log';
import { CONTRACT_MAX_FILES, DEFAULT_PUBLICATION_LIMITS, PUBLICATION_LIMIT_SETTINGS, type PublicationLimits } from './domain/limits';

export type AuthMode = 'dev' | 'introspection';

export interface Config extends StoreConfig {
  port: number;
  host: string;
  basePath: string;
  publicBaseUrl: string | undefined;
  authMode: AuthMode;
  corsOrigins: string[];
  /** Access-Control-Max-Age of preflight answers, in seconds. */
  corsMaxAge: number;
  referenceDataMaxAge: number;
  logLevel: string;
  /** JSON lines, or pino-pretty's for a developer's terminal. */
  logFormat: LogFormat;
  production: boolean;
  /** Requests served at once before new ones are refused with 503. */
  maxInFlight: number;
  /** node:http server bounds: open connections, and the time a request (headers, whole request) may take to arrive. */
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How long a graceful stop waits for requests in progress before it closes their connections. */
  shutdownTimeoutMs: number;
  /** Behind a TLS proxy: X-Forwarded-Proto/-Host make the links (contentHref) and X-Forwarded-For the client address. */
  trustProxy: boolean;
  /** GET /metrics, in Prometheus's text format. */
  metrics: boolean;
  /** Present when authMode is 'introspection'. */
  introspection: IntrospectionConfig | undefined;
  /** Notifications to the e-Box Event Service (README, "Notifications"). */
  ees: EesConfig;
  /** Seconds between two sweeps: due reminders and expiry alerts, retention. */
  sweepSeconds: number;
  /** Messages expired for longer than this many days are purged by the sweep. */
  retentionDaysAfterExpiry: number;
  /** Search totals each instance remembers while they stay exact (SEARCH_TOTALS); 0 remembers none. */
  searchTotals: number;
  /** PostgreSQL: statements each connection keeps prepared (POSTGRES_KEPT_STATEMENTS); 0 keeps none. */
  postgresKeptStatements: number;
  /** PostgreSQL: the longest a statement of the server may run, and a reply be waited for (DATABASE_STATEMENT_TIMEOUT_MS). */
  databaseStatementTimeoutMs: number;
  /** Bounds on one POST /publishMessage (PUBLICATION_MAX_*). */
  publication: PublicationLimits;
  /** Whether /portal/ serves the built-in portal view (PORTAL). */
  portal: boolean;
  /** The federation's draft certification endpoints (README, "Conformance kit"). */
  certification: CertificationConfig;
}

export interface CertificationConfig {
  /** The test e-Box resetDataSet fills; undefined: both certification endpoints answer 404. */
  eboxId: string | undefined;
  /** The scope a resetDataSet token needs. */
  scope: string;
  /** What GET /certification/version names as the build. */
  build: string;
}

function certification(env: NodeJS.ProcessEnv): CertificationConfig {
  const raw = env.CERTIFICATION_EBOX?.trim() ?? '';
  const eboxId = raw === '' ? undefined : normalizeCbe(raw);
  if (raw !== '' && eboxId === undefined) throw new ConfigError('CERTIFICATION_EBOX must be a CBE number (up to 10 digits, starting with 0 or 1 once padded)');
  return {
    eboxId,
    scope: env.CERTIFICATION_SCOPE?.trim() || 'scope:document:management:consult:ws-eboxrestentreprise:certification',
    build: env.BUILD_ID?.trim() || 'development',
  };
}

/** The federation's authorization server, as AUTH_MODE=introspection uses it. */
export interface IntrospectionConfig {
  tokenUrl: URL;
  introspectionUrl: URL;
  clientId: string;
  /** The `aud` of the client assertion: the authorization server's audience URL. */
  audience: string;
  /** Exactly one of privateKeyFile (private_key_jwt) and clientSecret (client_secret_basic). */
  privateKeyFile: string | undefined;
  clientSecret: string | undefined;
  /** The scope the DP's own token needs to call the introspection endpoint. */
  introspectScope: string;
  timeoutMs: number;
  cacheSeconds: number;
}

export const DEFAULT_INTROSPECT_SCOPE = 'scope:security:authorization:oauth:oauth-autz-server:introspect';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for an http:// URL whose host is this machine: allowed so tests can use a local mock. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

export class ConfigError extends Error {}

/** LOG_FORMAT, or by default readable lines on a terminal outside production and JSON everywhere else (files, collectors). */
function logFormat(env: NodeJS.ProcessEnv, production: boolean): LogFormat {
  const format = env.LOG_FORMAT?.trim().toLowerCase();
  if (format === undefined || format === '') return process.stdout.isTTY === true && !production ? 'pretty' : 'json';
  if (format !== 'json' && format !== 'pretty') throw new ConfigError(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  return format;
}

/** The e-Box Enterprise portal, production and acceptance: the pages that call a Document Provider from the browser. */
export const PORTAL_ORIGINS = ['https://www.eboxenterprise.be', 'https://wwwacc.eboxenterprise.be'];

/**
 * CORS_ORIGINS: unset, the two portal origins; otherwise exactly the origins
 * it lists (empty: none). A browser sends an origin as scheme://host[:port],
 * so an entry is compared in that form: a trailing slash and the case of the
 * host are normalized away, whereas a path, a query or a wildcard can never
 * match and is refused, rather than silently disabling CORS.
 */
export function corsOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return PORTAL_ORIGINS;
  const origins: string[] = [];
  for (const entry of raw.split(',').map((o) => o.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (url === undefined || !/^https?:$/.test(url.protocol) || url.origin === 'null' || url.username || url.password) {
      throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], e.g. https://www.eboxenterprise.be)`);
    }
    if (url.pathname !== '/' || url.search || url.hash) {
      throw new ConfigError(`CORS_ORIGINS: "${entry}" has a path, query or fragment; an origin is scheme://host[:port] only (did you mean ${url.origin}?)`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

/** A switch: on or off, in any case; unset or blank, the default. */
function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
  return raw === 'on';
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = integer(env, name, fallback);
  if (value === 0) throw new ConfigError(`${name} must be at least 1`);
  return value;
}

/** A base path is either empty or "/segment[/segment…]" without a trailing slash. */
function basePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed)) throw new ConfigError(`BASE_PATH must look like /dp or /a/b, got "${raw}"`);
  return trimmed;
}

/**
 * Dev tokens are made up by whoever sends them: they are used only when asked
 * for by name, never by default, and never in production.
 */
function authMode(env: NodeJS.ProcessEnv, production: boolean): AuthMode {
  const mode = env.AUTH_MODE || 'introspection';
  if (mode !== 'dev' && mode !== 'introspection') throw new ConfigError(`AUTH_MODE must be dev or introspection, got "${mode}"`);
  if (mode === 'dev' && production) {
    throw new ConfigError('AUTH_MODE=dev accepts made-up tokens and is refused when NODE_ENV=production');
  }
  return mode;
}

/** An authorization-server URL: https, or http on a loopback host only. The value is not echoed (it may carry credentials). */
function serverUrl(env: NodeJS.ProcessEnv, name: string): URL {
  let url: URL;
  try {
    url = new URL((env[name] ?? '').trim());
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new ConfigError(`${name} must be an https URL (plain http is allowed for 127.0.0.1, localhost and ::1 only)`);
  }
  return url;
}

function introspection(env: NodeJS.ProcessEnv): IntrospectionConfig {
  const value = (name: string) => env[name]?.trim() ?? '';
  const given = (name: string) => value(name) !== '';
  const required = ['OAUTH_TOKEN_URL', 'OAUTH_INTROSPECTION_URL', 'OAUTH_CLIENT_ID', 'OAUTH_AUDIENCE'];
  const missing = required.filter((name) => !given(name));
  const keyGiven = given('OAUTH_PRIVATE_KEY_FILE');
  const secretGiven = given('OAUTH_CLIENT_SECRET');
  if (!keyGiven && !secretGiven) missing.push('OAUTH_PRIVATE_KEY_FILE or OAUTH_CLIENT_SECRET');
  if (missing.length > 0) throw new ConfigError(`AUTH_MODE=introspection needs ${missing.join(', ')}`);
  if (keyGiven && secretGiven) throw new ConfigError('set only one of OAUTH_PRIVATE_KEY_FILE (private_key_jwt) and OAUTH_CLIENT_SECRET (client_secret_basic)');
  const timeoutMs = integer(env, 'OAUTH_TIMEOUT_MS', 3000);
  if (timeoutMs === 0) throw new ConfigError('OAUTH_TIMEOUT_MS must be at least 1');
  return {
    tokenUrl: serverUrl(env, 'OAUTH_TOKEN_URL'),
    introspectionUrl: serverUrl(env, 'OAUTH_INTROSPECTION_URL'),
    clientId: value('OAUTH_CLIENT_ID'),
    audience: value('OAUTH_AUDIENCE'),
    privateKeyFile: keyGiven ? value('OAUTH_PRIVATE_KEY_FILE') : undefined,
    clientSecret: secretGiven ? env.OAUTH_CLIENT_SECRET : undefined,
    introspectScope: env.OAUTH_INTROSPECT_SCOPE?.trim() || DEFAULT_INTROSPECT_SCOPE,
    timeoutMs,
    cacheSeconds: integer(env, 'INTROSPECTION_CACHE_SECONDS', 60),
  };
}

/** The PUBLICATION_MAX_* settings; each defaults to DEFAULT_PUBLICATION_LIMITS. */
function publicationLimits(env: NodeJS.ProcessEnv): PublicationLimits {
  const limits = { ...DEFAULT_PUBLICATION_LIMITS };
  for (const key of Object.keys(limits) as (keyof PublicationLimits)[]) {
    limits[key] = positive(env, PUBLICATION_LIMIT_SETTINGS[key], limits[key]);
  }
  if (limits.maxFiles > CONTRACT_MAX_FILES) {
    throw new ConfigError(`PUBLICATION_MAX_FILES can be at most ${CONTRACT_MAX_FILES}: the contract names six file parts (upfile1 to upfile6)`);
  }
  return limits;
}

/** What the command-line tools (migrate, import, demo, audit) need: the store, not the server's settings. */
export interface StoreConfig {
  databaseUrl: string;
  storageDir: string;
}

export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    databaseUrl: env.DATABASE_URL || path.join('data', 'ebox.sqlite'),
    storageDir: env.STORAGE_DIR || path.join('data', 'blobs'),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Operators write it many ways; any spelling of production must mean production.
  const production = /^prod(uction)?$/i.test((env.NODE_ENV ?? '').trim());
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicBaseUrl && !/^https?:\/\/[^/]+(\/.*)?$/.test(publicBaseUrl)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);
  }
  const mode = authMode(env, production);
  return {
    port: integer(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    ...loadStoreConfig(env),
    basePath: basePath(env.BASE_PATH),
    publicBaseUrl,
    authMode: mode,
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    corsMaxAge: integer(env, 'CORS_MAX_AGE', 600),
    referenceDataMaxAge: integer(env, 'REFERENCE_DATA_MAX_AGE', 86400),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: logFormat(env, production),
    production,
    maxInFlight: positive(env, 'MAX_IN_FLIGHT', 256),
    maxConnections: positive(env, 'MAX_CONNECTIONS', 1024),
    headersTimeoutMs: positive(env, 'HEADERS_TIMEOUT_MS', 10_000),
    // Node's own default: long enough for a publication of the default limits over a modest line.
    requestTimeoutMs: positive(env, 'REQUEST_TIMEOUT_MS', 300_000),
    keepAliveTimeoutMs: positive(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000),
    shutdownTimeoutMs: positive(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
    trustProxy: onOff(env, 'TRUST_PROXY', false),
    metrics: onOff(env, 'METRICS', true),
    introspection: mode === 'introspection' ? introspection(env) : undefined,
    publication: publicationLimits(env),
    certification: certification(env),
    ees: ees(env, mode),
    sweepSeconds: positive(env, 'EES_SWEEP_SECONDS', 300),
    retentionDaysAfterExpiry: integer(env, 'RETENTION_DAYS_AFTER_EXPIRY', 30),
    searchTotals: integer(env, 'SEARCH_TOTALS', DEFAULT_SEARCH_TOTALS),
    postgresKeptStatements: integer(env, 'POSTGRES_KEPT_STATEMENTS', DEFAULT_POSTGRES_KEPT_STATEMENTS),
    databaseStatementTimeoutMs: positive(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000),
    portal: onOff(env, 'PORTAL', mode === 'dev'),
  };
}

export type EesAuth = 'none' | 'oauth';

/** The e-Box Event Service (EES) and how events are delivered to it. */
export interface EesConfig {
  /** The full events endpoint; undefined: nothing is sent, events wait in the outbox. */
  url: URL | undefined;
  /** Sent as the clientId query parameter when set. */
  clientId: string | undefined;
  auth: EesAuth;
  /** The scope of the provider's own token for the EES (auth 'oauth'). */
  scope: string | undefined;
  /** The authorization server that token comes from: the introspection settings (auth 'oauth' with a url). */
  oauth: IntrospectionConfig | undefined;
  timeoutMs: number;
  /** Events per POST at most. */
  batchSize: number;
  /** How often the outbox is looked at for events to send. */
  pollMs: number;
  /** Exponential backoff between attempts after a network error, a timeout or a 5xx: from retryMinMs, doubling up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
}

function ees(env: NodeJS.ProcessEnv, mode: AuthMode): EesConfig {
  const url = (env.EES_URL ?? '').trim() === '' ? undefined : serverUrl(env, 'EES_URL');
  const auth = env.EES_AUTH?.trim() || (mode === 'introspection' ? 'oauth' : 'none');
  if (auth !== 'none' && auth !== 'oauth') throw new ConfigError(`EES_AUTH must be none or oauth, got "${auth}"`);
  const scope = env.EES_SCOPE?.trim() || undefined;
  let oauth: IntrospectionConfig | undefined;
  if (url !== undefined && auth === 'oauth') {
    if (scope === undefined) throw new ConfigError('EES_AUTH=oauth needs EES_SCOPE, the scope of the provider’s own token for the event service');
    // The same OAUTH_* settings as introspection, required here even with AUTH_MODE=dev.
    oauth = introspection(env);
  }
  const retryMinMs = positive(env, 'EES_RETRY_MIN_MS', 1_000);
  const retryMaxMs = positive(env, 'EES_RETRY_MAX_MS', 300_000);
  if (retryMaxMs < retryMinMs) throw new ConfigError('EES_RETRY_MAX_MS must not be below EES_RETRY_MIN_MS');
  return {
    url,
    clientId: env.EES_CLIENT_ID?.trim() || undefined,
    auth,
    scope,
    oauth,
    timeoutMs: positive(env, 'EES_TIMEOUT_MS', 10_000),
    batchSize: positive(env, 'EES_BATCH_SIZE', 100),
    pollMs: positive(env, 'EES_POLL_MS', 1_000),
    retryMinMs,
    retryMaxMs,
  };
}

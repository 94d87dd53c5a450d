import path from 'node:path';

export type AuthMode = 'dev' | 'introspection';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  storageDir: string;
  basePath: string;
  publicBaseUrl: string | undefined;
  authMode: AuthMode;
  corsOrigins: string[];
  referenceDataMaxAge: number;
  logLevel: string;
  production: boolean;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

/** A base path is either empty or "/segment[/segment…]" without a trailing slash. */
function basePath(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed)) throw new ConfigError(`BASE_PATH must look like /dp or /a/b, got "${raw}"`);
  return trimmed;
}

function authMode(env: NodeJS.ProcessEnv, production: boolean): AuthMode {
  const mode = env.AUTH_MODE || (production ? 'introspection' : 'dev');
  if (mode !== 'dev' && mode !== 'introspection') throw new ConfigError(`AUTH_MODE must be dev or introspection, got "${mode}"`);
  if (mode === 'dev' && production) {
    throw new ConfigError('AUTH_MODE=dev accepts made-up tokens and is refused when NODE_ENV=production');
  }
  return mode;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicBaseUrl && !/^https?:\/\/[^/]+(\/.*)?$/.test(publicBaseUrl)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);
  }
  return {
    port: integer(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || path.join('data', 'ebox.sqlite'),
    storageDir: env.STORAGE_DIR || path.join('data', 'blobs'),
    basePath: basePath(env.BASE_PATH),
    publicBaseUrl,
    authMode: authMode(env, production),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    referenceDataMaxAge: integer(env, 'REFERENCE_DATA_MAX_AGE', 86400),
    logLevel: env.LOG_LEVEL || 'info',
    production,
  };
}

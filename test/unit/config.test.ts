import { expect } from 'chai';
import { ConfigError, DEFAULT_INTROSPECT_SCOPE, loadConfig, loadStoreConfig } from '../../src/config';

const OAUTH = {
  OAUTH_TOKEN_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/token',
  OAUTH_INTROSPECTION_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/introspect',
  OAUTH_CLIENT_ID: 'my:ebox:enterprise:dp:client',
  OAUTH_AUDIENCE: 'https://oauthacc.socialsecurity.be',
  OAUTH_PRIVATE_KEY_FILE: '/etc/ebox/dp-key.pem',
};

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ AUTH_MODE: 'dev' });
    expect(c).to.deep.include({
      port: 8080,
      databaseUrl: 'data/ebox.sqlite',
      storageDir: 'data/blobs',
      basePath: '',
      authMode: 'dev',
      referenceDataMaxAge: 86400,
      corsOrigins: ['https://www.eboxenterprise.be', 'https://wwwacc.eboxenterprise.be'],
      corsMaxAge: 600,
      requestTimeoutMs: 300_000,
      searchTotals: 10_000,
      postgresKeptStatements: 100,
      databaseStatementTimeoutMs: 30_000,
    });
  });
  it('reads SEARCH_TOTALS as a count, 0 included, and refuses anything else naming the setting', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', SEARCH_TOTALS: '0' }).searchTotals).to.equal(0);
    expect(loadConfig({ AUTH_MODE: 'dev', SEARCH_TOTALS: '500' }).searchTotals).to.equal(500);
    expect(() => loadConfig({ AUTH_MODE: 'dev', SEARCH_TOTALS: 'lots' })).to.throw(ConfigError, /^SEARCH_TOTALS must be a non-negative integer/);
  });
  it('reads POSTGRES_KEPT_STATEMENTS as a count, 0 included, and refuses anything else naming the setting', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', POSTGRES_KEPT_STATEMENTS: '0' }).postgresKeptStatements).to.equal(0);
    expect(loadConfig({ AUTH_MODE: 'dev', POSTGRES_KEPT_STATEMENTS: '20' }).postgresKeptStatements).to.equal(20);
    expect(() => loadConfig({ AUTH_MODE: 'dev', POSTGRES_KEPT_STATEMENTS: '-1' })).to.throw(ConfigError, /^POSTGRES_KEPT_STATEMENTS must be a non-negative integer/);
  });
  it('reads DATABASE_STATEMENT_TIMEOUT_MS as milliseconds, refusing 0 and anything else naming the setting', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', DATABASE_STATEMENT_TIMEOUT_MS: '5000' }).databaseStatementTimeoutMs).to.equal(5_000);
    expect(() => loadConfig({ AUTH_MODE: 'dev', DATABASE_STATEMENT_TIMEOUT_MS: '0' })).to.throw(ConfigError, /^DATABASE_STATEMENT_TIMEOUT_MS must be at least 1/);
    expect(() => loadConfig({ AUTH_MODE: 'dev', DATABASE_STATEMENT_TIMEOUT_MS: '30s' })).to.throw(ConfigError, /^DATABASE_STATEMENT_TIMEOUT_MS must be a non-negative integer/);
  });
  it('refuses dev tokens in production, and defaults to introspection there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).to.throw(ConfigError, /refused/);
    expect(loadConfig({ NODE_ENV: 'production', ...OAUTH }).authMode).to.equal('introspection');
  });
  for (const spelling of ['Production', 'PRODUCTION', 'prod', ' production ']) {
    it(`reads NODE_ENV="${spelling}" as production: dev tokens refused`, () => {
      expect(() => loadConfig({ NODE_ENV: spelling, AUTH_MODE: 'dev' })).to.throw(ConfigError, /refused/);
      expect(loadConfig({ NODE_ENV: spelling, ...OAUTH }).production).to.equal(true);
    });
  }
  it('accepts dev tokens only when AUTH_MODE=dev is asked for by name', () => {
    expect(() => loadConfig({})).to.throw(ConfigError, /AUTH_MODE=introspection needs/);
    expect(loadConfig({ ...OAUTH }).authMode).to.equal('introspection');
    expect(loadConfig({ AUTH_MODE: 'dev' }).authMode).to.equal('dev');
  });
  it('gives the command-line tools the store without the server settings', () => {
    expect(loadStoreConfig({})).to.deep.equal({ databaseUrl: 'data/ebox.sqlite', storageDir: 'data/blobs' });
  });
  it('serves the portal view by default with AUTH_MODE=dev only; PORTAL=on|off in any case says otherwise', () => {
    expect(loadConfig({ AUTH_MODE: 'dev' }).portal).to.equal(true);
    expect(loadConfig({ ...OAUTH }).portal).to.equal(false);
    expect(loadConfig({ AUTH_MODE: 'dev', PORTAL: 'off' }).portal).to.equal(false);
    expect(loadConfig({ ...OAUTH, PORTAL: 'ON' }).portal).to.equal(true);
    expect(loadConfig({ AUTH_MODE: 'dev', PORTAL: ' ' }).portal).to.equal(true);
    expect(() => loadConfig({ AUTH_MODE: 'dev', PORTAL: 'yes' })).to.throw(ConfigError, 'PORTAL must be on or off, got "yes"');
  });
  it('normalises BASE_PATH and rejects malformed values', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', BASE_PATH: '/dp/' }).basePath).to.equal('/dp');
    expect(() => loadConfig({ AUTH_MODE: 'dev', BASE_PATH: 'dp' })).to.throw(ConfigError);
    expect(() => loadConfig({ AUTH_MODE: 'dev', PORT: 'eighty' })).to.throw(ConfigError);
  });
  it('splits CORS_ORIGINS on commas; empty allows no origin', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', CORS_ORIGINS: 'https://a.be, https://b.be,' }).corsOrigins).to.deep.equal(['https://a.be', 'https://b.be']);
    expect(loadConfig({ AUTH_MODE: 'dev', CORS_ORIGINS: '' }).corsOrigins).to.deep.equal([]);
  });
  it('writes CORS_ORIGINS entries as a browser sends an Origin: trailing slash, default port and host case normalized', () => {
    const origins = loadConfig({ AUTH_MODE: 'dev', CORS_ORIGINS: 'https://WWW.eboxenterprise.be/,http://localhost:5173/,https://dp.example.be:443' }).corsOrigins;
    expect(origins).to.deep.equal(['https://www.eboxenterprise.be', 'http://localhost:5173', 'https://dp.example.be']);
  });
  for (const [entry, why] of [
    ['https://www.eboxenterprise.be/portal', /has a path, query or fragment.*did you mean https:\/\/www\.eboxenterprise\.be\?/],
    ['https://a.be/?x=1', /has a path, query or fragment/],
    ['www.eboxenterprise.be', /is not an origin/],
    ['*', /is not an origin/],
    ['ftp://a.be', /is not an origin/],
  ] as const) {
    it(`refuses CORS_ORIGINS entry "${entry}" with one line naming the setting`, () => {
      expect(() => loadConfig({ AUTH_MODE: 'dev', CORS_ORIGINS: entry })).to.throw(ConfigError, why).with.property('message').that.matches(/^CORS_ORIGINS: [^\n]+$/);
    });
  }

  describe('AUTH_MODE=introspection', () => {
    const introspection = (env: Record<string, string | undefined>) => loadConfig({ AUTH_MODE: 'introspection', ...OAUTH, ...env }).introspection ?? expect.fail('no introspection settings');

    it('reads the authorization server settings, with their defaults', () => {
      const c = introspection({});
      expect(c.tokenUrl.href).to.equal(OAUTH.OAUTH_TOKEN_URL);
      expect(c.introspectionUrl.href).to.equal(OAUTH.OAUTH_INTROSPECTION_URL);
      expect(c).to.deep.include({
        clientId: OAUTH.OAUTH_CLIENT_ID,
        audience: OAUTH.OAUTH_AUDIENCE,
        privateKeyFile: OAUTH.OAUTH_PRIVATE_KEY_FILE,
        clientSecret: undefined,
        introspectScope: DEFAULT_INTROSPECT_SCOPE,
        timeoutMs: 3000,
        cacheSeconds: 60,
      });
      expect(DEFAULT_INTROSPECT_SCOPE).to.equal('scope:security:authorization:oauth:oauth-autz-server:introspect');
    });

    it('takes the overrides', () => {
      expect(introspection({ OAUTH_INTROSPECT_SCOPE: 'other:scope', OAUTH_TIMEOUT_MS: '500', INTROSPECTION_CACHE_SECONDS: '0' })).to.deep.include({
        introspectScope: 'other:scope',
        timeoutMs: 500,
        cacheSeconds: 0,
      });
      expect(() => introspection({ OAUTH_TIMEOUT_MS: '0' })).to.throw(ConfigError, /OAUTH_TIMEOUT_MS/);
      expect(() => introspection({ INTROSPECTION_CACHE_SECONDS: '-1' })).to.throw(ConfigError, /INTROSPECTION_CACHE_SECONDS/);
    });

    it('is absent in dev mode', () => {
      expect(loadConfig({ AUTH_MODE: 'dev', ...OAUTH }).introspection).to.equal(undefined);
    });

    it('names every missing setting', () => {
      expect(() => loadConfig({ AUTH_MODE: 'introspection' })).to.throw(
        ConfigError,
        'AUTH_MODE=introspection needs OAUTH_TOKEN_URL, OAUTH_INTROSPECTION_URL, OAUTH_CLIENT_ID, OAUTH_AUDIENCE, OAUTH_PRIVATE_KEY_FILE or OAUTH_CLIENT_SECRET',
      );
      expect(() => introspection({ OAUTH_CLIENT_ID: ' ' })).to.throw(ConfigError, /needs OAUTH_CLIENT_ID$/);
      expect(() => loadConfig({ NODE_ENV: 'production', ...OAUTH, OAUTH_AUDIENCE: undefined })).to.throw(ConfigError, /OAUTH_AUDIENCE/);
    });

    it('wants exactly one of a private key and a client secret, and never echoes the secret', () => {
      expect(() => introspection({ OAUTH_PRIVATE_KEY_FILE: undefined })).to.throw(ConfigError, /OAUTH_PRIVATE_KEY_FILE or OAUTH_CLIENT_SECRET/);
      const secret = introspection({ OAUTH_PRIVATE_KEY_FILE: undefined, OAUTH_CLIENT_SECRET: 'hunter2' });
      expect(secret).to.deep.include({ privateKeyFile: undefined, clientSecret: 'hunter2' });
      let message = '';
      try {
        introspection({ OAUTH_CLIENT_SECRET: 'hunter2' });
      } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        message = (err as Error).message;
      }
      expect(message).to.match(/only one of OAUTH_PRIVATE_KEY_FILE .* and OAUTH_CLIENT_SECRET/);
      expect(message).not.to.contain('hunter2');
    });

    it('wants https, allowing plain http on loopback hosts only', () => {
      for (const host of ['127.0.0.1:9000', 'localhost:9000', '[::1]:9000']) {
        expect(introspection({ OAUTH_TOKEN_URL: `http://${host}/token` }).tokenUrl.protocol).to.equal('http:');
      }
      for (const url of ['http://oauth.example/token', 'http://10.0.0.1/token', 'ftp://127.0.0.1/token', 'not a url']) {
        expect(() => introspection({ OAUTH_INTROSPECTION_URL: url }), url).to.throw(ConfigError, /OAUTH_INTROSPECTION_URL/);
      }
    });
  });
});

import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';

const OAUTH = {
  OAUTH_TOKEN_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/token',
  OAUTH_INTROSPECTION_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/introspect',
  OAUTH_CLIENT_ID: 'my:ebox:enterprise:dp:client',
  OAUTH_AUDIENCE: 'https://oauthacc.socialsecurity.be',
  OAUTH_PRIVATE_KEY_FILE: '/etc/ebox/dp-key.pem',
};
const EES_ACC = 'https://public.int.fedservices.be/EventServices/Ebox/enterprise/document/events';

describe('configuration: notifications and retention', () => {
  it('has the documented defaults: no EES, a sweep every 300 s, 30 days of retention', () => {
    const c = loadConfig({ AUTH_MODE: 'dev' });
    expect(c.ees).to.deep.equal({
      url: undefined,
      clientId: undefined,
      auth: 'none',
      scope: undefined,
      oauth: undefined,
      timeoutMs: 10_000,
      batchSize: 100,
      pollMs: 1_000,
      retryMinMs: 1_000,
      retryMaxMs: 300_000,
    });
    expect(c).to.include({ sweepSeconds: 300, retentionDaysAfterExpiry: 30 });
  });

  it('authenticates with the provider’s own token by default when AUTH_MODE=introspection, with none otherwise', () => {
    const c = loadConfig({ ...OAUTH, EES_URL: EES_ACC, EES_SCOPE: 'scope:ees:submit', EES_CLIENT_ID: 'dp-42' });
    expect(c.ees).to.deep.include({ auth: 'oauth', scope: 'scope:ees:submit', clientId: 'dp-42' });
    expect(c.ees.url?.href).to.equal(EES_ACC);
    expect(c.ees.oauth?.tokenUrl.href).to.equal(OAUTH.OAUTH_TOKEN_URL);
    expect(loadConfig({ AUTH_MODE: 'dev', EES_URL: EES_ACC }).ees).to.deep.include({ auth: 'none', oauth: undefined });
    expect(loadConfig({ ...OAUTH, EES_URL: EES_ACC, EES_AUTH: 'none' }).ees.auth).to.equal('none');
  });

  it('needs EES_SCOPE, and the OAUTH_* settings, for EES_AUTH=oauth', () => {
    expect(() => loadConfig({ ...OAUTH, EES_URL: EES_ACC })).to.throw(ConfigError, /EES_AUTH=oauth needs EES_SCOPE/);
    expect(() => loadConfig({ AUTH_MODE: 'dev', EES_URL: EES_ACC, EES_AUTH: 'oauth', EES_SCOPE: 's' })).to.throw(ConfigError, /OAUTH_TOKEN_URL/);
    const dev = loadConfig({ AUTH_MODE: 'dev', ...OAUTH, EES_URL: EES_ACC, EES_AUTH: 'oauth', EES_SCOPE: 's' });
    expect(dev.ees.oauth?.clientId).to.equal(OAUTH.OAUTH_CLIENT_ID);
    // Without an EES there is nothing to authenticate to.
    expect(loadConfig({ ...OAUTH }).ees).to.deep.include({ auth: 'oauth', oauth: undefined });
    expect(() => loadConfig({ AUTH_MODE: 'dev', EES_AUTH: 'basic' })).to.throw(ConfigError, /EES_AUTH must be none or oauth/);
  });

  it('takes EES_URL in https, or in http on a loopback host only', () => {
    for (const url of ['http://127.0.0.1:8099/events', 'http://localhost/ebox/enterprise/document/events', 'http://[::1]:9/e']) {
      expect(loadConfig({ AUTH_MODE: 'dev', EES_URL: url }).ees.url?.href, url).to.equal(new URL(url).href);
    }
    for (const url of ['http://public.int.fedservices.be/EventServices/Ebox/enterprise/document/events', 'ftp://127.0.0.1/e', 'not a url']) {
      expect(() => loadConfig({ AUTH_MODE: 'dev', EES_URL: url }), url).to.throw(ConfigError, /EES_URL/);
    }
    expect(loadConfig({ AUTH_MODE: 'dev', EES_URL: '  ' }).ees.url).to.equal(undefined);
  });

  it('reads the numbers, and refuses values that cannot work', () => {
    const c = loadConfig({
      AUTH_MODE: 'dev',
      EES_TIMEOUT_MS: '2500',
      EES_BATCH_SIZE: '20',
      EES_POLL_MS: '200',
      EES_RETRY_MIN_MS: '10',
      EES_RETRY_MAX_MS: '10',
      EES_SWEEP_SECONDS: '60',
      RETENTION_DAYS_AFTER_EXPIRY: '0',
    });
    expect(c.ees).to.include({ timeoutMs: 2500, batchSize: 20, pollMs: 200, retryMinMs: 10, retryMaxMs: 10 });
    expect(c).to.include({ sweepSeconds: 60, retentionDaysAfterExpiry: 0 });
    for (const [name, value] of [
      ['EES_BATCH_SIZE', '0'],
      ['EES_TIMEOUT_MS', '0'],
      ['EES_SWEEP_SECONDS', '0'],
      ['EES_SWEEP_SECONDS', '5m'],
      ['RETENTION_DAYS_AFTER_EXPIRY', '-1'],
    ]) {
      expect(() => loadConfig({ AUTH_MODE: 'dev', [name]: value }), `${name}=${value}`).to.throw(ConfigError, new RegExp(name));
    }
    expect(() => loadConfig({ AUTH_MODE: 'dev', EES_RETRY_MIN_MS: '500', EES_RETRY_MAX_MS: '100' })).to.throw(ConfigError, /EES_RETRY_MAX_MS/);
  });
});

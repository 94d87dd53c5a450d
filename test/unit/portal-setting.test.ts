import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';

const OAUTH = {
  OAUTH_TOKEN_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/token',
  OAUTH_INTROSPECTION_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/introspect',
  OAUTH_CLIENT_ID: 'my:ebox:enterprise:dp:client',
  OAUTH_AUDIENCE: 'https://oauthacc.socialsecurity.be',
  OAUTH_CLIENT_SECRET: 'secret',
};

describe('configuration: PORTAL', () => {
  it('is on by default with AUTH_MODE=dev, off with introspection', () => {
    expect(loadConfig({ AUTH_MODE: 'dev' }).portal).to.equal(true);
    expect(loadConfig({ ...OAUTH }).portal).to.equal(false);
  });
  it('takes on and off in any case, either way', () => {
    expect(loadConfig({ AUTH_MODE: 'dev', PORTAL: 'off' }).portal).to.equal(false);
    expect(loadConfig({ ...OAUTH, PORTAL: 'ON' }).portal).to.equal(true);
    expect(loadConfig({ AUTH_MODE: 'dev', PORTAL: ' ' }).portal).to.equal(true);
  });
  it('refuses anything else with one line', () => {
    expect(() => loadConfig({ AUTH_MODE: 'dev', PORTAL: 'yes' })).to.throw(ConfigError, 'PORTAL must be on or off, got "yes"');
  });
});

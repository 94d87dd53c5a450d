import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).to.deep.include({
      port: 8080,
      databaseUrl: 'data/ebox.sqlite',
      storageDir: 'data/blobs',
      basePath: '',
      authMode: 'dev',
      referenceDataMaxAge: 86400,
      corsOrigins: [],
    });
  });
  it('refuses dev tokens in production, and defaults to introspection there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).to.throw(ConfigError, /refused/);
    expect(loadConfig({ NODE_ENV: 'production' }).authMode).to.equal('introspection');
  });
  it('normalises BASE_PATH and rejects malformed values', () => {
    expect(loadConfig({ BASE_PATH: '/dp/' }).basePath).to.equal('/dp');
    expect(() => loadConfig({ BASE_PATH: 'dp' })).to.throw(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError);
  });
  it('splits CORS_ORIGINS on commas', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.be, https://b.be,' }).corsOrigins).to.deep.equal(['https://a.be', 'https://b.be']);
  });
});

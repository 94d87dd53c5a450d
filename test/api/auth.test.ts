import { expect } from 'chai';
import { SCOPE_PREFIX } from '../../src/auth/scopes';
import { useServer } from '../helpers/server';

// One representative path per scope of the consultation profile.
const byScope: Record<string, string[]> = {
  summary: ['/ebox'],
  messagesfull: ['/ebox/messages', '/ebox/messages/m1', '/ebox/messages/m1/attachments', '/ebox/messages/m1/body'],
  referencedata: ['/referenceData/messageTypes', '/referenceData/senderOrganizations/0206731645'],
};

describe('dev tokens and scopes', () => {
  const server = useServer();

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const res = await server.get('/ebox');
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('Bearer');
    expect(res.json().code).to.equal('MISSING_TOKEN');
  });

  for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer dev.0123456749 extra', 'Bearer dev.', 'Bearer dev.abc', 'Bearer dev.0123456749.nosuchscope', 'Bearer other.0123456749']) {
    it(`answers 401 invalid_token for "${header}"`, async () => {
      const res = await server.get('/ebox', undefined, { Authorization: header });
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer( error="invalid_token")?$/);
      expect(res.text).not.to.contain('0123456749');
    });
  }

  it('refuses a CBE that does not start with 0 or 1, even after padding', async () => {
    expect((await server.get('/ebox', 'dev.2123456749')).status).to.equal(401);
    expect((await server.get('/ebox', 'dev.12345678901')).status).to.equal(401);
  });

  it('pads a short CBE with leading zeros: both spellings reach the same e-Box', async () => {
    const short = await server.get('/ebox', 'dev.123456749');
    const full = await server.get('/ebox', 'dev.0123456749');
    expect(short.status).to.equal(200);
    expect(short.json()).to.deep.equal(full.json());
  });

  it('grants /ebox with summaryownebox or summaryallebox alone', async () => {
    expect((await server.get('/ebox', 'dev.0123456749.summaryownebox')).status).to.equal(200);
    expect((await server.get('/ebox', 'dev.0123456749.summaryallebox')).status).to.equal(200);
  });

  const tokensWithout: Record<string, string> = {
    summary: 'dev.0123456749.messagesfull+referencedata+publicationsender',
    messagesfull: 'dev.0123456749.summaryownebox+summaryallebox+referencedata',
    referencedata: 'dev.0123456749.summaryownebox+messagesfull',
  };
  for (const [scope, paths] of Object.entries(byScope)) {
    for (const path of paths) {
      it(`answers 403 insufficient_scope on ${path} without ${scope}`, async () => {
        const res = await server.get(path, tokensWithout[scope]);
        expect(res.status).to.equal(403);
        expect(res.json().code).to.equal('INSUFFICIENT_SCOPE');
        const expected = scope === 'summary' ? 'summaryownebox' : scope;
        expect(res.headers.get('www-authenticate')).to.equal(`Bearer error="insufficient_scope", scope="${SCOPE_PREFIX}${expected}"`);
      });
    }
  }

  it('lets a referencedata-only token read reference data', async () => {
    expect((await server.get('/referenceData/messageTypes', 'dev.0123456749.referencedata')).status).to.equal(200);
  });

  it('checks the token before the parameters', async () => {
    expect((await server.get('/referenceData/messageTypes?page=0')).status).to.equal(401);
    expect((await server.get('/referenceData/messageTypes?page=0', 'dev.0123456749.messagesfull')).status).to.equal(403);
    expect((await server.get('/referenceData/messageTypes?page=0', 'dev.0123456749')).status).to.equal(400);
  });

  it('requires publicationsender for publication', async () => {
    const without = await server.request('POST', '/searchMessageStatus', { token: 'dev.0123456749', body: [] });
    expect(without.status).to.equal(403);
    const withScope = await server.request('POST', '/searchMessageStatus', { token: 'dev.0123456749.publicationsender', body: [] });
    expect(withScope.status).to.equal(201);
    expect(withScope.json()).to.deep.equal([]);
  });

  it('serves /health without a token', async () => {
    const res = await server.get('/health');
    expect(res.status).to.equal(200);
    expect(res.json()).to.deep.equal({ status: 'ok' });
  });
});

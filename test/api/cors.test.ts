import { expect } from 'chai';
import { A, messageFixture } from '../helpers/message-fixture';
import { useServer } from '../helpers/server';

const PORTAL = 'https://www.eboxenterprise.be';
const ACCEPTANCE_PORTAL = 'https://wwwacc.eboxenterprise.be';
const EXPOSED = 'Location,ETag,Content-Disposition,Content-Range,Accept-Ranges,WWW-Authenticate,Retry-After,X-Request-Id';

const preflight = (origin: string, extra: Record<string, string> = {}) => ({
  headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,range,if-range', ...extra },
});

describe('CORS with the default origins (the portal, production and acceptance)', () => {
  const server = useServer({ seed: messageFixture });

  for (const origin of [PORTAL, ACCEPTANCE_PORTAL]) {
    it(`answers a preflight from ${origin} without a token: the headers a portal page sends, cached ${600} s`, async () => {
      const res = await server.request('OPTIONS', '/ebox/messages', preflight(origin));
      expect(res.status).to.equal(204);
      expect(res.headers.get('access-control-allow-origin')).to.equal(origin);
      expect(res.headers.get('access-control-allow-headers')).to.equal(
        'Content-Type,Authorization,Accept,Accept-Language,If-None-Match,If-Modified-Since,Range,If-Range,X-Request-Id',
      );
      expect(res.headers.get('access-control-allow-methods')).to.contain('GET').and.to.contain('PATCH');
      expect(res.headers.get('access-control-max-age')).to.equal('600');
      expect(res.headers.get('vary')).to.contain('Origin');
    });
  }

  it('grants private-network access to a portal page calling this provider on the user\'s machine (Chrome\'s preflight)', async () => {
    const res = await server.request('OPTIONS', '/ebox', preflight(PORTAL, { 'Access-Control-Request-Private-Network': 'true' }));
    expect(res.status).to.equal(204);
    expect(res.headers.get('access-control-allow-private-network')).to.equal('true');
    const plain = await server.request('OPTIONS', '/ebox', preflight(PORTAL));
    expect(plain.headers.get('access-control-allow-private-network')).to.equal(null);
  });

  it('exposes to the page the headers it needs besides Location: ETag, Content-Disposition, ranges, WWW-Authenticate, Retry-After', async () => {
    const res = await server.get('/ebox', A, { Origin: PORTAL });
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    expect(res.headers.get('access-control-expose-headers')).to.equal(EXPOSED);
    expect(res.headers.get('vary')).to.contain('Origin');
  });

  it('marks error answers too, so that the page can read their status and WWW-Authenticate', async () => {
    const res = await server.get('/ebox', undefined, { Origin: PORTAL });
    expect(res.status).to.equal(401);
    expect(res.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    expect(res.headers.get('access-control-expose-headers')).to.equal(EXPOSED);
  });

  it('answers a preflight from another origin with a quiet 204 and no CORS header, so the browser refuses the call', async () => {
    const evil = 'https://evil.example';
    const res = await server.request('OPTIONS', '/ebox', preflight(evil, { 'Access-Control-Request-Private-Network': 'true' }));
    expect(res.status).to.equal(204);
    expect(res.text).to.equal('');
    for (const header of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-allow-private-network']) {
      expect(res.headers.get(header), header).to.equal(null);
    }
    const call = await server.get('/ebox', A, { Origin: evil });
    expect(call.status).to.equal(200);
    expect(call.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('still answers OPTIONS without a preflight\'s headers as the contract does (no such operation)', async () => {
    const res = await server.request('OPTIONS', '/ebox');
    expect(res.status).to.equal(405);
    expect(res.json().code).to.equal('METHOD_NOT_ALLOWED');
  });
});

describe('CORS with CORS_ORIGINS and CORS_MAX_AGE set', () => {
  const server = useServer({ env: { CORS_ORIGINS: 'http://localhost:5173/', CORS_MAX_AGE: '60' } });

  it('allows exactly the listed origins, written as a browser sends them', async () => {
    const res = await server.request('OPTIONS', '/ebox', preflight('http://localhost:5173'));
    expect(res.headers.get('access-control-allow-origin')).to.equal('http://localhost:5173');
    expect(res.headers.get('access-control-max-age')).to.equal('60');
    const portal = await server.request('OPTIONS', '/ebox', preflight(PORTAL));
    expect(portal.status).to.equal(204);
    expect(portal.headers.get('access-control-allow-origin')).to.equal(null);
  });
});

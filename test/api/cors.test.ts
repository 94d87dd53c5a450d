import { expect } from 'chai';
import { useServer } from '../helpers/server';

const PORTAL = 'https://www.eboxenterprise.be';

describe('CORS', () => {
  const server = useServer({ env: { CORS_ORIGINS: `${PORTAL}, https://wwwacc.eboxenterprise.be` } });

  it('answers a preflight from an allowed origin without a token', async () => {
    const res = await server.request('OPTIONS', '/ebox/messages', {
      headers: { Origin: PORTAL, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(res.status).to.equal(204);
    expect(res.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    expect(res.headers.get('access-control-allow-headers')).to.equal(
      'Content-Type,Authorization,Accept,Accept-Language,If-None-Match,If-Modified-Since,Location',
    );
    expect(res.headers.get('access-control-allow-methods')).to.contain('GET');
  });

  it('marks actual responses for an allowed origin and exposes Location', async () => {
    const res = await server.get('/ebox', 'dev.0123456749', { Origin: PORTAL });
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    expect(res.headers.get('access-control-expose-headers')).to.equal('Location');
    expect(res.headers.get('vary')).to.contain('Origin');
  });

  it('gives a disallowed origin no allow-origin header, on preflight or request', async () => {
    const evil = 'https://evil.example';
    const preflight = await server.request('OPTIONS', '/ebox', { headers: { Origin: evil, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
    const res = await server.get('/ebox', 'dev.0123456749', { Origin: evil });
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
  });
});

import { expect } from 'chai';
import fs from 'node:fs';
import yaml from 'js-yaml';
import { specPath } from '../../src/contract/spec-path';
import { useServer, type SuiteServer } from '../helpers/server';

const spec = yaml.load(fs.readFileSync(specPath, 'utf8')) as { servers: unknown; paths: object };
const origin = (server: SuiteServer) => new URL(server.url).origin;

/** The served contract is spec/message-registry.yaml with only `servers` changed. */
function expectContract(served: { servers: { url: string }[] }, url: string): void {
  expect(served.servers).to.have.length(1);
  expect(served.servers[0].url).to.equal(url);
  expect({ ...served, servers: spec.servers }).to.deep.equal(spec);
}

describe('API docs: /docs, /openapi.json, /openapi.yaml', () => {
  describe('without PUBLIC_BASE_URL', () => {
    const server = useServer({ env: { BASE_PATH: '/dp' } });

    it('serves the contract as JSON and YAML at the server root, servers set to the request origin and BASE_PATH', async () => {
      // Paths given to get() are from the origin: these routes sit outside BASE_PATH, like /health.
      const json = await server.get('/openapi.json');
      expect(json.status).to.equal(200);
      expect(json.header('content-type')).to.equal('application/json; charset=utf-8');
      expectContract(json.json(), `${origin(server)}/dp`);

      const yamlRes = await server.get('/openapi.yaml');
      expect(yamlRes.status).to.equal(200);
      expect(yamlRes.header('content-type')).to.equal('application/yaml; charset=utf-8');
      expectContract(yaml.load(yamlRes.text) as { servers: { url: string }[] }, `${origin(server)}/dp`);
    });

    it('is not under BASE_PATH: there the contract answers its 404', async () => {
      for (const path of ['/dp/openapi.json', '/dp/docs']) {
        const res = await server.get(path);
        expect(res.status, path).to.equal(404);
        expect(res.json().code, path).to.equal('NOT_FOUND');
      }
    });
  });

  describe('with PUBLIC_BASE_URL', () => {
    const server = useServer({ env: { PUBLIC_BASE_URL: 'https://dp.example.be/registry/' } });

    it('sets servers to the public URL, not the request’s origin', async () => {
      for (const path of ['/openapi.json', '/openapi.yaml']) {
        const res = await server.get(path);
        expect(res.status, path).to.equal(200);
        expectContract(yaml.load(res.text) as { servers: { url: string }[] }, 'https://dp.example.be/registry');
      }
    });

    it('serves the docs page and its assets from this server, with validators', async () => {
      const page = await server.get('/docs');
      expect(page.status).to.equal(200);
      expect(page.header('content-type')).to.equal('text/html; charset=utf-8');
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets).to.deep.equal(['docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/init.js']);
      const types = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
      for (const asset of assets) {
        const res = await server.get(`/${asset}`);
        expect(res.status, asset).to.equal(200);
        expect(res.header('content-type'), asset).to.equal(types[asset.endsWith('.css') ? 'css' : 'js']);
        expect(res.bytes.length, asset).to.be.greaterThan(0);
        const again = await server.get(`/${asset}`, undefined, { 'If-None-Match': res.header('etag') });
        expect(again.status, `${asset} revalidated`).to.equal(304);
      }
      const init = await server.get('/docs/init.js');
      expect(init.text).to.include("'openapi.json'").and.include('validatorUrl: null');
    });

    it('needs no token, and ignores one', async () => {
      for (const path of ['/docs', '/openapi.json']) {
        expect((await server.get(path, 'not-a-token')).status, path).to.equal(200);
      }
    });

    it('answers the contract’s StatusMessage for anything else', async () => {
      for (const path of ['/docs/', '/docs/index.html', '/docs/swagger-initializer.js', '/docs/swagger-ui.js', '/openapi.yml', '/OPENAPI.json', '/openapi.json/']) {
        const res = await server.get(path);
        expect(res.status, path).to.equal(404);
        expect(res.json().code, path).to.equal('NOT_FOUND');
      }
      for (const path of ['/docs', '/openapi.json']) {
        const res = await server.request('PUT', path, { body: {} });
        expect(res.status, path).to.equal(405);
        expect(res.json().code, path).to.equal('METHOD_NOT_ALLOWED');
        expect(res.header('allow'), path).to.equal('GET, HEAD');
      }
    });
  });

  describe('with AUTH_MODE=introspection', () => {
    const server = useServer({
      env: {
        AUTH_MODE: 'introspection',
        // Never called: no request below carries a token.
        OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token',
        OAUTH_INTROSPECTION_URL: 'http://127.0.0.1:9/introspect',
        OAUTH_CLIENT_ID: 'dp',
        OAUTH_AUDIENCE: 'https://oauth.federation.test',
        OAUTH_CLIENT_SECRET: 'secret',
      },
    });

    it('serves the docs without a token, while the contract wants one; no portal by default', async () => {
      expect((await server.get('/ebox')).status).to.equal(401);
      for (const path of ['/docs', '/openapi.json', '/openapi.yaml']) expect((await server.get(path)).status, path).to.equal(200);
      const portal = await server.get('/portal/');
      expect(portal.status).to.equal(404);
      expect(portal.json().code).to.equal('NOT_FOUND');
    });
  });
});

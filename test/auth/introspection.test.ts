import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { jwtVerify } from 'jose';
import { SCOPE_PREFIX } from '../../src/auth/scopes';
import { ConfigError } from '../../src/config';
import { AUDIENCE, CLIENT_ID, Federation, activeAnswer, closedPort } from '../helpers/oauth';
import { DAY, iso } from '../helpers/seed';
import { ORG_FULL, referenceFixture } from '../helpers/reference-fixture';
import { startServer, tempDir, useServer, type Response, type TestServer } from '../helpers/server';

const OWNER = '0123456749';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const epoch = () => Math.floor(Date.now() / 1000);

function message(id: string, ebox: string) {
  return {
    eboxId: ebox,
    messageId: id,
    subject: { fr: `Message ${id}` },
    receiptDate: iso(Date.now() - DAY),
    expirationDate: iso(Date.now() + 30 * DAY),
    messageTypeId: 'type-01',
    senderOrganizationId: ORG_FULL,
    attachments: [],
  };
}

/** Neither the caller's token nor its CBE number may leak into an answer. */
function expectNoLeak(res: Response, token: string, cbe?: string): void {
  expect(res.text).not.to.contain(token);
  if (cbe && res.status >= 400) expect(res.text).not.to.contain(cbe);
}

function expectUnavailable(res: Response): void {
  expect(res.status).to.equal(503);
  expect(res.json().code).to.equal('AUTHORIZATION_SERVER_UNAVAILABLE');
  expect(res.headers.get('retry-after')).to.match(/^\d+$/);
  expect(res.headers.get('www-authenticate')).to.equal(null);
}

describe('AUTH_MODE=introspection against an OAuth2 authorization server', function () {
  let federation: Federation;
  const extra: TestServer[] = [];

  /** Another provider instance on the same federation, closed after the suite. */
  async function another(env: Record<string, string>): Promise<TestServer> {
    const s = await startServer(env);
    extra.push(s);
    return s;
  }

  // Hooks run in the order they are declared: the federation starts before the
  // provider that needs its URLs, and stops after the provider has closed.
  before(async () => {
    federation = await Federation.start();
  });
  const server = useServer({
    env: () => federation.env(),
    seed: () => ({ ...referenceFixture(), messages: [message('m-owner', OWNER), message('m-other', '1000000002')] }),
  });
  after(async () => {
    await Promise.all(extra.map((s) => s.close()));
    await federation.stop();
  });
  beforeEach(() => {
    federation.introspectDelayMs = 0;
    federation.introspectStatus = undefined;
    federation.tokenStatus = undefined;
    federation.ownTokenLifetime = 3600;
  });

  describe('accepting tokens', () => {
    it('serves the token’s e-Box for an active token with summaryownebox', async () => {
      const token = federation.token(activeAnswer({ scopes: ['summaryownebox'] }));
      const res = await server.get('/ebox', token);
      expect(res.status).to.equal(200);
      expect(res.json().numberOfMessages).to.equal(1);
      expectNoLeak(res, token);
    });

    for (const [scope, path] of [
      ['summaryallebox', '/ebox'],
      ['messagesfull', '/ebox/messages'],
      ['referencedata', '/referenceData/messageTypes'],
    ]) {
      it(`answers 200 on ${path} for a token with ${scope} alone`, async () => {
        const token = federation.token(activeAnswer({ scopes: [scope] }));
        const res = await server.get(path, token);
        expect(res.status).to.equal(200);
        expectNoLeak(res, token);
      });
    }

    it('pads a 9-digit CBE to the 10-digit e-Box', async () => {
      const short = await server.get('/ebox', federation.token(activeAnswer({ cbe: OWNER.slice(1) })));
      const full = await server.get('/ebox', federation.token(activeAnswer({ cbe: OWNER })));
      const other = await server.get('/ebox', federation.token(activeAnswer({ cbe: '1000000002' })));
      expect(short.status).to.equal(200);
      expect(short.json()).to.deep.equal(full.json());
      expect(short.json().numberOfMessages).to.equal(1);
      expect(other.json().numberOfMessages).to.equal(1);
      const list = await server.get('/ebox/messages', federation.token(activeAnswer({ cbe: OWNER.slice(1) })));
      expect(list.json().items.map((m: { messageId: string }) => m.messageId)).to.deep.equal(['m-owner']);
    });

    it('accepts exp and nbf within the 30 s clock skew', async () => {
      const token = federation.token(activeAnswer({ exp: epoch() - 5, nbf: epoch() + 5 }));
      expect((await server.get('/ebox', token)).status).to.equal(200);
    });
  });

  describe('refusing tokens', () => {
    const cases: [string, () => Record<string, unknown>][] = [
      ['an inactive token', () => ({ active: false })],
      ['an expired token (exp in the past)', () => activeAnswer({ exp: epoch() - 120 })],
      ['a token not yet valid (nbf in the future)', () => activeAnswer({ nbf: epoch() + 120 })],
    ];
    for (const [what, answer] of cases) {
      it(`answers 401 invalid_token for ${what}`, async () => {
        const token = federation.token(answer());
        const res = await server.get('/ebox', token);
        expect(res.status).to.equal(401);
        expect(res.json().code).to.equal('INVALID_TOKEN');
        expect(res.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"');
        expectNoLeak(res, token, OWNER);
      });
    }

    it('answers 401 for a token the authorization server does not know', async () => {
      const res = await server.get('/ebox', 'never-issued-token');
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"');
    });

    it('answers 403 insufficient_scope when the operation’s scope is missing', async () => {
      const token = federation.token(activeAnswer({ scopes: ['referencedata'] }));
      const res = await server.get('/ebox/messages', token);
      expect(res.status).to.equal(403);
      expect(res.json().code).to.equal('INSUFFICIENT_SCOPE');
      expect(res.headers.get('www-authenticate')).to.equal(`Bearer error="insufficient_scope", scope="${SCOPE_PREFIX}messagesfull"`);
      expect((await server.get('/referenceData/messageTypes', token)).status).to.equal(200);
    });

    it('answers 403 when the token carries no CBE attribute', async () => {
      const token = federation.token(activeAnswer({ cbe: null }));
      const res = await server.get('/ebox', token);
      expect(res.status).to.equal(403);
      expect(res.json().code).to.equal('NO_EBOX_IN_TOKEN');
      expectNoLeak(res, token);
    });

    for (const cbe of ['2123456749', '12345678901', '0123.456.749', '']) {
      it(`answers 403 for the CBE value "${cbe}"`, async () => {
        const token = federation.token(activeAnswer({ cbe }));
        const res = await server.get('/ebox', token);
        expect(res.status).to.equal(403);
        expect(res.json().code).to.equal('NO_EBOX_IN_TOKEN');
        expectNoLeak(res, token, cbe || undefined);
      });
    }
  });

  describe('the authorization server failing', () => {
    it('answers 503 with Retry-After when the server is unreachable', async () => {
      const port = await closedPort();
      const down = await another(
        federation.env({ OAUTH_TOKEN_URL: `http://127.0.0.1:${port}/token`, OAUTH_INTROSPECTION_URL: `http://127.0.0.1:${port}/introspect` }),
      );
      const token = federation.token(activeAnswer());
      const res = await down.get('/ebox', token);
      expectUnavailable(res);
      expectNoLeak(res, token);
    });

    it('answers 503 when the introspection endpoint is unreachable but the token endpoint is not', async () => {
      const port = await closedPort();
      const down = await another(federation.env({ OAUTH_INTROSPECTION_URL: `http://127.0.0.1:${port}/introspect` }));
      expectUnavailable(await down.get('/ebox', federation.token(activeAnswer())));
    });

    it('answers 503 when the introspection answer is slower than OAUTH_TIMEOUT_MS', async () => {
      const slow = await another(federation.env({ OAUTH_TIMEOUT_MS: '300' }));
      federation.introspectDelayMs = 800;
      const started = Date.now();
      const res = await slow.get('/ebox', federation.token(activeAnswer()));
      expectUnavailable(res);
      expect(Date.now() - started).to.be.below(750);
    });

    it('answers 503 when the introspection endpoint answers 500', async () => {
      federation.introspectStatus = 500;
      const token = federation.token(activeAnswer());
      expectUnavailable(await server.get('/ebox', token));
      // Failures are not cached: the token works once the server is back.
      federation.introspectStatus = undefined;
      expect((await server.get('/ebox', token)).status).to.equal(200);
    });

    it('answers 503 when the token endpoint answers 500', async () => {
      const fresh = await another(federation.env());
      federation.tokenStatus = 500;
      expectUnavailable(await fresh.get('/ebox', federation.token(activeAnswer())));
    });

    for (const [what, body] of [
      ['without active', { scope: 'x' }],
      ['with a string active', { active: 'true' }],
      ['with a numeric scope', { active: true, scope: 42 }],
      ['with a string exp', { active: true, exp: 'tomorrow' }],
      ['that is an array', [{ active: true }]],
    ] as const) {
      it(`answers 503 for an introspection answer ${what}`, async () => {
        federation.nextIntrospectBody = body;
        expectUnavailable(await server.get('/ebox', federation.token(activeAnswer())));
      });
    }
  });

  describe('the provider’s own token', () => {
    it('is requested with a private_key_jwt client assertion for the introspect scope', async () => {
      const before = federation.tokenRequests.length;
      federation.revokeOwnTokens();
      await server.get('/ebox', federation.token(activeAnswer()));
      federation.revokeOwnTokens();
      await server.get('/ebox', federation.token(activeAnswer()));
      const requests = federation.tokenRequests.slice(before);
      expect(requests).to.have.length(2);
      const jtis = [];
      for (const { body, authorization } of requests) {
        expect(authorization).to.equal(undefined);
        expect(body).to.include({
          grant_type: 'client_credentials',
          scope: 'scope:security:authorization:oauth:oauth-autz-server:introspect',
          client_id: CLIENT_ID,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        });
        const { payload, protectedHeader } = await jwtVerify(body.client_assertion, federation.clientPublicKey, {
          issuer: CLIENT_ID,
          subject: CLIENT_ID,
          audience: AUDIENCE,
          algorithms: ['RS256'],
        });
        expect(protectedHeader.alg).to.equal('RS256');
        expect(payload.exp).to.be.within(epoch(), epoch() + 300);
        expect(payload.jti).to.be.a('string').and.not.empty;
        jtis.push(payload.jti);
      }
      expect(jtis[0]).not.to.equal(jtis[1]);
    });

    it('is reused across introspections', async () => {
      await server.get('/ebox', federation.token(activeAnswer()));
      const before = federation.tokenRequests.length;
      await server.get('/ebox', federation.token(activeAnswer()));
      await server.get('/ebox', federation.token(activeAnswer()));
      expect(federation.tokenRequests.length).to.equal(before);
    });

    it('is replaced once when the introspection endpoint refuses it, and the request succeeds', async () => {
      await server.get('/ebox', federation.token(activeAnswer()));
      const tokensBefore = federation.tokenRequests.length;
      federation.revokeOwnTokens();
      const token = federation.token(activeAnswer());
      const res = await server.get('/ebox', token);
      expect(res.status).to.equal(200);
      expect(federation.tokenRequests.length).to.equal(tokensBefore + 1);
      expect(federation.introspections.filter((i) => i.token === token).map((i) => i.status)).to.deep.equal([401, 200]);
    });

    it('is renewed before it expires', async function () {
      this.timeout(10_000);
      federation.ownTokenLifetime = 2;
      const shortLived = await another(federation.env());
      const before = federation.tokenRequests.length;
      expect((await shortLived.get('/ebox', federation.token(activeAnswer()))).status).to.equal(200);
      await sleep(2100);
      const token = federation.token(activeAnswer());
      expect((await shortLived.get('/ebox', token)).status).to.equal(200);
      expect(federation.tokenRequests.length).to.equal(before + 2);
      // The expired token was never presented: the new one was fetched beforehand.
      expect(federation.introspections.filter((i) => i.token === token).map((i) => i.status)).to.deep.equal([200]);
    });

    it('answers 503 when a fresh own token is refused too', async () => {
      const fresh = await another(federation.env({ OAUTH_INTROSPECT_SCOPE: 'scope:not:the:introspect:one' }));
      expectUnavailable(await fresh.get('/ebox', federation.token(activeAnswer())));
    });

    it('can be obtained with client_secret_basic instead of a key', async () => {
      const env = federation.env({ OAUTH_CLIENT_SECRET: 's3cret:with/odd chars' });
      delete env.OAUTH_PRIVATE_KEY_FILE;
      const basic = await another(env);
      const before = federation.tokenRequests.length;
      expect((await basic.get('/ebox', federation.token(activeAnswer()))).status).to.equal(200);
      const [request] = federation.tokenRequests.slice(before);
      expect(request.authorization).to.match(/^Basic /);
      const [user, password] = Buffer.from((request.authorization ?? '').slice(6), 'base64').toString('utf8').split(':');
      expect(decodeURIComponent(user.replace(/\+/g, ' '))).to.equal(CLIENT_ID);
      expect(decodeURIComponent(password.replace(/\+/g, ' '))).to.equal('s3cret:with/odd chars');
      expect(request.body).not.to.have.property('client_assertion');
    });
  });

  describe('start-up', () => {
    it('refuses to start without a readable PKCS#8 key, naming the setting but not the file content', async () => {
      const garbage = path.join(tempDir(), 'not-a-key.pem');
      fs.writeFileSync(garbage, '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n');
      for (const file of [path.join(tempDir(), 'missing.pem'), garbage]) {
        let error: unknown;
        await startServer(federation.env({ OAUTH_PRIVATE_KEY_FILE: file })).catch((err) => (error = err));
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as Error).message).to.match(/^OAUTH_PRIVATE_KEY_FILE /).and.not.contain('c2VjcmV0');
      }
    });
  });

  describe('the introspection cache', () => {
    it('introspects a token once for two calls', async () => {
      const token = federation.token(activeAnswer());
      expect((await server.get('/ebox', token)).status).to.equal(200);
      expect((await server.get('/ebox/messages', token)).status).to.equal(200);
      expect(federation.callsFor(token)).to.equal(1);
    });

    it('remembers an inactive token for a few seconds', async () => {
      const token = federation.token({ active: false });
      expect((await server.get('/ebox', token)).status).to.equal(401);
      expect((await server.get('/ebox', token)).status).to.equal(401);
      expect(federation.callsFor(token)).to.equal(1);
    });

    it('shares one introspection among concurrent requests with a new token', async () => {
      federation.introspectDelayMs = 100;
      const token = federation.token(activeAnswer());
      const answers = await Promise.all(Array.from({ length: 8 }, () => server.get('/ebox', token)));
      expect(answers.map((r) => r.status)).to.deep.equal(Array(8).fill(200));
      expect(federation.callsFor(token)).to.equal(1);
    });

    it('introspects again once INTROSPECTION_CACHE_SECONDS have passed', async function () {
      this.timeout(10_000);
      const brief = await another(federation.env({ INTROSPECTION_CACHE_SECONDS: '1' }));
      const token = federation.token(activeAnswer());
      await brief.get('/ebox', token);
      await brief.get('/ebox', token);
      expect(federation.callsFor(token)).to.equal(1);
      await sleep(1100);
      expect((await brief.get('/ebox', token)).status).to.equal(200);
      expect(federation.callsFor(token)).to.equal(2);
    });

    it('never keeps a token past its exp', async function () {
      this.timeout(10_000);
      const token = federation.token(activeAnswer({ exp: epoch() + 2 }));
      await server.get('/ebox', token);
      await server.get('/ebox', token);
      expect(federation.callsFor(token)).to.equal(1);
      await sleep(2100);
      // Still accepted (within the clock skew), but only after asking again.
      expect((await server.get('/ebox', token)).status).to.equal(200);
      expect(federation.callsFor(token)).to.equal(2);
    });
  });
});

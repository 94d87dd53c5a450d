import { expectStatus, observe, type Kit } from '../kit';

const AREA = 'security';

/** No token, or a token nobody issued: 401 with a WWW-Authenticate challenge, on every kind of operation. */
export async function unauthenticated(kit: Kit): Promise<void> {
  const targets: [string, string][] = [
    ['/ebox', 'getEBoxById'],
    ['/ebox/messages', 'getMessagesByEBoxId'],
    ['/referenceData/messageTypes', 'getAllMessagesTypes'],
  ];
  for (const [path, operationId] of targets) {
    for (const headers of [{}, { Authorization: 'Bearer conformance-kit-not-a-token' }] as Record<string, string>[]) {
      const answer = await kit.http.send({ path, operationId, headers });
      expectStatus(kit, AREA, 'A request without a valid token is 401', answer, 401);
      const challenge = answer.headers.get('www-authenticate') ?? '';
      observe(kit, AREA, 'A 401 carries WWW-Authenticate: Bearer', /^bearer\b/i.test(challenge), () => ({ request: answer.curl, expected: 'WWW-Authenticate: Bearer …', seen: `WWW-Authenticate: ${challenge || '(none)'}` }));
    }
  }
}

/** The draft's unsecured version endpoint; required in the certification profile, a recommendation otherwise. */
export async function version(kit: Kit, required: boolean): Promise<void> {
  const answer = await kit.http.send({ path: '/certification/version', operationId: 'getCertificationVersion' });
  expectStatus(kit, 'certification', 'GET /certification/version answers 200 without a token', answer, 200, required ? 'must' : 'recommendation');
}

/** Headers a browser client may read beyond Location: good practice, not required. */
const RECOMMENDED_EXPOSED = ['ETag', 'Content-Disposition', 'Content-Length', 'Content-Range', 'Accept-Ranges', 'Last-Modified', 'Retry-After'];

/** The portal calls from a browser: preflight and CORS headers for the given origin. */
export async function cors(kit: Kit): Promise<void> {
  const origin = kit.origin;
  if (!origin) return;
  const area = 'cors';
  for (const [method, headers] of [['GET', 'authorization'], ['PATCH', 'authorization,content-type']]) {
    const preflight = await kit.http.send({ method: 'OPTIONS', path: '/ebox/messages', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } });
    expectStatus(kit, area, 'A preflight from the portal origin succeeds (2xx)', preflight, [200, 204]);
    const allowOrigin = preflight.headers.get('access-control-allow-origin');
    observe(kit, area, 'The preflight allows the portal origin', allowOrigin === origin || allowOrigin === '*', () => ({ request: preflight.curl, expected: `Access-Control-Allow-Origin: ${origin}`, seen: `${allowOrigin ?? '(none)'}` }));
    const methods = (preflight.headers.get('access-control-allow-methods') ?? '').toUpperCase();
    observe(kit, area, 'The preflight allows the method', methods.split(/\s*,\s*/).includes(method) || methods === '*', () => ({ request: preflight.curl, expected: `Access-Control-Allow-Methods with ${method}`, seen: methods || '(none)' }));
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    const missing = headers.split(',').filter((h) => !allowed.includes(h) && !allowed.includes('*'));
    observe(kit, area, 'The preflight allows the Authorization and Content-Type headers', missing.length === 0, () => ({ request: preflight.curl, expected: `Access-Control-Allow-Headers with ${headers}`, seen: preflight.headers.get('access-control-allow-headers') ?? '(none)' }));
    observe(kit, area, 'The preflight lets browsers keep it (Access-Control-Max-Age)', preflight.headers.get('access-control-max-age') !== null, () => ({ request: preflight.curl, expected: 'Access-Control-Max-Age', seen: '(none)' }), 'recommendation');
  }
  const actual = await kit.http.send({ path: '/ebox/messages?pageSize=1', operationId: 'getMessagesByEBoxId', token: 'token', headers: { Origin: origin } });
  const allowOrigin = actual.headers.get('access-control-allow-origin');
  observe(kit, area, 'Answers to the portal origin carry Access-Control-Allow-Origin', allowOrigin === origin || allowOrigin === '*', () => ({ request: actual.curl, expected: `Access-Control-Allow-Origin: ${origin}`, seen: allowOrigin ?? '(none)' }));
  const exposed = (actual.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  observe(kit, area, 'Location is exposed to browsers (Access-Control-Expose-Headers)', exposed.includes('location') || exposed.includes('*'), () => ({ request: actual.curl, expected: 'Access-Control-Expose-Headers with Location', seen: actual.headers.get('access-control-expose-headers') ?? '(none)' }));
  const notExposed = RECOMMENDED_EXPOSED.filter((h) => !exposed.includes(h.toLowerCase()) && !exposed.includes('*'));
  observe(kit, area, `Headers a browser client needs are exposed too (${RECOMMENDED_EXPOSED.join(', ')})`, notExposed.length === 0, () => ({ request: actual.curl, expected: `also ${RECOMMENDED_EXPOSED.join(', ')}`, seen: `missing ${notExposed.join(', ')}` }), 'recommendation');
  const stranger = await kit.http.send({ method: 'OPTIONS', path: '/ebox/messages', headers: { Origin: 'https://conformance-kit.invalid', 'Access-Control-Request-Method': 'GET' } });
  const strangerAllowed = stranger.headers.get('access-control-allow-origin');
  observe(kit, area, 'An origin the provider does not know is not allowed', strangerAllowed !== 'https://conformance-kit.invalid', () => ({ request: stranger.curl, expected: 'no Access-Control-Allow-Origin for that origin', seen: strangerAllowed ?? '' }), 'recommendation');
}

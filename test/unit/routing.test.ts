import { expect } from 'chai';
import OpenAPIBackend from 'openapi-backend';
import { precompileRouting } from '../../src/contract/routing';
import { specPath } from '../../src/contract/spec-path';

describe('precompiled routing', () => {
  for (const apiRoot of ['/', '/dp/v2']) {
    it(`matches exactly like openapi-backend's own router (apiRoot ${apiRoot})`, async () => {
      const reference = new OpenAPIBackend({ definition: specPath, apiRoot });
      const fast = new OpenAPIBackend({ definition: specPath, apiRoot });
      await Promise.all([reference.init(), fast.init()]);
      precompileRouting(fast);
      const prefix = apiRoot === '/' ? '' : apiRoot;
      const paths = [
        ...reference.router.getOperations().map((op) => op.path.replace(/\{[^}]+\}/g, 'x1')),
        '/ebox/messages/', '/ebox/messages/a/attachments/b/content/', '/nowhere', '/ebox/messages/a/b', '/referenceData', '', '/',
      ];
      for (const path of paths.flatMap((p) => [prefix + p, p, `/other${p}`])) {
        for (const method of ['get', 'post', 'patch', 'delete']) {
          const request = { method, path, headers: {} };
          const expected = reference.router.matchOperation(request);
          expect(fast.router.matchOperation(request)?.operationId, `${method} ${path}`).to.equal(expected?.operationId);
          let expectedError = '';
          let actualError = '';
          try { reference.router.matchOperation(request, true); } catch (e) { expectedError = String(e); }
          try { fast.router.matchOperation(request, true); } catch (e) { actualError = String(e); }
          expect(actualError, `strict ${method} ${path}`).to.equal(expectedError);
        }
      }
    });
  }
});

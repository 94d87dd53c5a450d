import type OpenAPIBackend from 'openapi-backend';
import type { Operation, Request } from 'openapi-backend';

/**
 * openapi-backend's router rebuilds its list of operations (lodash over every
 * path) and compiles one RegExp per path template on every request; with a
 * contract that never changes after start-up that is the same work each time,
 * and it was the largest cost of a cheap request in the benchmark. This swaps
 * in a matcher built once, with the router's own rules: an exact path first,
 * then templates by specificity (longest literal part); a path that matches
 * with no operation for the method is 405 in strict mode, no path is 404.
 * The router's own normalisation (apiRoot, trailing slashes) is kept.
 */
export function precompileRouting(api: OpenAPIBackend): void {
  const router = api.router;
  const operations = router.getOperations();
  router.getOperations = () => operations;

  const literal = (path: string) => path.replace(/\{.*?\}/g, '').length;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = operations
    .map((op) => ({ op, pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '\0').split('\0').map(escape).join('[^/]+')}$`) }))
    .sort((a, b) => literal(b.op.path) - literal(a.op.path));

  const root = router.apiRoot.replace(/\/$/, '');
  const underRoot = (path: string) => (root === '' ? path.startsWith('/') : path === root || path.startsWith(`${root}/`));

  router.matchOperation = ((req: Request, strict?: boolean): Operation | undefined => {
    const normalized = router.normalizeRequest(req);
    const fail = (reason: string) => {
      if (strict) throw Error(reason);
      return undefined;
    };
    if (!underRoot(normalized.path)) return fail('404-notFound: no route matches request');
    const path = router.normalizePath(normalized.path);
    const exact = operations.find((op) => op.path === path && op.method === normalized.method);
    if (exact) return exact;
    const candidates = patterns.filter(({ pattern }) => pattern.test(path));
    if (candidates.length === 0) return fail('404-notFound: no route matches request');
    return candidates.find(({ op }) => op.method === normalized.method)?.op ?? fail('405-methodNotAllowed: this method is not registered for the route');
  }) as typeof router.matchOperation;
}

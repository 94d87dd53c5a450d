import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import type { Config } from '../config';
import { rootDir } from '../contract/spec-path';
import type { Logger } from '../log';
import type { RequestState } from './state';
import { asset, onlyAt, serveAsset } from './static-files';

/** Where `npm run build` (scripts/build-portal.ts) writes the portal view. */
export const PORTAL_BUILD_DIR = path.join(rootDir, 'dist', 'portal');

/** The files the build writes; the page names the other two relatively. */
export const PORTAL_FILES = { page: 'index.html', script: 'portal.js', style: 'portal.css' } as const;

/** The placeholder the page's source holds for the provider's root, relative to /portal/. */
export const PROVIDER_ROOT_PLACEHOLDER = '%PROVIDER_ROOT%';

/**
 * The page calls nothing but this provider, through the same public API a
 * portal uses; images are fetched with the token and shown as blob: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The built-in portal view at /portal/ (README, "Portal view"), outside
 * BASE_PATH like /health, without a token: the page asks for one. It finds
 * the contract relative to its own URL, so it works behind a proxy that adds
 * a path prefix.
 */
export function mountPortal(router: Router<RequestState>, config: Config, log: Logger): void {
  if (!config.portal) return;
  const read = (name: string) => fs.readFileSync(path.join(PORTAL_BUILD_DIR, name));
  if (!fs.existsSync(path.join(PORTAL_BUILD_DIR, PORTAL_FILES.page))) {
    log.warn({ dir: PORTAL_BUILD_DIR }, 'PORTAL=on but the portal view is not built (npm run build): /portal/ answers 404');
    return;
  }
  // BASE_PATH is checked to hold URL-safe characters only (config.ts): it goes into the attribute as it is.
  const providerRoot = `..${config.basePath}/`;
  const page = read(PORTAL_FILES.page).toString('utf8').replace(PROVIDER_ROOT_PLACEHOLDER, providerRoot);
  router.get('/portal', onlyAt('/portal', (ctx) => ctx.redirect('portal/')));
  serveAsset(router, '/portal/', asset(page, 'text/html; charset=utf-8'), { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  serveAsset(router, `/portal/${PORTAL_FILES.script}`, asset(read(PORTAL_FILES.script), 'text/javascript; charset=utf-8'));
  serveAsset(router, `/portal/${PORTAL_FILES.style}`, asset(read(PORTAL_FILES.style), 'text/css; charset=utf-8'));
}

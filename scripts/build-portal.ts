import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { rootDir } from '../src/contract/spec-path';
import { PORTAL_BUILD_DIR, PORTAL_FILES } from '../src/http/portal';

const SOURCE_DIR = path.join(rootDir, 'portal');

/**
 * Bundles the portal view (portal/) into one script and one stylesheet beside
 * its page, for the server to serve at /portal/: nothing is fetched from a CDN
 * when it runs. `npm run build` calls it; so does the browser test suite, so a
 * fresh clone's `make test` tests the page it builds.
 */
export async function buildPortal(outDir = PORTAL_BUILD_DIR): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { [path.parse(PORTAL_FILES.script).name]: path.join(SOURCE_DIR, 'main.ts') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: outDir,
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(SOURCE_DIR, PORTAL_FILES.page), path.join(outDir, PORTAL_FILES.page));
}

if (require.main === module) {
  buildPortal().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

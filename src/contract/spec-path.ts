import fs from 'node:fs';
import path from 'node:path';

/** The project root: the nearest folder above this module holding package.json (works from src/ and dist/src/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const rootDir = projectRoot();
export const specPath = path.join(rootDir, 'spec', 'message-registry.yaml');

/** This project's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string }).version;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folders tempDir() made in this run. */
const made = new Set<string>();

/**
 * A new empty folder under the system's temporary folder, removed when the
 * test run ends (mochaHooks). Servers started in child processes and stores
 * reopened by a second server use the folder after the test that made it,
 * so no single test can remove it.
 */
export function tempDir(prefix = 'ebox-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Mocha's root hooks: this file is in the `require` list of .mocharc.json and .mocharc.postgres.json. */
export const mochaHooks = {
  afterAll(): void {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    made.clear();
  },
};

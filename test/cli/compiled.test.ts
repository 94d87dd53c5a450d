import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { rootDir } from '../../src/contract/spec-path';
import { fixtureDir } from '../import/helpers';
import { tempDir } from '../helpers/temp-dirs';

/**
 * The CLIs as a production install runs them. The test builds, in a
 * temporary folder, what `npm run build` then `npm ci --omit=dev` leave
 * behind: package.json, spec/, dist/ (compiled by tsc from
 * tsconfig.build.json) and a node_modules holding copies of exactly the
 * package-lock.json entries not marked `dev`, at their locked paths (the
 * entries `npm ci --omit=dev` installs). Copies, not symlinks: Node resolves a
 * symlinked package's own requires from its real path, which would be the
 * full node_modules with tsx and typescript in it. The children get no
 * NODE_OPTIONS or NODE_PATH, so nothing outside the folder can be loaded
 * either; the first test checks that no dev-only package is reachable.
 */

const pkg = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(rootDir, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Whether Node's lookup from `dir` would find `name`: a node_modules/<name> in it or any folder above. */
function reachable(name: string, dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', name))) return true;
    if (path.dirname(d) === d) return false;
  }
}

describe('the compiled CLIs without dev dependencies', () => {
  let dir: string;
  let app: string;
  let env: NodeJS.ProcessEnv;

  const run = async (bin: string, args: string[]): Promise<Run> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(app, pkg.bin[bin]), ...args], { cwd: app, env, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: unknown; stdout: string; stderr: string };
      if (typeof e.code !== 'number') throw err;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  before(function () {
    this.timeout(120_000);
    dir = tempDir('ebox-cli-test-');
    app = path.join(dir, 'app');
    // --noCheck: only the emitted JavaScript matters here (the same files as
    // a checked build); typecheck and build do the type checking.
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(app, 'dist'), '--noCheck'], { cwd: rootDir });
    fs.copyFileSync(path.join(rootDir, 'package.json'), path.join(app, 'package.json'));
    fs.cpSync(path.join(rootDir, 'spec'), path.join(app, 'spec'), { recursive: true });
    for (const [entry, meta] of Object.entries(lock.packages)) {
      if (!entry.startsWith('node_modules/') || meta.dev) continue;
      const from = path.join(rootDir, entry);
      // An optional package for another platform is in the lock but not installed.
      if (!fs.existsSync(from)) continue;
      const nested = path.join(from, 'node_modules');
      fs.cpSync(from, path.join(app, entry), { recursive: true, filter: (p) => p !== nested });
    }
    env = { PATH: process.env.PATH, DATABASE_URL: path.join(dir, 'ebox.sqlite'), STORAGE_DIR: path.join(dir, 'blobs') };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs where no dev-only package can be loaded', () => {
    const prod = new Set(Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/') && !lock.packages[k].dev).map((k) => k.slice('node_modules/'.length)));
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !prod.has(name));
    expect(devOnly).to.include.members(['tsx', 'typescript', 'mocha']);
    expect(devOnly.filter((name) => reachable(name, app))).to.deep.equal([]);
    expect(reachable('knex', app)).to.equal(true);
  });

  it('has one compiled file with a node shebang per bin entry', () => {
    expect(Object.keys(pkg.bin).sort()).to.deep.equal(['ebox-audit', 'ebox-conformance', 'ebox-demo', 'ebox-events', 'ebox-import', 'ebox-migrate']);
    for (const file of Object.values(pkg.bin)) {
      expect(fs.readFileSync(path.join(app, file), 'utf8').split('\n')[0], file).to.equal('#!/usr/bin/env node');
    }
  });

  it('ebox-migrate brings the database to the latest schema', async () => {
    const result = await run('ebox-migrate', []);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain('schema up to date');
  });

  it('ebox-demo --if-empty loads the demo data once', async () => {
    const first = await run('ebox-demo', ['--if-empty']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('e-Boxes 0123456749, 1000000021');
    expect(first.stdout).to.match(/messages\s+200/);
    const second = await run('ebox-demo', ['--if-empty']);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain('already holds 200 messages');
  });

  it('ebox-import imports a file', async () => {
    const result = await run('ebox-import', [path.join(fixtureDir, 'import.json')]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/messages\s+3/);
  });

  it('ebox-audit exports a period', async () => {
    const out = path.join(dir, 'audit.jsonl');
    const result = await run('ebox-audit', ['export', '--from', '2026-01-01', '--to', '2026-01-31', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.contain('0 audit record(s) from 2026-01-01 to 2026-01-31');
    expect(fs.readFileSync(out, 'utf8')).to.equal('');
  });

  it('prints the usage on --help and exits 0; exits 2 with one line on an unknown option', async () => {
    const bins = Object.keys(pkg.bin);
    const helps = await Promise.all(bins.map((bin) => run(bin, ['--help'])));
    const unknowns = await Promise.all(bins.map((bin) => run(bin, ['--bogus'])));
    bins.forEach((bin, i) => {
      expect(helps[i].code, helps[i].stderr).to.equal(0);
      expect(helps[i].stdout).to.match(new RegExp(`^usage: ${bin}\\b`));
      expect(unknowns[i].code, bin).to.equal(2);
      expect(unknowns[i].stdout).to.equal('');
      expect(unknowns[i].stderr).to.equal(`${bin}: unknown option '--bogus' (see ${bin} --help)\n`);
    });
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parseCommandLine, UsageError } from '../../src/cli/command';
import { rootDir } from '../../src/contract/spec-path';

const command = {
  name: 'tool',
  usage: 'usage: tool',
  options: { out: { type: 'string' }, keep: { type: 'boolean' } },
} as const;

function usageError(argv: string[], positionals = false): string {
  try {
    parseCommandLine({ ...command, positionals }, argv);
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('command lines (src/cli/command)', () => {
  it('gives the values of the declared options and the positionals when the command takes some', () => {
    const line = parseCommandLine({ ...command, positionals: true }, ['--out', 'x.json', 'a', '--keep']);
    expect(line).to.not.equal('help');
    if (line === 'help') return;
    expect(line.values).to.deep.equal({ out: 'x.json', keep: true });
    expect(line.positionals).to.deep.equal(['a']);
  });

  it('answers help to --help and -h, whatever else is given', () => {
    expect(parseCommandLine(command, ['--help'])).to.equal('help');
    expect(parseCommandLine(command, ['--keep', '-h'])).to.equal('help');
  });

  it('refuses, in one line, unknown options, missing values, values of flags and unexpected positionals', () => {
    expect(usageError(['--bogus'])).to.equal("unknown option '--bogus'");
    expect(usageError(['--bogus'], true)).to.equal("unknown option '--bogus'");
    expect(usageError(['--out'])).to.equal("option '--out <value>' argument missing");
    expect(usageError(['--keep=yes'])).to.equal("option '--keep' does not take an argument");
    expect(usageError(['extra'])).to.equal("unexpected argument 'extra'");
  });

  describe('the dev tools in scripts/ follow the same convention', () => {
    const run = async (script: string, args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: rootDir, timeout: 30_000 });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code?: unknown; stdout: string; stderr: string };
        if (typeof e.code !== 'number') throw err;
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    for (const [name, script] of [['bench', 'scripts/bench.ts'], ['spec-diff', 'scripts/spec-diff.ts']]) {
      it(`${name}: usage on --help (exit 0), one line and exit 2 on an unknown option`, async () => {
        const [help, unknown] = await Promise.all([run(path.join(rootDir, script), ['--help']), run(path.join(rootDir, script), ['--bogus'])]);
        expect(help.code, help.stderr).to.equal(0);
        expect(help.stdout).to.match(/^usage: /);
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.equal(`${name}: unknown option '--bogus' (see ${name} --help)\n`);
      });
    }
  });
});

// CLI: npx tsx scripts/spec-diff.ts <upstream.yaml> [--ours <file>] [--readme <file>] [--show-excused]
// Compares the upstream contract (Swagger 2.0 or OpenAPI 3) with our spec and
// prints every structural difference not covered by the deliberate deltas
// table of spec/README.md. Exit status: 0 clean, 1 unexcused differences,
// 2 a command line not understood or a comparison that could not be made.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_USAGE, runCommand, UsageError } from '../src/cli/command';
import { compare, parseDeltaTable, readYaml, report } from './spec-diff/index';

const root = resolve(__dirname, '..');

void runCommand(
  {
    name: 'spec-diff',
    usage: 'usage: spec-diff <upstream.yaml> [--ours <file>] [--readme <file>] [--show-excused]',
    options: { ours: { type: 'string' }, readme: { type: 'string' }, 'show-excused': { type: 'boolean' } },
    positionals: true,
    // 1 means "differences found"; a comparison that failed must not read as that.
    failureStatus: EXIT_USAGE,
  },
  async ({ positionals, values }) => {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no upstream contract given' : 'give one upstream contract');
    const ours = resolve(values.ours ?? resolve(root, 'spec/message-registry.yaml'));
    const readme = resolve(values.readme ?? resolve(root, 'spec/README.md'));
    const deltas = parseDeltaTable(readFileSync(readme, 'utf8'));
    const result = await compare(readYaml(positionals[0]), readYaml(ours), deltas);
    const { lines, exitCode } = report(result, { showExcused: values['show-excused'] });
    for (const line of lines) console.log(line);
    return exitCode;
  },
);

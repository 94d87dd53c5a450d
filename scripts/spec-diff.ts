// CLI: npx tsx scripts/spec-diff.ts <upstream.yaml> [--ours <file>] [--readme <file>] [--show-excused]
// Compares the upstream contract (Swagger 2.0 or OpenAPI 3) with our spec and
// prints every structural difference not covered by the deliberate deltas
// table of spec/README.md. Exit status: 0 clean, 1 unexcused differences, 2 usage.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compare, parseDeltaTable, readYaml, report } from './spec-diff/index';

async function main(argv: string[]): Promise<number> {
  const root = resolve(__dirname, '..');
  let ours = resolve(root, 'spec/message-registry.yaml');
  let readme = resolve(root, 'spec/README.md');
  let showExcused = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--ours') ours = resolve(argv[++i] ?? '');
    else if (arg === '--readme') readme = resolve(argv[++i] ?? '');
    else if (arg === '--show-excused') showExcused = true;
    else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    console.error('usage: spec-diff <upstream.yaml> [--ours <file>] [--readme <file>] [--show-excused]');
    return 2;
  }
  const deltas = parseDeltaTable(readFileSync(readme, 'utf8'));
  const result = await compare(readYaml(positional[0]), readYaml(ours), deltas);
  const { lines, exitCode } = report(result, { showExcused });
  for (const line of lines) console.log(line);
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`spec-diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

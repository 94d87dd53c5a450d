// npm run bench -- [--sizes 10000,200000 | --messages N [--eboxes E] [--big B]]
//                  [--duration 10] [--warmup 2] [--timeout 60] [--connections 10] [--no-info] [--keep] [--seed N]
// Builds a data set per size in a temporary folder, serves it with the real
// server in a child process and drives it over loopback with autocannon;
// see docs/benchmarks.md for what is measured and how to read it.
import { cleanUp } from './bench/children';
import { summaryTable, type SizeReport } from './bench/report';
import { runSize, type RunOptions, type SizeSpec } from './bench/suite';
import { option } from './cli';

const USAGE = `usage: npm run bench -- [--sizes 10000,200000 | --messages N [--eboxes E] [--big B]]
                        [--duration S] [--warmup S] [--timeout S] [--connections C] [--no-info] [--keep] [--seed N]`;

function positive(argv: string[], name: string, fallback: number, allowZero = false): number {
  const raw = option(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}"`);
  return n;
}

/** The default shape of a size: 1 e-Box per 100 messages up to 1,000 e-Boxes, the large one holding a tenth. */
function sizeOf(messages: number, argv: string[]): SizeSpec {
  return {
    messages,
    eboxes: positive(argv, '--eboxes', Math.min(1000, Math.max(2, Math.round(messages / 100)))),
    big: positive(argv, '--big', Math.max(1, Math.round(messages / 10))),
  };
}

export function parseArgs(argv: string[]): { sizes: SizeSpec[]; options: Omit<RunOptions, 'print' | 'status'> } {
  const known = new Set(['--sizes', '--messages', '--eboxes', '--big', '--duration', '--warmup', '--timeout', '--connections', '--seed', '--no-info', '--keep']);
  for (let i = 0; i < argv.length; i++) {
    if (!known.has(argv[i])) throw new Error(`unknown argument "${argv[i]}"`);
    if (!['--no-info', '--keep'].includes(argv[i])) i++;
  }
  const sizesText = option(argv, '--sizes');
  if (sizesText !== undefined && option(argv, '--messages') !== undefined) throw new Error('give --sizes or --messages, not both');
  let counts: number[];
  if (sizesText !== undefined) {
    counts = sizesText.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
    if (counts.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes must list integers of at least 2, got "${sizesText}"`);
  } else if (option(argv, '--messages') !== undefined) {
    counts = [positive(argv, '--messages', 0)];
  } else {
    counts = [10_000, 200_000];
  }
  const seedText = option(argv, '--seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return {
    sizes: counts.map((n) => sizeOf(n, argv)),
    options: {
      durationS: positive(argv, '--duration', 10),
      warmupS: positive(argv, '--warmup', 2, true),
      timeoutS: positive(argv, '--timeout', 60),
      connections: positive(argv, '--connections', 10),
      infoLogs: !argv.includes('--no-info'),
      keep: argv.includes('--keep'),
      seed,
    },
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  const options: RunOptions = {
    ...parsed.options,
    print: (line) => console.log(line),
    status: (line) => {
      if (tty) process.stderr.write(`\x1b[2K${line}\r`);
    },
  };
  const reports: SizeReport[] = [];
  const started = Date.now();
  for (const size of parsed.sizes) {
    console.log(`\n== ${size.messages.toLocaleString('en-US')} messages over ${size.eboxes.toLocaleString('en-US')} e-Boxes, the large one holding ${size.big.toLocaleString('en-US')} ==`);
    reports.push(await runSize(size, options));
  }
  console.log(`\n== summary (req/s, p50 and p99 in ms, ×base = real/baseline throughput) ==\n${summaryTable(reports)}`);
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

if (require.main === module) {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping servers and removing temporary data…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void main(process.argv.slice(2))
    .catch((err) => {
      console.error(`\nBENCH FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 1;
    })
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    });
}

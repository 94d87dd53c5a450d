// npm run bench -- [--engine sqlite|postgres] [--sizes 10000,200000 | --messages N [--eboxes E] [--big B]]
//                  [--duration 10] [--warmup 2] [--timeout 60] [--connections 10] [--one-by-one N,S] [--no-info] [--keep] [--seed N]
//                  [--no-publication | --publication-only]
//                  [--reuse DIR]
// Builds a data set per size in a temporary folder, serves it with the real
// server in a child process and drives it over loopback with autocannon;
// see docs/benchmarks.md for what is measured and how to read it.
import { runCommand, UsageError, type CommandLine } from '../src/cli/command';
import { cleanUp } from './bench/children';
import { DEFAULT_POSTGRES_ADMIN_URL } from './bench/dataset';
import { runPublicationBench } from './bench/publication';
import { summaryTable, type SizeReport } from './bench/report';
import { keptSpec, runSize, type RunOptions, type SizeSpec } from './bench/suite';

const COMMAND = {
  name: 'bench',
  usage: `usage: npm run bench -- [--engine sqlite|postgres] [--postgres-url URL]
                        [--sizes 10000,200000 | --messages N [--eboxes E] [--big B]]
                        [--duration S] [--warmup S] [--timeout S] [--connections C]
                        [--one-by-one-requests N] [--one-by-one-seconds S] [--no-info] [--keep] [--seed N]
                        [--reuse DIR] [--no-publication | --publication-only]`,
  options: {
    engine: { type: 'string' },
    'postgres-url': { type: 'string' },
    'one-by-one-requests': { type: 'string' },
    'one-by-one-seconds': { type: 'string' },
    sizes: { type: 'string' },
    messages: { type: 'string' },
    eboxes: { type: 'string' },
    big: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    timeout: { type: 'string' },
    connections: { type: 'string' },
    seed: { type: 'string' },
    'no-info': { type: 'boolean' },
    keep: { type: 'boolean' },
    reuse: { type: 'string' },
    'no-publication': { type: 'boolean' },
    'publication-only': { type: 'boolean' },
  },
} as const;

type Values = CommandLine<typeof COMMAND.options>['values'];

/** A count written as 10000 or 10_000. */
function count(raw: string): number {
  return /^\d[\d_]*$/.test(raw) ? Number(raw.replace(/_/g, '')) : NaN;
}

function positive(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined) return fallback;
  const n = count(raw);
  if (!Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}"`);
  return n;
}

/** The default shape of a size: 1 e-Box per 100 messages up to 1,000 e-Boxes, the large one holding a tenth. */
function sizeOf(messages: number, values: Values): SizeSpec {
  return {
    messages,
    eboxes: positive('eboxes', values.eboxes, Math.min(1000, Math.max(2, Math.round(messages / 100)))),
    big: positive('big', values.big, Math.max(1, Math.round(messages / 10))),
  };
}

function benchPlan(values: Values): { sizes: SizeSpec[]; options: Omit<RunOptions, 'print' | 'status'> } {
  if (values.sizes !== undefined && values.messages !== undefined) throw new UsageError('give --sizes or --messages, not both');
  let counts: number[];
  if (values.sizes !== undefined) {
    counts = values.sizes.split(',').map((s) => count(s.trim()));
    if (counts.some((n) => !Number.isSafeInteger(n) || n < 2)) throw new UsageError(`--sizes must list integers of at least 2, got "${values.sizes}"`);
  } else if (values.messages !== undefined) {
    counts = [positive('messages', values.messages, 0)];
  } else {
    counts = [10_000, 200_000];
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!/^-?\d+$/.test(values.seed ?? "") || !Number.isSafeInteger(seed))) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const engine = values.engine ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new UsageError(`--engine must be sqlite or postgres, got "${engine}"`);
  return {
    sizes: counts.map((n) => sizeOf(n, values)),
    options: {
      engine,
      postgresAdminUrl: values['postgres-url'] ?? process.env.BENCH_POSTGRES_URL ?? DEFAULT_POSTGRES_ADMIN_URL,
      sequentialRequests: positive('one-by-one-requests', values['one-by-one-requests'], 100),
      sequentialS: positive('one-by-one-seconds', values['one-by-one-seconds'], 3),
      durationS: positive('duration', values.duration, 10),
      warmupS: positive('warmup', values.warmup, 2, true),
      timeoutS: positive('timeout', values.timeout, 60),
      connections: positive('connections', values.connections, 10),
      infoLogs: !values['no-info'],
      keep: values.keep ?? false,
      reuse: values.reuse,
      seed,
    },
  };
}

async function bench(values: Values): Promise<number> {
  const plan = benchPlan(values);
  const tty = process.stderr.isTTY;
  const options: RunOptions = {
    ...plan.options,
    print: (line) => console.log(line),
    status: (line) => {
      if (tty) process.stderr.write(`\x1b[2K${line}\r`);
    },
  };
  const reports: SizeReport[] = [];
  const started = Date.now();
  if (values['no-publication'] && values['publication-only']) throw new UsageError('give --no-publication or --publication-only, not both');
  if (values.reuse !== undefined && (values.sizes !== undefined || values.messages !== undefined || values.engine !== undefined)) {
    throw new UsageError('--reuse measures the kept data set as it is: no --sizes, --messages or --engine with it');
  }
  const kept = values.reuse === undefined ? undefined : keptSpec(values.reuse);
  if (kept) options.engine = kept.engine;
  const sizes = values['publication-only'] ? [] : kept ? [kept] : plan.sizes;
  try {
    for (const size of sizes) {
      console.log(`\n== [${options.engine}] ${size.messages.toLocaleString('en-US')} messages over ${size.eboxes.toLocaleString('en-US')} e-Boxes, the large one holding ${size.big.toLocaleString('en-US')} ==`);
      reports.push(await runSize(size, options));
    }
    if (!values['no-publication']) {
      console.log('\n== POST /publishMessage: large documents (3 runs each, alternating with the fs floor) ==');
      await runPublicationBench(3, (line) => console.log(line));
    }
  } catch (err) {
    // The stack, not only the message: a failure deep in a child or the load generator needs it.
    console.error(`\nBENCH FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    await cleanUp();
  }
  if (reports.length > 0) console.log(`\n== summary (req/s, p50 and p99 in ms, ×base = real/baseline throughput) ==\n${summaryTable(reports)}`);
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n${signal}: stopping servers and removing temporary data…`);
  void cleanUp().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Autocannon and fetch may leave sockets open for a while; the run is over.
void runCommand(COMMAND, ({ values }) => bench(values)).then(() => process.exit());

import type { Dataset } from './dataset';
import type { LoadResult } from './load';

/** Text output of the benchmark: one block per data-set size, then a summary table. */

export interface CaseReport {
  /** Stable key of the case, the row of the summary table. */
  key: string;
  title: string;
  real: LoadResult;
  baseline?: LoadResult;
}

export interface NeedleReport {
  needle: string;
  items: number;
  totalItems: number;
  /** Median of sequential requests, one connection: the cost of that query shape alone. */
  medianMs: number;
}

export interface SizeReport {
  dataset: Dataset;
  buildMs: number;
  needles: NeedleReport[];
  cases: CaseReport[];
  /** Bytes of JSON log per request at LOG_LEVEL=info, when measured. */
  logBytesPerRequest?: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pad = (s: string, n: number) => s.padStart(n);
const padEnd = (s: string, n: number) => s.padEnd(n);

export interface Ratios {
  requestsPerS: number;
  p50: number;
  p99: number;
}

export function ratios(real: LoadResult, baseline: LoadResult): Ratios {
  return { requestsPerS: real.requestsPerS / baseline.requestsPerS, p50: real.p50Ms / baseline.p50Ms, p99: real.p99Ms / baseline.p99Ms };
}

export function describeDataset(d: Dataset, buildMs: number): string {
  const top = d.objectBytes
    .slice(0, 5)
    .map((o) => `${o.name} ${mb(o.bytes)}`)
    .join(', ');
  return [
    `build: ${seconds(buildMs)} (rows ${seconds(d.writeMs)}, search index ${seconds(d.indexMs)}); SQLite file ${mb(d.databaseBytes)}`,
    top ? `largest objects: ${top}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function describeNeedles(needles: NeedleReport[]): string {
  const lines = needles.map((n) => `  q=${padEnd(n.needle, 8)} items ${pad(String(n.items), 3)} / totalItems ${pad(int(n.totalItems), 7)}   alone: ${pad(fixed(n.medianMs), 8)} ms (median, 1 connection)`);
  return ['search needles of case (2) (qlang=fr, large e-Box), each alone after the load:', ...lines].join('\n');
}

function resultRow(label: string, r: LoadResult): string {
  return `${padEnd(label, 40)} ${pad(fixed(r.requestsPerS, 1), 10)} ${pad(fixed(r.p50Ms), 9)} ${pad(fixed(r.p99Ms), 9)} ${pad(int(r.bytesPerResponse), 10)} ${pad(int(r.requests), 9)}`;
}

export function describeCase(c: CaseReport): string {
  const lines = [resultRow(c.title, c.real)];
  if (c.baseline) {
    const r = ratios(c.real, c.baseline);
    lines.push(resultRow('  baseline node:http, same bytes', c.baseline));
    lines.push(`${padEnd('  ratio real/baseline', 40)} ${pad(fixed(r.requestsPerS, 3), 10)} ${pad(fixed(r.p50, 1) + 'x', 9)} ${pad(fixed(r.p99, 1) + 'x', 9)}`);
  }
  return lines.join('\n');
}

export function caseHeader(): string {
  return `${padEnd('case', 40)} ${pad('req/s', 10)} ${pad('p50 ms', 9)} ${pad('p99 ms', 9)} ${pad('bytes/resp', 10)} ${pad('requests', 9)}  (errors and non-2xx: 0)`;
}

function sizeLabel(d: Dataset): string {
  return `${int(d.messages)} msgs`;
}

/** Case × size: req/s, p50, p99 and, where a baseline ran, the real/baseline throughput ratio. */
export function summaryTable(sizes: SizeReport[]): string {
  const keys: { key: string; title: string }[] = [];
  for (const s of sizes) for (const c of s.cases) if (!keys.some((k) => k.key === c.key)) keys.push({ key: c.key, title: c.title });
  const label = 40;
  const cell = (a: string, b: string, c: string, d: string) => ` | ${pad(a, 8)} ${pad(b, 7)} ${pad(c, 7)} ${pad(d, 6)}`;
  const header = padEnd('', label) + sizes.map((s) => ` | ${padEnd(sizeLabel(s.dataset), 31)}`).join('');
  const sub = padEnd('case', label) + sizes.map(() => cell('req/s', 'p50', 'p99', '×base')).join('');
  const rows = keys.map(({ key, title }) =>
    padEnd(title.slice(0, label), label) +
    sizes
      .map((s) => {
        const c = s.cases.find((x) => x.key === key);
        if (!c) return cell('-', '-', '-', '-');
        return cell(int(c.real.requestsPerS), fixed(c.real.p50Ms), fixed(c.real.p99Ms), c.baseline ? fixed(ratios(c.real, c.baseline).requestsPerS, 3) : '-');
      })
      .join(''),
  );
  // Baselines of the cases that have their own (the LOG_LEVEL=info rows reuse those of their case).
  const baselines = keys
    .filter(({ key }) => !key.endsWith('-info') && sizes.some((s) => s.cases.find((c) => c.key === key)?.baseline))
    .map(({ key, title }) =>
      padEnd(`baseline of ${title}`.slice(0, label), label) +
      sizes
        .map((s) => {
          const b = s.cases.find((x) => x.key === key)?.baseline;
          return b ? cell(int(b.requestsPerS), fixed(b.p50Ms), fixed(b.p99Ms), '') : cell('-', '-', '-', '');
        })
        .join(''),
    );
  const builds = padEnd('build (rows + search index), SQLite file', label) + sizes.map((s) => ` | ${padEnd(`${seconds(s.buildMs)}, ${mb(s.dataset.databaseBytes)}`, 31)}`).join('');
  return [header, sub, '-'.repeat(sub.length), ...rows, ...baselines, builds].join('\n');
}

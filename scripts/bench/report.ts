import type { Dataset } from './dataset';
import type { LoadResult, SequentialResult } from './load';

/** Text output of the benchmark: one block per data-set size, then a summary table. */

export interface CaseReport {
  /** Stable key of the case, the row of the summary table. */
  key: string;
  title: string;
  real: LoadResult;
  baseline?: LoadResult;
}

/** One query shape requested alone, one connection, one request at a time. */
export interface ShapeReport {
  key: string;
  title: string;
  /** Items of the page (undefined for the summary). */
  items?: number;
  totalItems: number;
  timing?: SequentialResult;
}

export interface SizeReport {
  dataset: Dataset;
  buildMs: number;
  shapes: ShapeReport[];
  cases: CaseReport[];
  /** Bytes of JSON log per request at LOG_LEVEL=info, when measured. */
  logBytesPerRequest?: number;
  /** The list page's bytes from the node:http floor, one request at a time, like the shapes. */
  sequentialFloor?: SequentialResult;
}

const FLOOR_TITLE = 'floor: node:http, the list page bytes';

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

/** Bytes per message of each table with its indexes, largest first. */
export function tableBytes(d: Dataset): { table: string; bytes: number; indexBytes: number }[] {
  const byTable = new Map<string, { table: string; bytes: number; indexBytes: number }>();
  for (const o of d.objects) {
    const t = byTable.get(o.table) ?? { table: o.table, bytes: 0, indexBytes: 0 };
    if (o.kind === 'index') t.indexBytes += o.bytes;
    else t.bytes += o.bytes;
    byTable.set(o.table, t);
  }
  return [...byTable.values()].sort((a, b) => b.bytes + b.indexBytes - (a.bytes + a.indexBytes));
}

export function describeDataset(d: Dataset, buildMs: number): string {
  const perMessage = (bytes: number) => `${int(bytes / d.messages)} B/msg`;
  const tables = tableBytes(d)
    .filter((t) => t.bytes + t.indexBytes >= 0.005 * d.databaseBytes)
    .map((t) => `  ${padEnd(t.table, 28)} rows ${pad(mb(t.bytes), 10)} (${pad(perMessage(t.bytes), 11)})   indexes ${pad(mb(t.indexBytes), 10)} (${pad(perMessage(t.indexBytes), 11)})`);
  const i = d.import;
  return [
    `build: ${seconds(buildMs)} (import file ${seconds(d.generateMs)}, ${mb(i.fileBytes)})`,
    `import [${d.engine}]: ${seconds(i.durationMs)} wall, ${int(i.messagesPerS)} messages/s (as ebox-import reports it), peak RSS ${int(i.peakRssMb)} MB`,
    `store [${d.engine}]: ${mb(d.databaseBytes)} beside the blobs, ${perMessage(d.databaseBytes)}; per table (rows, then its indexes):`,
    ...tables,
  ].join('\n');
}

function timingText(t: SequentialResult | undefined): string {
  return t ? `p50 ${pad(fixed(t.p50Ms), 7)}  p99 ${pad(fixed(t.p99Ms), 7)}  max ${pad(fixed(t.maxMs), 7)} ms  (${t.requests} requests)` : '-';
}

export function describeShapes(shapes: ShapeReport[], floor?: SequentialResult): string {
  const lines = shapes.map((s) => {
    const counts = s.items === undefined ? `${pad('', 10)} total ${pad(int(s.totalItems), 7)}` : `items ${pad(String(s.items), 3)} / total ${pad(int(s.totalItems), 7)}`;
    return `  ${padEnd(s.title, 44)} ${counts}   ${timingText(s.timing)}`;
  });
  if (floor) lines.push(`  ${padEnd(FLOOR_TITLE, 44)} ${pad('', 24)}   ${timingText(floor)}`);
  return ['one connection, one request at a time (large e-Box, qlang=fr):', ...lines].join('\n');
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
  return `${int(d.messages)} msgs [${d.engine}]`;
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
  const shapeKeys: { key: string; title: string }[] = [];
  for (const s of sizes) for (const x of s.shapes) if (!shapeKeys.some((k) => k.key === x.key)) shapeKeys.push({ key: x.key, title: x.title });
  const shapeRows = shapeKeys.map(({ key, title }) =>
    padEnd(`1 conn: ${title}`.slice(0, label), label) +
    sizes
      .map((s) => {
        const t = s.shapes.find((x) => x.key === key)?.timing;
        return t ? cell(int(s.shapes.find((x) => x.key === key)?.totalItems ?? 0), fixed(t.p50Ms), fixed(t.p99Ms), '') : cell('-', '-', '-', '');
      })
      .join(''),
  );
  const floorRow =
    padEnd(`1 conn: ${FLOOR_TITLE}`.slice(0, label), label) +
    sizes.map((s) => (s.sequentialFloor ? cell('', fixed(s.sequentialFloor.p50Ms), fixed(s.sequentialFloor.p99Ms), '') : cell('-', '-', '-', ''))).join('');
  const line = (title: string, value: (s: SizeReport) => string) => padEnd(title, label) + sizes.map((s) => ` | ${padEnd(value(s), 31)}`).join('');
  return [
    header,
    sub,
    '-'.repeat(sub.length),
    ...rows,
    ...baselines,
    line('one connection: (total, p50, p99)', () => ''),
    ...shapeRows,
    floorRow,
    line('import: messages/s, peak RSS', (s) => `${int(s.dataset.import.messagesPerS)}/s, ${int(s.dataset.import.peakRssMb)} MB`),
    line('store beside blobs, per message', (s) => `${mb(s.dataset.databaseBytes)}, ${int(s.dataset.databaseBytes / s.dataset.messages)} B`),
  ].join('\n');
}

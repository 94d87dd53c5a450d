// spec-diff: is our OpenAPI 3 rendition the upstream Swagger 2.0 contract,
// except for the deliberate deltas listed in spec/README.md?
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { convertObj } from 'swagger2openapi';
import { applyDeltas, parseDeltaTable, type Delta, type Excusal } from './deltas';
import { diff, type Difference } from './diff';
import { normalize } from './normalize';

export { applyDeltas, parseDeltaTable, diff, normalize };
export type { Delta, Difference, Excusal };
export { matchesPattern, escapeToken, toPointer } from './pointer';

export function readYaml(path: string): unknown {
  return load(readFileSync(path, 'utf8'));
}

/**
 * Turns an upstream document into OpenAPI 3: Swagger 2.0 goes through
 * swagger2openapi (patching small spec violations as it goes, like its CLI);
 * a document that is already OpenAPI 3 is returned as is.
 */
export async function toOpenApi3(doc: unknown): Promise<unknown> {
  const clone: unknown = JSON.parse(JSON.stringify(doc));
  if (typeof clone === 'object' && clone !== null && 'swagger' in clone) {
    const { openapi } = await convertObj(clone, { patch: true, warnOnly: true, resolve: false });
    return openapi;
  }
  return clone;
}

export interface Comparison extends Excusal {
  differences: Difference[];
}

/** Converts, normalizes, diffs and applies the deltas. */
export async function compare(upstream: unknown, ours: unknown, deltas: readonly Delta[]): Promise<Comparison> {
  const differences = diff(normalize(await toOpenApi3(upstream)), normalize(ours));
  return { differences, ...applyDeltas(differences, deltas) };
}

function show(value: unknown): string {
  return value === undefined ? '-' : JSON.stringify(value);
}

export function formatDifference(d: Difference): string {
  return `${d.kind.padEnd(7)} ${d.pointer}  upstream=${show(d.upstream)}  ours=${show(d.ours)}`;
}

/** Report lines; `exitCode` is 1 when an unexcused difference remains. */
export function report(result: Comparison, options: { showExcused?: boolean } = {}): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  for (const d of result.unexcused) lines.push(formatDifference(d));
  if (options.showExcused) {
    for (const { difference, delta } of result.excused) {
      lines.push(`excused ${formatDifference(difference)}  [${delta.pattern}]`);
    }
  }
  for (const d of result.stale) {
    lines.push(`warning: delta pattern matches no difference (README line ${d.line}): ${d.pattern}`);
  }
  for (const d of result.notCompared) {
    lines.push(`note: delta pattern on a part the comparison ignores (README line ${d.line}): ${d.pattern}`);
  }
  lines.push(
    `spec-diff: ${result.differences.length} difference(s), ${result.excused.length} excused by the deltas table, ` +
      `${result.unexcused.length} unexcused; ${result.stale.length} stale delta pattern(s)`,
  );
  return { lines, exitCode: result.unexcused.length > 0 ? 1 : 0 };
}

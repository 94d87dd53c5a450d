// The deliberate deltas table of spec/README.md, and how it excuses differences.
import type { Difference } from './diff';
import { isNormalizedAway } from './normalize';
import { matchesPattern, splitPointer } from './pointer';

export interface Delta {
  /** JSON pointer pattern into the normalized document (`*` = one token). */
  pattern: string;
  /** The rest of the table row, for messages. */
  note: string;
  /** 1-based line of the row in the README. */
  line: number;
}

const HEADING = /^#{2,6}\s+Deliberate deltas\b/i;

function cells(row: string): string[] {
  const trimmed = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split('|').map((c) => c.trim());
}

/**
 * Reads the first markdown table after the "Deliberate deltas" heading (up to
 * the next heading). Its first column holds one pattern per row, optionally in
 * backticks. Throws when the heading or the table is missing, or a pattern is
 * not a JSON pointer, so that a broken README never passes silently.
 */
export function parseDeltaTable(markdown: string): Delta[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => HEADING.test(l));
  if (start < 0) throw new Error('no "## Deliberate deltas" heading found');
  const deltas: Delta[] = [];
  let inTable = false;
  let rowIndex = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6}\s/.test(line)) break;
    if (!line.trim().startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    rowIndex++;
    if (rowIndex === 1) continue; // header row
    const [first, ...rest] = cells(line);
    if (rowIndex === 2 && /^:?-{3,}:?$/.test(first ?? '')) continue; // separator row
    const pattern = (first ?? '').replace(/^`(.*)`$/, '$1').trim();
    try {
      splitPointer(pattern);
    } catch {
      throw new Error(`line ${i + 1}: first column is not a JSON pointer pattern: ${JSON.stringify(first)}`);
    }
    if (pattern === '') throw new Error(`line ${i + 1}: empty pattern (it would excuse the whole document)`);
    deltas.push({ pattern, note: rest.filter(Boolean).join(' | '), line: i + 1 });
  }
  if (deltas.length === 0) throw new Error('the "Deliberate deltas" section has no table rows');
  return deltas;
}

export interface Excusal {
  /** Differences that no delta covers. */
  unexcused: Difference[];
  /** Differences covered by at least one delta, with the first one that covers each. */
  excused: Array<{ difference: Difference; delta: Delta }>;
  /** Deltas that cover no difference: the table is out of date (or the spec is). */
  stale: Delta[];
  /** Deltas on parts of the document the comparison ignores (e.g. /servers). */
  notCompared: Delta[];
}

export function applyDeltas(differences: readonly Difference[], deltas: readonly Delta[]): Excusal {
  const used = new Set<Delta>();
  const result: Excusal = { unexcused: [], excused: [], stale: [], notCompared: [] };
  for (const difference of differences) {
    const matching = deltas.filter((d) => matchesPattern(d.pattern, difference.pointer));
    matching.forEach((d) => used.add(d));
    if (matching.length > 0) result.excused.push({ difference, delta: matching[0] });
    else result.unexcused.push(difference);
  }
  for (const delta of deltas) {
    if (used.has(delta)) continue;
    if (isNormalizedAway(delta.pattern)) result.notCompared.push(delta);
    else result.stale.push(delta);
  }
  return result;
}

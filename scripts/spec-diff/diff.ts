// Structural deep diff between two normalized documents.
import { isObject, type Json } from './normalize';
import { escapeToken } from './pointer';

/**
 * One difference, read as the change from upstream to ours:
 * `added` exists only in ours, `removed` only upstream, `changed` in both
 * with different values.
 */
export interface Difference {
  kind: 'added' | 'removed' | 'changed';
  pointer: string;
  upstream?: Json;
  ours?: Json;
}

function isScalar(v: unknown): boolean {
  return v === null || ['boolean', 'number', 'string'].includes(typeof v);
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Differences between `upstream` and `ours`, in document order of the keys. */
export function diff(upstream: Json, ours: Json, pointer = ''): Difference[] {
  const out: Difference[] = [];
  walk(upstream, ours, pointer, out);
  return out;
}

function walk(a: Json, b: Json, pointer: string, out: Difference[]): void {
  if (deepEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const child = `${pointer}/${escapeToken(key)}`;
      const inA = Object.prototype.hasOwnProperty.call(a, key);
      const inB = Object.prototype.hasOwnProperty.call(b, key);
      if (inA && inB) walk(a[key], b[key], child, out);
      else if (inA) out.push({ kind: 'removed', pointer: child, upstream: a[key] });
      else out.push({ kind: 'added', pointer: child, ours: b[key] });
    }
    return;
  }
  // Sets of scalars (required, enum, tags...) are reported whole: the two
  // values side by side say more than per-position differences would.
  if (Array.isArray(a) && Array.isArray(b) && !(a.every(isScalar) && b.every(isScalar))) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const child = `${pointer}/${i}`;
      if (i >= a.length) out.push({ kind: 'added', pointer: child, ours: b[i] });
      else if (i >= b.length) out.push({ kind: 'removed', pointer: child, upstream: a[i] });
      else walk(a[i], b[i], child, out);
    }
    return;
  }
  out.push({ kind: 'changed', pointer, upstream: a, ours: b });
}

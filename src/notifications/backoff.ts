/**
 * The pause before attempt `attempt + 1` after `attempt` failed attempts:
 * exponential from minMs, doubling up to maxMs, with "equal jitter" (a random
 * half on top of a fixed half). The jitter spreads the retries of several
 * instances after an outage; the fixed half keeps each pause at least half its
 * step, so the pauses still grow.
 */
export function backoffMs(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

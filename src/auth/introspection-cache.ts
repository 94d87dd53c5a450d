/**
 * Introspection outcomes by token hash, each kept until its own deadline, with
 * one shared lookup per key while it is in flight. Bounded: when full, expired
 * entries are swept first, then the oldest ones go.
 */
export class IntrospectionCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached value for key, or the result of lookup, which is kept for the
   * number of milliseconds ttl returns (nothing is kept when it is 0 or less, or
   * when lookup throws). Concurrent calls for one key share one lookup.
   */
  get(key: string, lookup: () => Promise<T>, ttl: (value: T) => number): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return Promise.resolve(hit.value);
    if (hit) this.entries.delete(key);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = lookup()
      .then((value) => {
        const ms = ttl(value);
        if (ms > 0) this.set(key, value, this.now() + ms);
        return value;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.entries.size;
  }

  private set(key: string, value: T, until: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.sweep();
    this.entries.set(key, { value, until });
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    // Still full: Map keeps insertion order, so the first keys are the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

import crypto from 'node:crypto';

/**
 * The message ids of an import file, kept as 64-bit fingerprints (the first
 * 8 bytes of their SHA-256) in an open-addressing table of two Uint32Arrays.
 *
 * The checker remembers every id of the file, to report duplicates and so
 * that the writing pass can refuse a message that was not checked. As a
 * Set<string>, a million UUIDs took over 100 MB of the import's heap, and
 * the collector's swings on top of that took its peak past 512 MB; here they
 * take 19 MB (9 bytes a slot, the table at most half full). No library we
 * know keeps a set of 64-bit keys in typed arrays.
 *
 * Two different ids share a fingerprint with a probability of about n²/2⁶⁵
 * (one in 37 million for a file of a million messages): the import then
 * reports a duplicate that is not one, and writes nothing. It can never let
 * a duplicate or an unchecked message through.
 */
export class IdFingerprints {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  size = 0;

  has(id: string): boolean {
    const [h, l] = fingerprint(id);
    return this.slotOf(h, l) < 0;
  }

  add(id: string): void {
    const [h, l] = fingerprint(id);
    const slot = this.slotOf(h, l);
    if (slot < 0) return;
    this.high[slot] = h;
    this.low[slot] = l;
    this.used[slot] = 1;
    this.size += 1;
    if (this.size * 2 > this.used.length) this.grow();
  }

  /** The free slot where (h, l) would go, or -1 when it is there already. Linear probing; the table stays at most half full. */
  private slotOf(h: number, l: number): number {
    const mask = this.used.length - 1;
    for (let slot = l & mask; ; slot = (slot + 1) & mask) {
      if (this.used[slot] === 0) return slot;
      if (this.high[slot] === h && this.low[slot] === l) return -1;
    }
  }

  private grow(): void {
    const { high, low, used } = this;
    this.high = new Uint32Array(used.length * 2);
    this.low = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 0) continue;
      const slot = this.slotOf(high[i], low[i]);
      this.high[slot] = high[i];
      this.low[slot] = low[i];
      this.used[slot] = 1;
    }
  }
}

function fingerprint(id: string): [number, number] {
  const digest = crypto.createHash('sha256').update(id).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}

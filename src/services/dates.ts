/** The contract's date-time shape, yyyy-MM-dd'T'HH:mm:ssXXX, in UTC. */
export function toDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

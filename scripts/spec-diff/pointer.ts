// JSON Pointer (RFC 6901) helpers and the delta pattern matcher.

/** Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Undoes escapeToken. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a pointer from raw (unescaped) tokens. */
export function toPointer(tokens: readonly string[]): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

/** Splits a pointer into its still-escaped tokens. `''` (the whole document) has none. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/');
}

/**
 * True when `pointer` is at or under the location `pattern` designates.
 * A pattern is a JSON pointer whose tokens may be `*`, matching exactly one
 * token whatever it is. Tokens are compared in their escaped form, so a
 * literal `*` inside a token (for example the media range `*~1*`) is literal.
 */
export function matchesPattern(pattern: string, pointer: string): boolean {
  const pat = splitPointer(pattern);
  const ptr = splitPointer(pointer);
  if (pat.length > ptr.length) return false;
  return pat.every((token, i) => token === '*' || token === ptr[i]);
}

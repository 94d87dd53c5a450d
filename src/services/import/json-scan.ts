import { findSyntaxError, positionIn } from './syntax';

/**
 * Reads an import file (one JSON object whose members are arrays) chunk by
 * chunk, and hands over each element of each member array as soon as it is
 * complete, parsed by JSON.parse. Only the outer structure (the root object,
 * its keys, the arrays' brackets and commas) is read here, byte by byte;
 * every element is one JSON.parse of its own text. So memory holds one
 * element at a time, never the file, and parsing runs at JSON.parse's speed
 * rather than a JavaScript tokenizer's.
 *
 * Syntax errors stop the scan with their line and column (in characters).
 */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export type ScanEvent =
  /** The root is not an object: nothing more is read. */
  | { type: 'root'; valueType: JsonType }
  /** A member of the root object starts; `repeated` when its key was already seen. */
  | { type: 'member'; key: string; valueType: JsonType; repeated: boolean }
  /** One element of a member array. `bytes`: its length in the file. */
  | { type: 'element'; key: string; index: number; value: unknown; bytes: number };

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

/** The column (1-based, in characters) of byte offset `at`, on the line starting at byte offset `lineStart`. */
export type ColumnOf = (lineStart: number, at: number) => number;

const enum S {
  Root,
  ObjectOpen,
  KeyNext,
  Colon,
  MemberValue,
  ArrayOpen,
  ArrayNext,
  ArrayAfterElement,
  ObjectAfterValue,
  AfterRoot,
  Ignore,
  Capture,
}

/** What a captured value is. */
const enum Target {
  Key,
  Element,
  /** A member's value that is not an array: read for its syntax, then dropped. */
  MemberValue,
}

const enum Kind {
  Container,
  String,
  Primitive,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function typeOf(c: number): JsonType | undefined {
  if (c === 0x7b) return 'object';
  if (c === 0x5b) return 'array';
  if (c === QUOTE) return 'string';
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'number';
  if (c === 0x74 || c === 0x66) return 'boolean';
  if (c === 0x6e) return 'null';
  return undefined;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function shown(c: number | undefined): string {
  if (c === undefined) return 'the end of the file';
  if (c < 0x20 || c >= 0x7f) return `byte 0x${c.toString(16).padStart(2, '0')}`;
  return `'${String.fromCharCode(c)}'`;
}

export class JsonScanner {
  private state = S.Root;
  /** Absolute offset of the current chunk's first byte. */
  private base = 0;
  private line = 1;
  private lineStart = 0;

  private key = '';
  private readonly keys = new Set<string>();
  private index = 0;

  // The value being captured.
  private target = Target.Key;
  private kind = Kind.Container;
  private pieces: Buffer[] = [];
  private captured = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private capStart = 0;
  private capLine = 1;
  private capLineStart = 0;

  constructor(
    private readonly emit: (event: ScanEvent) => void,
    private readonly columnOf: ColumnOf,
  ) {}

  private fail(at: number, reason: string): never {
    throw new JsonSyntaxError(this.line, this.columnOf(this.lineStart, at), reason);
  }

  /** Skips whitespace from i, counting lines; returns the first other index (or the chunk's length). */
  private ws(buf: Buffer, i: number): number {
    const n = buf.length;
    for (; i < n; i++) {
      const c = buf[i];
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.base + i + 1;
      } else if (c !== 0x20 && c !== 0x0d && c !== 0x09) {
        break;
      }
    }
    return i;
  }

  private startCapture(buf: Buffer, i: number, target: Target): void {
    const c = buf[i];
    this.target = target;
    this.kind = c === 0x7b || c === 0x5b ? Kind.Container : c === QUOTE ? Kind.String : Kind.Primitive;
    this.pieces = [];
    this.captured = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.capStart = this.base + i;
    this.capLine = this.line;
    this.capLineStart = this.lineStart;
    this.state = S.Capture;
  }

  /**
   * Scans the captured value from i; returns the index just past its end, or
   * -1 when it goes on in the next chunk. Strings are skipped with indexOf:
   * most of an import file is string content (base64, texts).
   */
  private capture(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.kind === Kind.Primitive) {
      for (; i < n; i++) {
        const c = buf[i];
        if (isWs(c) || c === 0x2c || c === 0x5d || c === 0x7d) return i;
      }
      return -1;
    }
    let depth = this.depth;
    let inString = this.inString || this.kind === Kind.String;
    if (this.kind === Kind.String && this.captured === 0 && this.pieces.length === 0 && !this.escaped && i === this.capStart - this.base) {
      // The opening quote.
      i++;
    }
    for (; i < n; ) {
      if (inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        if (q === -1) {
          // Does the chunk end inside an escape? Count the trailing backslashes.
          let k = n - 1;
          while (k >= i && buf[k] === BACKSLASH) k--;
          this.escaped = (n - 1 - k) % 2 === 1;
          break;
        }
        let k = q - 1;
        while (k >= i && buf[k] === BACKSLASH) k--;
        i = q + 1;
        if ((q - 1 - k) % 2 === 1) continue; // an escaped quote
        inString = false;
        if (this.kind === Kind.String) {
          this.depth = depth;
          this.inString = false;
          return i;
        }
        continue;
      }
      const c = buf[i];
      if (c === QUOTE) {
        inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          this.depth = 0;
          this.inString = false;
          return i + 1;
        }
      } else if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.base + i + 1;
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    return -1;
  }

  /** The captured value's text, parsed; a syntax error in it is located within the text. */
  private parseCaptured(): unknown {
    const text = (this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces)).toString('utf8');
    this.pieces = [];
    try {
      return JSON.parse(text);
    } catch (err) {
      const problem = findSyntaxError(text);
      const startColumn = this.columnOf(this.capLineStart, this.capStart);
      if (problem === undefined) throw new JsonSyntaxError(this.capLine, startColumn, (err as Error).message);
      const at = positionIn(text, problem.index, this.capLine, startColumn);
      throw new JsonSyntaxError(at.line, at.column, problem.reason);
    }
  }

  private finishCapture(): void {
    const value = this.parseCaptured();
    if (this.target === Target.Key) {
      this.key = String(value);
      this.state = S.Colon;
    } else if (this.target === Target.Element) {
      this.emit({ type: 'element', key: this.key, index: this.index++, value, bytes: this.captured });
      this.state = S.ArrayAfterElement;
    } else {
      this.state = S.ObjectAfterValue;
    }
  }

  feed(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    if (this.base === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // a UTF-8 byte order mark
    while (i < n) {
      if (this.state === S.Capture) {
        const from = i;
        const end = this.capture(buf, i);
        const stop = end === -1 ? n : end;
        this.pieces.push(buf.subarray(from, stop));
        this.captured += stop - from;
        if (end === -1) break;
        i = end;
        this.finishCapture();
        continue;
      }
      if (this.state === S.Ignore) return;
      i = this.ws(buf, i);
      if (i >= n) break;
      const c = buf[i];
      const at = this.base + i;
      switch (this.state) {
        case S.Root: {
          if (c === 0x7b) {
            this.state = S.ObjectOpen;
            i++;
            break;
          }
          const valueType = typeOf(c);
          if (valueType === undefined) this.fail(at, `expected '{', found ${shown(c)}`);
          this.emit({ type: 'root', valueType });
          this.state = S.Ignore;
          return;
        }
        case S.ObjectOpen:
        case S.KeyNext:
          if (c === 0x7d && this.state === S.ObjectOpen) {
            this.state = S.AfterRoot;
            i++;
          } else if (c === QUOTE) {
            this.startCapture(buf, i, Target.Key);
          } else {
            this.fail(at, `expected a property name in double quotes, found ${shown(c)}`);
          }
          break;
        case S.Colon:
          if (c !== 0x3a) this.fail(at, `expected ':' after the property name, found ${shown(c)}`);
          this.state = S.MemberValue;
          i++;
          break;
        case S.MemberValue: {
          const valueType = typeOf(c);
          if (valueType === undefined) this.fail(at, `expected a value, found ${shown(c)}`);
          const repeated = this.keys.has(this.key);
          this.keys.add(this.key);
          this.emit({ type: 'member', key: this.key, valueType, repeated });
          if (c === 0x5b) {
            this.index = 0;
            this.state = S.ArrayOpen;
            i++;
          } else {
            this.startCapture(buf, i, Target.MemberValue);
          }
          break;
        }
        case S.ArrayOpen:
        case S.ArrayNext:
          if (c === 0x5d && this.state === S.ArrayOpen) {
            this.state = S.ObjectAfterValue;
            i++;
          } else if (typeOf(c) !== undefined) {
            this.startCapture(buf, i, Target.Element);
          } else {
            this.fail(at, `expected a value, found ${shown(c)}`);
          }
          break;
        case S.ArrayAfterElement:
          if (c === 0x2c) this.state = S.ArrayNext;
          else if (c === 0x5d) this.state = S.ObjectAfterValue;
          else this.fail(at, `expected ',' or ']' after an array element, found ${shown(c)}`);
          i++;
          break;
        case S.ObjectAfterValue:
          if (c === 0x2c) this.state = S.KeyNext;
          else if (c === 0x7d) this.state = S.AfterRoot;
          else this.fail(at, `expected ',' or '}' after a property value, found ${shown(c)}`);
          i++;
          break;
        case S.AfterRoot:
          this.fail(at, `unexpected ${shown(c)} after the end of the JSON document`);
      }
    }
    this.base += n;
  }

  /** The file ended: anything left open is a syntax error. */
  end(): void {
    if (this.state === S.Capture && this.kind === Kind.Primitive && this.pieces.length > 0) {
      // A primitive ends at a delimiter; the end of the file is not one inside the root object.
      this.parseCaptured();
    }
    if (this.state === S.AfterRoot || this.state === S.Ignore) return;
    const what = this.state === S.Root ? "expected '{'" : this.state === S.Capture && this.inString ? 'unterminated string' : 'the JSON document is not complete';
    this.fail(this.base, `unexpected end of the file: ${what}`);
  }
}

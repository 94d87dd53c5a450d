import fs from 'node:fs';
import path from 'node:path';
import { isPlainObject } from '../../domain/plain-object';
import { ImportIssue, pointer } from './issues';
import { JsonScanner, JsonSyntaxError, type ScanEvent } from './json-scan';
import { COLLECTIONS, type Collection } from './schema';
import { findSyntaxError, positionIn } from './syntax';

/**
 * Where the items of an import come from: a JSON file, an NDJSON file or data
 * already in memory. A source can be read any number of times from the start
 * (the importer reads a file twice: to check it, then to write it), and
 * yields its items one by one in file order, with the problems of its
 * structure (syntax, unknown collections) as they are met.
 */

export interface SourceItem {
  type: 'item';
  collection: Collection;
  value: unknown;
  /** JSON pointer of the item: /messages/3 in a JSON file, /message on line `line` of an NDJSON file. */
  path: string;
  line?: number;
  /** Its length in the file (0 for data in memory): batches are kept small in bytes too. */
  bytes: number;
}

export type SourceEvent = SourceItem | { type: 'issue'; issue: ImportIssue };

export interface ImportSource {
  /** contentFile paths are relative to this folder. */
  readonly baseDir: string;
  /** Total bytes, for progress; undefined for data in memory. */
  readonly size: number | undefined;
  /** One pass from the start; `onRead` hears how many bytes have been read so far. */
  pass(onRead?: (bytes: number) => void): AsyncGenerator<SourceEvent>;
  /** Changes when the file does (size, modification time, inode); undefined for data in memory. */
  identity(): string | undefined;
}

export type ImportFormat = 'json' | 'ndjson';

/** The NDJSON record properties, one per line, and the collections they add to. */
export const NDJSON_RECORDS: Record<string, Collection> = {
  senderOrganization: 'senderOrganizations',
  senderApplication: 'senderApplications',
  messageType: 'messageTypes',
  message: 'messages',
};

const CHUNK = 1 << 20;

/** NDJSON for *.ndjson and *.jsonl, JSON otherwise. */
export function formatOf(file: string): ImportFormat {
  return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'json';
}

function statIdentity(file: string): string | undefined {
  try {
    const s = fs.statSync(file);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * The column of byte `at` on the line that starts at byte `lineStart`, read
 * again from the file: the scanner keeps no text behind it, and a syntax
 * error, the only use, happens once.
 */
function fileColumnOf(file: string): (lineStart: number, at: number) => number {
  return (lineStart, at) => {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, at - lineStart)));
      let chars = 0;
      for (let pos = lineStart; pos < at; ) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, at - pos), pos);
        if (n === 0) break;
        // Every byte but UTF-8 continuation bytes starts a character.
        for (let k = 0; k < n; k++) if ((buf[k] & 0xc0) !== 0x80) chars++;
        pos += n;
      }
      return chars + 1;
    } finally {
      fs.closeSync(fd);
    }
  };
}

function syntaxIssue(err: JsonSyntaxError): ImportIssue {
  return { path: '', rule: 'json', message: `not valid JSON: ${err.reason}`, line: err.line, column: err.column };
}

/** An import file in the JSON format: one object whose members are the collections. */
export function jsonFileSource(file: string): ImportSource {
  const size = fs.statSync(file).size;
  return {
    baseDir: path.dirname(path.resolve(file)),
    size,
    identity: () => statIdentity(file),
    async *pass(onRead) {
      const events: SourceEvent[] = [];
      let skipping = false;
      const scanner = new JsonScanner((e: ScanEvent) => {
        if (e.type === 'root') {
          events.push({ type: 'issue', issue: { path: '', rule: 'type', message: 'must be object' } });
        } else if (e.type === 'member') {
          const known = (COLLECTIONS as readonly string[]).includes(e.key);
          skipping = !known || e.repeated;
          const at = pointer(e.key);
          if (!known) events.push({ type: 'issue', issue: { path: at, rule: 'additionalProperties', message: 'is not a property of this object in the contract' } });
          else if (e.repeated) events.push({ type: 'issue', issue: { path: at, rule: 'duplicateKey', message: 'appears more than once in the file: give each collection once' } });
          else if (e.valueType !== 'array') events.push({ type: 'issue', issue: { path: at, rule: 'type', message: 'must be array' } });
        } else if (!skipping) {
          events.push({ type: 'item', collection: e.key as Collection, value: e.value, path: pointer(e.key, e.index), bytes: e.bytes });
        }
      }, fileColumnOf(file));
      const stream = fs.createReadStream(file, { highWaterMark: CHUNK });
      let read = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          let failed: JsonSyntaxError | undefined;
          try {
            scanner.feed(chunk);
          } catch (err) {
            if (!(err instanceof JsonSyntaxError)) throw err;
            failed = err;
          }
          read += chunk.length;
          onRead?.(read);
          yield* events.splice(0);
          if (failed) {
            // Past a syntax error, the structure of the rest cannot be known.
            yield { type: 'issue', issue: syntaxIssue(failed) };
            return;
          }
        }
        try {
          scanner.end();
        } catch (err) {
          if (!(err instanceof JsonSyntaxError)) throw err;
          yield* events.splice(0);
          yield { type: 'issue', issue: syntaxIssue(err) };
          return;
        }
        yield* events.splice(0);
      } finally {
        stream.destroy();
      }
    },
  };
}

const RECORD_RULE = `must be an object with exactly one property: ${Object.keys(NDJSON_RECORDS).join(', ')}`;

/**
 * An import file in NDJSON: one JSON object per line, whose one property says
 * what it is: {"senderOrganization": {…}}, {"senderApplication": {…}},
 * {"messageType": {…}} or {"message": {…}}. Blank lines are skipped. A line
 * that is not JSON is reported with its column and the next lines are still
 * read: each line stands alone.
 */
export function ndjsonFileSource(file: string): ImportSource {
  const size = fs.statSync(file).size;
  return {
    baseDir: path.dirname(path.resolve(file)),
    size,
    identity: () => statIdentity(file),
    async *pass(onRead) {
      let lineNo = 0;
      const record = (bytes: Buffer): SourceEvent | undefined => {
        lineNo++;
        let end = bytes.length;
        if (end > 0 && bytes[end - 1] === 0x0d) end--;
        let start = lineNo === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
        if (start === end) return undefined;
        const text = bytes.toString('utf8', start, end);
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          const problem = findSyntaxError(text);
          const { column } = positionIn(text, problem?.index ?? 0, 1, start + 1);
          return { type: 'issue', issue: { path: '', rule: 'json', message: `not valid JSON: ${problem?.reason ?? (err as Error).message}`, line: lineNo, column } };
        }
        const keys = isPlainObject(value) ? Object.keys(value) : [];
        const collection = keys.length === 1 ? NDJSON_RECORDS[keys[0]] : undefined;
        if (collection === undefined || !isPlainObject(value)) return { type: 'issue', issue: { path: '', rule: 'record', message: RECORD_RULE, line: lineNo } };
        return { type: 'item', collection, value: value[keys[0]], path: pointer(keys[0]), line: lineNo, bytes: end - start };
      };

      const stream = fs.createReadStream(file, { highWaterMark: CHUNK });
      let read = 0;
      let pending: Buffer[] = [];
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          let from = 0;
          for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
            const piece = chunk.subarray(from, nl);
            const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
            pending = [];
            from = nl + 1;
            const event = record(line);
            if (event) yield event;
          }
          if (from < chunk.length) pending.push(chunk.subarray(from));
          onRead?.(read);
        }
        if (pending.length > 0) {
          const event = record(Buffer.concat(pending));
          if (event) yield event;
        }
      } finally {
        stream.destroy();
      }
    },
  };
}

/** The file as its format (formatOf unless given); a file that cannot be opened throws. */
export function fileSource(file: string, format: ImportFormat = formatOf(file)): ImportSource {
  return format === 'ndjson' ? ndjsonFileSource(file) : jsonFileSource(file);
}

/** An import file already parsed (tests, seeds): the same items a JSON file of this content yields. */
export function dataSource(data: unknown, baseDir: string): ImportSource {
  return {
    baseDir,
    size: undefined,
    identity: () => undefined,
    async *pass() {
      if (!isPlainObject(data)) {
        yield { type: 'issue', issue: { path: '', rule: 'type', message: 'must be object' } };
        return;
      }
      for (const [key, value] of Object.entries(data)) {
        // As in JSON.stringify, and as ajv sees it: a property set to undefined is absent.
        if (value === undefined) continue;
        const at = pointer(key);
        if (!(COLLECTIONS as readonly string[]).includes(key)) {
          yield { type: 'issue', issue: { path: at, rule: 'additionalProperties', message: 'is not a property of this object in the contract' } };
        } else if (!Array.isArray(value)) {
          yield { type: 'issue', issue: { path: at, rule: 'type', message: 'must be array' } };
        } else {
          for (let i = 0; i < value.length; i++) yield { type: 'item', collection: key as Collection, value: value[i], path: pointer(key, i), bytes: 0 };
        }
      }
    },
  };
}

/**
 * Where JSON text stops being JSON. JSON.parse says that it does, not always
 * where (V8 gives a position for some errors only), so this strict RFC 8259
 * reader, slow and only used once JSON.parse has failed, finds the first
 * offending character. Iterative: a deeply nested input does not overflow the stack.
 */

export interface SyntaxProblem {
  /** Index into the text (UTF-16 units) of the offending character, or its length at an early end. */
  index: number;
  reason: string;
}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const cp = text.codePointAt(i) ?? 0;
  return cp < 0x20 ? `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(cp)}'`;
}

class Failure {
  constructor(readonly problem: SyntaxProblem) {}
}

/** The first syntax error of `text` as one JSON value (whitespace around allowed), or undefined when it is valid JSON. */
export function findSyntaxError(text: string): SyntaxProblem | undefined {
  const n = text.length;
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new Failure({ index: at, reason });
  };
  const ws = () => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail(`${describe(text, i)} inside a string (escape it)`);
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) fail('\\u must be followed by four hexadecimal digits', i + k);
          i += 6;
        } else if (i + 1 >= n) {
          fail('unterminated string', n);
        } else if ('"\\/bfnrt'.includes(text.charAt(i + 1))) {
          i += 2;
        } else {
          fail(`invalid escape \\${text.charAt(i + 1)}`, i + 1);
        }
        continue;
      }
      i++;
    }
  };
  const digits = () => {
    if (!isDigit(text.charCodeAt(i))) fail(`expected a digit, found ${describe(text, i)}`);
    while (isDigit(text.charCodeAt(i))) i++;
  };
  const number = () => {
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else digits();
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      digits();
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      digits();
    }
  };

  // Open containers: true for an object, false for an array.
  const stack: boolean[] = [];
  try {
    // A value is expected; then, while containers are open, a separator or a closing bracket.
    for (;;) {
      ws();
      if (i >= n) fail('unexpected end of the text, expected a value');
      const c = text.charCodeAt(i);
      let opened = false;
      if (c === 0x7b || c === 0x5b) {
        const isObject = c === 0x7b;
        i++;
        ws();
        if (text.charCodeAt(i) === (isObject ? 0x7d : 0x5d)) {
          i++;
        } else {
          stack.push(isObject);
          opened = true;
        }
      } else if (c === 0x22) {
        string();
      } else if (c === 0x2d || isDigit(c)) {
        number();
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (word === undefined) fail(`expected a value, found ${describe(text, i)}`);
        else i += word.length;
      }
      if (opened && stack[stack.length - 1]) {
        key();
        continue;
      }
      if (opened) continue;
      // After a value: close what ends here, then a comma opens the next member or element.
      for (;;) {
        ws();
        if (stack.length === 0) {
          if (i < n) fail(`unexpected ${describe(text, i)} after the end of the JSON value`);
          return undefined;
        }
        const inObject = stack[stack.length - 1];
        const close = inObject ? 0x7d : 0x5d;
        const d = text.charCodeAt(i);
        if (i >= n) fail(`unexpected end of the text, expected ',' or '${inObject ? '}' : ']'}'`);
        if (d === close) {
          i++;
          stack.pop();
          continue;
        }
        if (d !== 0x2c) fail(`expected ',' or '${inObject ? '}' : ']'}' after ${inObject ? 'a property value' : 'an array element'}, found ${describe(text, i)}`);
        i++;
        if (inObject) key();
        break;
      }
    }
  } catch (err) {
    if (err instanceof Failure) return err.problem;
    throw err;
  }

  function key(): void {
    ws();
    if (text.charCodeAt(i) !== 0x22) fail(`expected a property name in double quotes, found ${describe(text, i)}`);
    string();
    ws();
    if (text.charCodeAt(i) !== 0x3a) fail(`expected ':' after the property name, found ${describe(text, i)}`);
    i++;
  }
}

/** 1-based line and column (in characters) of `index` in `text`, starting at `line`/`column`. */
export function positionIn(text: string, index: number, line = 1, column = 1): { line: number; column: number } {
  for (let k = 0; k < index && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a) {
      line++;
      column = 1;
    } else if (c < 0xdc00 || c > 0xdfff) {
      // A low surrogate is the second half of one character.
      column++;
    }
  }
  return { line, column };
}

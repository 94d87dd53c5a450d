/**
 * One reason an import file is refused: where (a JSON pointer into the file,
 * or into one line of an NDJSON file), which rule, and why.
 */
export interface ImportIssue {
  path: string;
  rule: string;
  message: string;
  /** 1-based: the line of an NDJSON record, or where a syntax error is. */
  line?: number;
  /** 1-based, in characters: where on `line` a syntax error is. */
  column?: number;
}

/** Beyond this many, more problems only make the report harder to read. */
export const MAX_ISSUES = 50;

/** Where an issue is, as the report prints it: `/messages/3/subject`, `line 12 /message/subject`, `line 3, column 17`. */
export function issueLocation(i: ImportIssue): string {
  const line = i.line === undefined ? '' : `line ${i.line}${i.column === undefined ? '' : `, column ${i.column}`}`;
  if (line === '') return i.path || '/';
  return i.path === '' ? line : `${line} ${i.path}`;
}

/** Thrown when an import file is refused; nothing has been written when it is thrown. */
export class ImportError extends Error {
  /** How many problems were found beyond the ones listed in `issues`. */
  readonly omitted: number;
  readonly issues: ImportIssue[];

  /** `uncounted`: problems found and not kept (IssueList), added to those beyond MAX_ISSUES. */
  constructor(issues: ImportIssue[], uncounted = 0) {
    const listed = issues.slice(0, MAX_ISSUES);
    const omitted = issues.length - listed.length + uncounted;
    const total = listed.length + omitted;
    const lines = listed.map((i) => `  ${issueLocation(i)} [${i.rule}] ${i.message}`);
    if (omitted > 0) lines.push(`  … and ${omitted} more`);
    super(`import refused, ${total} problem${total === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'ImportError';
    this.issues = listed;
    this.omitted = omitted;
  }
}

/**
 * The problems of a file, in the order found: the first MAX_ISSUES kept, the
 * rest only counted, so that a file of a million bad messages does not fill
 * the memory with their reports.
 */
export class IssueList {
  readonly kept: ImportIssue[] = [];
  uncounted = 0;

  add(issue: ImportIssue): void {
    if (this.kept.length < MAX_ISSUES) this.kept.push(issue);
    else this.uncounted += 1;
  }

  get count(): number {
    return this.kept.length + this.uncounted;
  }

  /** Throws the ImportError listing them, if there are any. */
  throwIfAny(): void {
    if (this.count > 0) throw new ImportError(this.kept, this.uncounted);
  }
}

/** Escapes one property name as a JSON pointer token (RFC 6901). */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

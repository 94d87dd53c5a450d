/** One reason an import file is refused: where (a JSON pointer into the file), which rule, and why. */
export interface ImportIssue {
  path: string;
  rule: string;
  message: string;
}

/** Beyond this many, more problems only make the report harder to read. */
export const MAX_ISSUES = 50;

/** Thrown when an import file is refused; nothing has been written when it is thrown. */
export class ImportError extends Error {
  /** How many problems were found beyond the ones listed in `issues`. */
  readonly omitted: number;
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    const listed = issues.slice(0, MAX_ISSUES);
    const omitted = issues.length - listed.length;
    const lines = listed.map((i) => `  ${i.path || '/'} [${i.rule}] ${i.message}`);
    if (omitted > 0) lines.push(`  … and ${omitted} more`);
    super(`import refused, ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'ImportError';
    this.issues = listed;
    this.omitted = omitted;
  }
}

/** Escapes one property name as a JSON pointer token (RFC 6901). */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

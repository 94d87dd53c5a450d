/**
 * What the kit found, rule by rule. A rule is a sentence of the contract or
 * of the consultation profile in our words; it passes when every observation
 * made under it holds. Recommendations are reported as warnings and never
 * fail a run.
 */

export interface Finding {
  /** The request as a curl line, tokens elided. */
  request?: string;
  expected: string;
  seen: string;
}

export type Level = 'must' | 'recommendation';

export interface RuleOutcome {
  area: string;
  rule: string;
  level: Level;
  observations: number;
  findings: Finding[];
}

/** Findings kept per rule: enough to act on, bounded for a provider that is wrong everywhere. */
const FINDINGS_PER_RULE = 10;

export class Results {
  private readonly rules = new Map<string, RuleOutcome & { dropped: number }>();

  /** Records one observation under a rule: `ok`, or a finding saying what was expected and seen. */
  observe(area: string, rule: string, ok: boolean, finding: () => Finding, level: Level = 'must'): boolean {
    const key = `${area}\u0000${rule}`;
    let outcome = this.rules.get(key);
    if (!outcome) this.rules.set(key, (outcome = { area, rule, level, observations: 0, findings: [], dropped: 0 }));
    outcome.observations += 1;
    if (!ok) {
      if (outcome.findings.length < FINDINGS_PER_RULE) outcome.findings.push(finding());
      else outcome.dropped += 1;
    }
    return ok;
  }

  all(): RuleOutcome[] {
    return [...this.rules.values()].map(({ dropped, ...o }) =>
      dropped === 0 ? o : { ...o, findings: [...o.findings, { expected: '', seen: `… and ${dropped} more like these` }] },
    );
  }

  summary(): { passed: number; failed: number; warnings: number } {
    const all = this.all();
    return {
      passed: all.filter((o) => o.findings.length === 0).length,
      failed: all.filter((o) => o.findings.length > 0 && o.level === 'must').length,
      warnings: all.filter((o) => o.findings.length > 0 && o.level === 'recommendation').length,
    };
  }
}

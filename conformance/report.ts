import type { Run } from './run';
import type { RuleOutcome } from './results';

const state = (o: RuleOutcome) => (o.findings.length === 0 ? 'pass' : o.level === 'must' ? 'FAIL' : 'warn');

/** The console report: failures and warnings with their findings, then the counts; the last line is `N passed, M failed`. */
export function textReport(run: Run): string {
  const lines: string[] = [];
  for (const o of run.results.all()) {
    if (o.findings.length === 0) continue;
    lines.push(`${state(o) === 'FAIL' ? 'FAIL' : 'WARN'} [${o.area}] ${o.rule}`);
    for (const f of o.findings) {
      if (f.request) lines.push(`    request:  ${f.request}`);
      if (f.expected) lines.push(`    expected: ${f.expected}`);
      lines.push(`    seen:     ${f.seen}`);
    }
  }
  const { passed, failed, warnings } = run.results.summary();
  lines.push(`profile ${run.options.profile} against ${run.options.url}: ${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s, ${warnings} warning(s)`);
  lines.push(`${passed} passed, ${failed} failed`);
  return lines.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c).replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));

const findingsText = (o: RuleOutcome) => o.findings.map((f) => [f.request && `request: ${f.request}`, f.expected && `expected: ${f.expected}`, `seen: ${f.seen}`].filter(Boolean).join('\n')).join('\n\n');

/** JUnit XML for CI: one suite per area, one test case per rule; warnings pass and say so in system-out. */
export function junitReport(run: Run): string {
  const areas = new Map<string, RuleOutcome[]>();
  for (const o of run.results.all()) areas.set(o.area, [...(areas.get(o.area) ?? []), o]);
  const suites = [...areas].map(([area, outcomes]) => {
    const failures = outcomes.filter((o) => state(o) === 'FAIL').length;
    const cases = outcomes.map((o) => {
      const name = xml(o.rule);
      if (state(o) === 'FAIL') return `    <testcase classname="conformance.${xml(area)}" name="${name}"><failure message="${xml(o.findings[0].seen.slice(0, 200))}">${xml(findingsText(o))}</failure></testcase>`;
      if (state(o) === 'warn') return `    <testcase classname="conformance.${xml(area)}" name="${name}"><system-out>${xml('WARNING (recommendation)\n' + findingsText(o))}</system-out></testcase>`;
      return `    <testcase classname="conformance.${xml(area)}" name="${name}"/>`;
    });
    return `  <testsuite name="${xml(area)}" tests="${outcomes.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const { failed } = run.results.summary();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="e-Box DP conformance (${run.options.profile})" tests="${run.results.all().length}" failures="${failed}" time="${(run.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

const html = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** A self-contained page (no script, no external resource) for people. */
export function htmlReport(run: Run): string {
  const { passed, failed, warnings } = run.results.summary();
  const rows = run.results
    .all()
    .sort((a, b) => ['FAIL', 'warn', 'pass'].indexOf(state(a)) - ['FAIL', 'warn', 'pass'].indexOf(state(b)))
    .map((o) => {
      const details = o.findings
        .map((f) => `<div class="finding">${f.request ? `<code>${html(f.request)}</code>` : ''}${f.expected ? `<div><b>expected</b> ${html(f.expected)}</div>` : ''}<div><b>seen</b> ${html(f.seen)}</div></div>`)
        .join('');
      return `<tr class="${state(o)}"><td>${state(o)}</td><td>${html(o.area)}</td><td>${html(o.rule)}${o.level === 'recommendation' ? ' <i>(recommendation)</i>' : ''}<div class="n">${o.observations} observation(s)</div>${details}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>e-Box DP conformance: ${passed} passed, ${failed} failed</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
td{border-top:1px solid #ddd;padding:.4em;vertical-align:top}tr.FAIL td:first-child{color:#fff;background:#c0392b}
tr.warn td:first-child{background:#f1c40f}tr.pass td:first-child{color:#fff;background:#27ae60}
code{display:block;white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.3em;margin:.3em 0}
.finding{margin:.5em 0 .5em 1em}.n{color:#777;font-size:12px}
</style></head><body>
<h1>e-Box Document Provider conformance</h1>
<p>Profile <b>${html(run.options.profile)}</b> against <code>${html(run.options.url)}</code>
${run.requests} requests in ${(run.durationMs / 1000).toFixed(1)} s, ${new Date().toISOString()}.</p>
<p><b>${passed} passed, ${failed} failed</b>, ${warnings} warning(s).</p>
<table><thead><tr><th></th><th>area</th><th>rule and findings</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

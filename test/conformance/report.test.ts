import { expect } from 'chai';
import { curlOf } from '../../conformance/http';
import { htmlReport, junitReport, textReport } from '../../conformance/report';
import { Results } from '../../conformance/results';
import type { Run } from '../../conformance/run';

const run = (results: Results): Run => ({
  results,
  requests: 3,
  durationMs: 1200,
  options: { url: 'http://dp.test', token: 'secret-a', profile: 'prod', timeoutMs: 1000, maxRequests: 10 },
});

describe('conformance kit reports', () => {
  it('writes curl lines with the token elided, quoting what the shell would expand', () => {
    const line = curlOf({
      method: 'PATCH',
      url: "http://dp.test/ebox/messages?q=it's",
      headers: { Authorization: 'Bearer secret-a', 'Content-Type': 'application/merge-patch+json' },
      body: '{"items":[]}',
      tokenName: 'otherToken',
    });
    expect(line).to.equal(
      `curl -i -X PATCH -H 'Authorization: Bearer <otherToken>' -H 'Content-Type: application/merge-patch+json' --data-raw '{"items":[]}' 'http://dp.test/ebox/messages?q=it'\\''s'`,
    );
    expect(line).not.to.include('secret-a');
  });

  it('counts rules: a failed must fails the run, a failed recommendation is a warning, the last line says N passed, M failed', () => {
    const results = new Results();
    results.observe('lists', 'rule one', true, () => ({ expected: '', seen: '' }));
    results.observe('lists', 'rule one', false, () => ({ request: 'curl one', expected: '200', seen: '500 <oops> & "quotes"' }));
    results.observe('cors', 'rule two', false, () => ({ expected: 'Access-Control-Max-Age', seen: '(none)' }), 'recommendation');
    results.observe('cors', 'rule three', true, () => ({ expected: '', seen: '' }));
    expect(results.summary()).to.deep.equal({ passed: 1, failed: 1, warnings: 1 });

    const text = textReport(run(results)).split('\n');
    expect(text.at(-1)).to.equal('1 passed, 1 failed');
    expect(text).to.include.members(['FAIL [lists] rule one', '    request:  curl one', 'WARN [cors] rule two']);

    const xml = junitReport(run(results));
    expect(xml).to.include('<testsuites name="e-Box DP conformance (prod)" tests="3" failures="1"');
    expect(xml).to.include('<failure message="500 &lt;oops&gt; &amp; &quot;quotes&quot;">');
    expect(xml).to.match(/<testcase classname="conformance.cors" name="rule two"><system-out>WARNING/);

    const html = htmlReport(run(results));
    expect(html).to.include('500 &lt;oops&gt; &amp; &quot;quotes&quot;').and.include('<b>1 passed, 1 failed</b>');
    expect(html).not.to.include('<oops>');
  });

  it('keeps at most ten findings per rule, and says how many more there were', () => {
    const results = new Results();
    for (let i = 0; i < 13; i++) results.observe('search', 'rule', false, () => ({ expected: 'x', seen: `finding ${i}` }));
    const [outcome] = results.all();
    expect(outcome.observations).to.equal(13);
    expect(outcome.findings.map((f) => f.seen)).to.have.length(11).and.include('… and 3 more like these');
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runKit, type KitOptions, type Run } from '../../conformance/run';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { withDatabase } from '../../src/db/connect';
import { generateDemo } from '../../src/demo/generate';
import { importFile } from '../../src/services/importer';
import { startServer, tempDir, type TestServer } from '../helpers/server';
import { editJson, ignoring, isList, startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';

const ORIGIN = 'https://www.eboxenterprise.be';
const TEST_EBOX = '0999999999';
const A = 'dev.0123456749';
const B = 'dev.1000000021';

const failed = (run: Run) => run.results.all().filter((o) => o.level === 'must' && o.findings.length > 0);
const describeFailures = (run: Run) => failed(run).map((o) => `[${o.area}] ${o.rule}: ${o.findings[0].seen}`).join('\n');

/**
 * The kit against this provider, started for real with the demo data: both
 * profiles pass; then, behind a proxy that breaks one thing at a time, the
 * kit fails the rule that thing breaks.
 */
describe('conformance kit', function () {
  this.timeout(60_000);
  let server: TestServer;
  let proxy: FaultProxy;
  let foreignIds: Set<string>;
  const prod = (url: string, extra: Partial<KitOptions> = {}): KitOptions => ({
    url,
    token: A,
    otherToken: B,
    origin: ORIGIN,
    profile: 'prod',
    timeoutMs: 5_000,
    maxRequests: 600,
    ...extra,
  });

  before(async () => {
    proxy = await startFaultProxy();
    const dir = tempDir('ebox-kit-');
    server = await startServer({ CERTIFICATION_EBOX: TEST_EBOX, CORS_ORIGINS: ORIGIN, PUBLIC_BASE_URL: proxy.url }, dir);
    proxy.target = server.url;
    const { file } = generateDemo(path.join(dir, 'demo'));
    await withDatabase(server.config.databaseUrl, (db) => importFile(file, { db, blobs: new FsBlobStore(server.config.storageDir), events: false }));
    const theirs = await server.get('/ebox/messages?pageSize=100', B);
    foreignIds = new Set(theirs.json().items.map((m: { messageId: string }) => m.messageId));
  });

  after(async () => {
    await server?.close();
    await proxy?.close();
  });

  afterEach(() => {
    proxy.fault = undefined;
  });

  it('passes the prod profile from the command line, with JUnit and HTML reports', async () => {
    const dir = tempDir('ebox-kit-report-');
    const junit = path.join(dir, 'kit.xml');
    const html = path.join(dir, 'kit.html');
    const args = ['tsx', 'conformance/cli.ts', '--url', server.url, '--token', A, '--other-token', B, '--origin', ORIGIN, '--junit', junit, '--html', html];
    const { stdout } = await promisify(execFile)('npx', args, { cwd: path.resolve(__dirname, '../..') }).catch((err: { stdout: string; code: number }) => {
      throw new Error(`exit ${err.code}\n${err.stdout}`);
    });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).to.match(/^\d+ passed, 0 failed$/);
    expect(Number(/^(\d+)/.exec(lines.at(-1) ?? '')?.[1])).to.be.greaterThan(40);
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml).to.match(/^<\?xml/).and.include('<testsuite name="search"').and.include('failures="0"');
    expect(xml).not.to.include('<failure');
    const page = fs.readFileSync(html, 'utf8');
    expect(page).to.include('<!doctype html>').and.match(/passed, 0 failed/);
    expect(page).not.to.match(/<script|<link|src="http/);
  });

  it('passes the certification profile: the reset, then exact expectations on its data set', async () => {
    const run = await runKit({ ...prod(server.url), token: `dev.${TEST_EBOX}`, otherToken: A, profile: 'certification', certificationToken: `dev.${TEST_EBOX}.certification` });
    expect(describeFailures(run)).to.equal('');
    const rules = run.results.all();
    expect(rules.filter((o) => o.area === 'certification data set').length).to.be.greaterThan(8);
    expect(rules.find((o) => /Text search finds exactly/.test(o.rule))?.observations).to.be.greaterThan(20);
    expect(run.requests).to.be.below(600);
  });

  it('passes through the proxy when it breaks nothing', async () => {
    const run = await runKit(prod(proxy.url));
    expect(describeFailures(run)).to.equal('');
  });

  const faults: [string, Fault, RegExp, Partial<KitOptions>?][] = [
    [
      'accents not folded in search',
      (e) => {
        const q = e.url.searchParams.get('q');
        const lang = e.url.searchParams.get('qlang') ?? 'fr';
        if (!isList(e) || !q) return e;
        return editJson(e, (body) => {
          body.items = body.items.filter((m: { subject: Record<string, string>; senderOrganizationId: string }) => (m.subject[lang] ?? '').toLowerCase().includes(q.toLowerCase()));
          body.totalItems = body.items.length;
        });
      },
      /q finds a message/,
    ],
    ['an expired message counted in the summary', (e) => (e.url.pathname === '/ebox' && e.status === 200 ? editJson(e, (b) => (b.numberOfMessages += 1)) : e), /numberOfMessages/],
    [
      'a foreign id answered 403 instead of 404',
      (e) => {
        const id = decodeURIComponent(e.url.pathname.split('/')[3] ?? '');
        if (e.headers.authorization !== `Bearer ${A}` || !foreignIds.has(id)) return e;
        return { ...e, status: 403, body: Buffer.from(JSON.stringify({ id: '6f1c1b1e-0000-4000-8000-000000000000', code: 'FORBIDDEN', message: 'not yours' })) };
      },
      /Another e-Box's message answers exactly like an unknown one/,
    ],
    [
      '% and _ treated as wildcards',
      (e, upstream) => (isList(e) && ['%', '_'].includes(e.url.searchParams.get('q') ?? '') ? ignoring(['q', 'qlang'])(e, upstream) : e),
      /every character of q literal/,
    ],
    [
      "a PATCH that changes another e-Box's message",
      async (e, upstream) => {
        if (e.method !== 'PATCH' || e.headers.authorization !== `Bearer ${A}`) return e;
        const items = (JSON.parse(e.requestBody?.toString('utf8') || '{}').items ?? []).filter((i: { messageId: string }) => foreignIds.has(i.messageId));
        // The provider answers as it should, but the foreign messages change all the same.
        if (items.length > 0) await upstream('/ebox/messages', { ...e.headers, authorization: `Bearer ${B}` }, 'PATCH', JSON.stringify({ items, totalItems: items.length }));
        return e;
      },
      /changes nothing/,
    ],
    ['Cache-Control dropped on reference items', (e) => (/^\/referenceData\/\w+\/[^/]+$/.test(e.url.pathname) ? { ...e, responseHeaders: Object.fromEntries(Object.entries(e.responseHeaders).filter(([k]) => k !== 'cache-control')) } : e), /Cache-Control/],
    ['a TranslatedString left incomplete', (e) => (isList(e) ? editJson(e, (b) => b.items[0] && delete b.items[0].subject.de) : e), /TranslatedString gives nl, fr and de/],
    [
      'a relative contentHref',
      (e) => (isList(e) ? editJson(e, (b) => b.items.forEach((m: { attachments: { items: { contentHref: string }[] } }) => m.attachments.items.forEach((a) => (a.contentHref = new URL(a.contentHref).pathname)))) : e),
      /contentHref is an absolute URL/,
    ],
    ['items null on an empty list', (e) => (isList(e) ? editJson(e, (b) => b.totalItems === 0 && (b.items = null)) : e), /items and totalItems are never null|matches its schema/],
    ['an undeclared parameter refused', (e) => (e.url.searchParams.has('conformanceUndeclared') ? { ...e, status: 400, body: Buffer.from(JSON.stringify({ id: '6f1c1b1e-0000-4000-8000-000000000000', code: 'INVALID_REQUEST', message: 'unknown parameter' })) } : e), /200 for criteria that are well-formed/],
    ['the order of a page broken', (e) => (isList(e) && !e.url.searchParams.has('q') ? editJson(e, (b) => b.items.length > 1 && b.items.reverse()) : e), /newest first/],
    ['WWW-Authenticate dropped', (e) => (e.status === 401 ? { ...e, responseHeaders: Object.fromEntries(Object.entries(e.responseHeaders).filter(([k]) => k !== 'www-authenticate')) } : e), /WWW-Authenticate/],
    ['an ASCII-only Content-Disposition for a non-ASCII name', (e) => (e.url.pathname.endsWith('/content') && e.status === 200 ? { ...e, responseHeaders: { ...e.responseHeaders, 'content-disposition': 'attachment; filename="document.pdf"' } } : e), /Content-Disposition|filename\*/],
    ['a criterion ignored', (e, upstream) => (isList(e) && e.url.searchParams.has('readStatus') ? ignoring(['readStatus'])(e, upstream) : e), /Criteria are applied together/],
    ['a provider that hangs', (e) => (e.url.pathname.endsWith('/attachments') ? 'hang' : e), /answered within 1 s/, { timeoutMs: 1_000 }],
  ];

  // Faults only exact expectations see: the certification profile, through the proxy.
  const certificationFaults: [string, Fault, RegExp][] = [
    ['eboxSize rounded to whole kB', (e) => (e.url.pathname === '/ebox' && e.status === 200 ? editJson(e, (b) => (b.eboxSize = Math.round(b.eboxSize))) : e), /GET \/ebox gives the figures of the data set/],
    [
      '_ matching any character',
      (e, upstream) => {
        const q = e.url.searchParams.get('q') ?? '';
        if (!isList(e) || !/._./.test(q)) return e;
        const wider = new URL(e.url);
        wider.searchParams.set('q', q.split('_').pop() ?? q);
        return upstream(wider.pathname + wider.search, e.headers);
      },
      /Text search finds exactly/,
    ],
    ['a message received just after Brussels midnight filed under the UTC day', (e) => (isList(e) && e.url.searchParams.has('receivedAfter') ? editJson(e, (b) => ((b.items = b.items.filter((m: { messageId: string }) => m.messageId !== 'cert-03')), (b.totalItems = b.items.length))) : e), /Each criterion/],
  ];
  for (const [name, fault, rule] of certificationFaults) {
    it(`fails the certification profile on ${name}`, async () => {
      proxy.fault = fault;
      const run = await runKit({ ...prod(proxy.url), token: `dev.${TEST_EBOX}`, otherToken: A, profile: 'certification', certificationToken: `dev.${TEST_EBOX}.certification` });
      const failures = failed(run).map((o) => o.rule);
      expect(failures.some((r) => rule.test(r)), `failed rules: ${failures.join(' | ') || 'none'}`).to.equal(true);
    });
  }

  for (const [name, fault, rule, extra] of faults) {
    it(`fails on ${name}`, async () => {
      proxy.fault = fault;
      const run = await runKit(prod(proxy.url, extra));
      const failures = failed(run).map((o) => o.rule);
      expect(failures.some((r) => rule.test(r)), `failed rules: ${failures.join(' | ') || 'none'}`).to.equal(true);
    });
  }
});

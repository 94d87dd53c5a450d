import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { connect, migrate } from '../../src/db/connect';
import { query } from '../helpers/db';
import { seed } from '../helpers/seed';
import { startServer, tempDir, type TestServer } from '../helpers/server';
import { loadMessages, loadReferences, writeLoadFile } from './large-file';

const root = path.join(__dirname, '..', '..');
const EBOX = '0123456749';
const OTHER_EBOX = '1000000021';
const SEEDED = 40;
// Large enough that the write phase lasts seconds on a 2-core machine, small enough for the suite;
// UNDER_LOAD_MESSAGES=20000 measures the case.
const IMPORTED = Number(process.env.UNDER_LOAD_MESSAGES ?? 8_000);
// The defect made requests wait 10–15 s; the goal is p99 ≤ 500 ms. Between the two, a bound
// that fails on a stall and not on a busy CI machine.
const STALL_MS = 2_000;

interface Sample {
  eboxId: string;
  ms: number;
  status: number;
  totalItems?: number;
  error?: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `npm run import` against the server's own files, in a process group of its own so it can be ended whole. */
function runImport(server: TestServer, file: string): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn('npm', ['run', '--silent', 'import', '--', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: server.config.databaseUrl, STORAGE_DIR: server.config.storageDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  return { child, done };
}

describe('an import while requests are served', function () {
  this.timeout(120_000);
  let server: TestServer;
  let child: ChildProcess | undefined;

  before(async () => {
    server = await startServer();
    await seed(server, { ...loadReferences(), messages: loadMessages(SEEDED, [EBOX], 'seed') });
  });
  after(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    await server.close();
    fs.rmSync(server.dir, { recursive: true, force: true });
  });

  it('keeps answering message lists without error or stall, and shows the batches as they commit', async () => {
    const importDir = path.join(server.dir, 'import');
    fs.mkdirSync(importDir);
    const file = writeLoadFile(importDir, IMPORTED, [EBOX, OTHER_EBOX]);
    const url = `${server.url}/ebox/messages?pageSize=25`;

    const run = runImport(server, file);
    child = run.child;
    let finished = false;
    const result = run.done.finally(() => (finished = true));

    const samples: Sample[] = [];
    let fresh = 0;
    const client = async (eboxId: () => string) => {
      while (!finished) {
        const started = performance.now();
        const sample: Sample = { ms: 0, status: 0, eboxId: eboxId() };
        try {
          const res = await fetch(url, { headers: { Authorization: `Bearer dev.${sample.eboxId}` } });
          const text = await res.text();
          sample.status = res.status;
          if (res.status === 200) sample.totalItems = (JSON.parse(text) as { totalItems: number }).totalItems;
          else sample.error = text.slice(0, 300);
        } catch (err) {
          sample.error = String(err);
        }
        sample.ms = performance.now() - started;
        samples.push(sample);
      }
    };
    // Two clients read the e-Box the import fills; a third reads a new e-Box each time, so that
    // every one of its lists writes lastConsultationDate while the import holds the lock now and then.
    await Promise.all([client(() => EBOX), client(() => EBOX), client(() => `1${String(++fresh).padStart(9, '0')}`)]);
    const { code, output } = await result;
    expect(code, output).to.equal(0);

    // Reads are audited in batches written every 200 ms: let the last one go out.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [audited] = await query<{ n: number }>(server, 'SELECT count(*) AS n FROM audit_records WHERE request_url = ?', [new URL(url).pathname + '?pageSize=25']);
    const [consulted] = await query<{ n: number }>(server, 'SELECT count(*) AS n FROM eboxes WHERE last_consultation_at IS NOT NULL');

    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    const figures = { requests: samples.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] };
    console.log(
      `      ${IMPORTED} messages imported while serving: ${figures.requests} lists (${audited.n} audited, ${consulted.n} e-Boxes consulted), ` +
        `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms`,
    );

    const failed = samples.filter((s) => s.status !== 200);
    expect(failed, JSON.stringify(failed.slice(0, 5))).to.deep.equal([]);
    expect(figures.max, JSON.stringify(figures)).to.be.below(STALL_MS);
    // Counts strictly between before and after: requests were answered between commits, not only around one.
    const finalCount = SEEDED + Math.ceil(IMPORTED / 2);
    const between = new Set(samples.filter((s) => s.eboxId === EBOX).map((s) => s.totalItems).filter((n) => n !== undefined && n > SEEDED && n < finalCount));
    expect(between.size, 'distinct partial counts seen').to.be.at.least(3);
  });
});

describe('a connection as the server opens it, while another process holds the write lock', () => {
  it('gives up in a fraction of a second with SQLITE_BUSY instead of stopping the event loop for 5 s', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ebox.sqlite');
    const holder = connect(file);
    const db = connect(file);
    try {
      await migrate(holder);
      const trx = await holder.transaction();
      await trx('eboxes').insert({ ebox_id: OTHER_EBOX });
      const started = performance.now();
      const err = await db('eboxes').insert({ ebox_id: EBOX }).catch((e: unknown) => e);
      const waited = performance.now() - started;
      await trx.commit();
      expect((err as { code?: string }).code).to.equal('SQLITE_BUSY');
      expect(waited).to.be.below(1_000);
    } finally {
      await db.destroy();
      await holder.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

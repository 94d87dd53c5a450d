// Several instances and their probes: listening while the migrations run,
// the database going away and coming back, two server processes on one
// PostgreSQL and one STORAGE_DIR serving the same data, an import beside them.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../src/db/connect';
import { start } from '../../src/server';
import { serverStartUpRefusal, startChildServer, type ChildServer } from '../helpers/child-server';
import { engines, describeEachEngine, testDatabase, type TestDatabase } from '../helpers/databases';
import { A, EBOX_A, LIVE_IN_A, PDF_BYTES, messageFixture, msg } from '../helpers/message-fixture';
import { holdMigrationLock } from '../helpers/migration-lock';
import { seed } from '../helpers/seed';
import { httpClient, tempDir, type Response } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The server's DATABASE_STATEMENT_TIMEOUT_MS where PostgreSQL goes away under it: short, so that a silent one is noticed quickly. */
const STATEMENT_TIMEOUT_MS = 1_500;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Asks until `done` holds for an answer, for at most `withinMs`; returns the last answer. */
async function until(ask: () => Promise<Response>, done: (res: Response) => boolean, withinMs: number): Promise<Response> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const res = await ask().catch((err: unknown) => ({ status: 0, error: err }) as unknown as Response);
    if (done(res) || Date.now() > deadline) return res;
    await sleep(200);
  }
}

function expectStatusMessage(res: Response, status: number, code: string): void {
  expect(res.status, res.text).to.equal(status);
  expect(res.json().code).to.equal(code);
  expect(res.header('Retry-After')).to.match(/^\d+$/);
}

describeEachEngine('an instance while its migrations run', (engine) => {
  let url: string;
  let release: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await release?.();
    release = undefined;
    await engine.drop(url);
  });

  it('listens at once: /health answers, /ready and the contract say 503 SERVICE_STARTING until the schema is up to date', async () => {
    url = await engine.createUrl();
    // Another instance migrating: this one must wait for it.
    release = await holdMigrationLock(engine, url);
    const port = await freePort();
    const dir = tempDir();
    const config = loadConfig({ DATABASE_URL: url, STORAGE_DIR: path.join(dir, 'blobs'), PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });
    const starting = start(config);
    const client = httpClient(`http://127.0.0.1:${port}`, config.basePath);

    const health = await until(() => client.get('/health'), (r) => r.status === 200, 15_000);
    expect(health.status).to.equal(200);
    expect(health.json()).to.deep.equal({ status: 'ok' });
    expectStatusMessage(await client.get('/ready'), 503, 'SERVICE_STARTING');
    expectStatusMessage(await client.get('/ebox', A), 503, 'SERVICE_STARTING');

    await release();
    release = undefined;
    const running = await starting;
    try {
      const ready = await client.get('/ready');
      expect(ready.status).to.equal(200);
      expect(ready.json()).to.deep.equal({ status: 'ready' });
      expect((await client.get('/ebox', A)).status).to.equal(200);
    } finally {
      await running.close();
    }
  });
});

describe('start-up with a database that cannot be used', () => {
  for (const [what, databaseUrl] of [
    ['unreachable', 'postgres://ebox:s3cret-pw@127.0.0.1:1/ebox'],
    ['unknown host', 'postgres://ebox:s3cret-pw@no-such-host.invalid:5432/ebox'],
  ]) {
    it(`stops with one line naming DATABASE_URL, the password masked (${what})`, async () => {
      const { code, output } = await serverStartUpRefusal({ DATABASE_URL: databaseUrl });
      expect(code).to.equal(1);
      const lines = output.trim().split('\n');
      expect(lines, output).to.have.length(1);
      expect(lines[0]).to.match(/^DATABASE_URL postgres:\/\/ebox:\*\*\*@/);
      expect(output).to.not.include('s3cret-pw');
    });
  }
});

// Only PostgreSQL is a server that can go away under a running instance and
// come back; SQLite's faults (a full disk, a locked file) are in faults.test.ts.
for (const engine of engines().filter((e) => e.name === 'postgres')) {
  describe('PostgreSQL going away while serving, and coming back [postgres]', () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let running: Awaited<ReturnType<typeof start>>;
    let client: ReturnType<typeof httpClient>;
    before(async () => {
      database = await testDatabase(engine);
      const target = new URL(database.url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(database.url);
      viaProxy.port = String(proxy.port);
      const config = loadConfig({
        DATABASE_URL: viaProxy.toString(),
        STORAGE_DIR: path.join(tempDir(), 'blobs'),
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_MODE: 'dev',
        LOG_LEVEL: 'silent',
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      });
      await seed({ config }, messageFixture());
      running = await start(config);
      client = httpClient(running.url.replace(config.basePath, ''), config.basePath);
    });
    after(async () => {
      await running?.close();
      await proxy?.close();
      await database?.close();
    });

    it('answers 503 DATABASE_UNAVAILABLE with Retry-After (never a 500, never a hung request), /ready fails, /health does not', async () => {
      expect((await client.get('/ebox/messages', A)).status).to.equal(200);
      proxy.cut();
      try {
        for (const path of ['/ebox', '/ebox/messages', '/ebox/messages/full', '/referenceData/messageTypes/type-02']) {
          expectStatusMessage(await client.request('GET', path, { token: A, timeoutMs: 20_000 }), 503, 'DATABASE_UNAVAILABLE');
        }
        const patch = await client.request('PATCH', '/ebox/messages', {
          token: A,
          body: { items: [{ messageId: 'tie-a', visible: false }], totalItems: 1 },
          contentType: 'application/merge-patch+json',
          timeoutMs: 20_000,
        });
        expectStatusMessage(patch, 503, 'DATABASE_UNAVAILABLE');
        expectStatusMessage(await client.request('GET', '/ready', { timeoutMs: 20_000 }), 503, 'DATABASE_UNAVAILABLE');
        expect((await client.get('/health')).status).to.equal(200);
      } finally {
        proxy.restore();
      }
    });

    it('answers 503 too when the database goes silent (connections accepted, never answered), within the connection timeout', async () => {
      proxy.stall();
      try {
        expectStatusMessage(await client.request('GET', '/ebox/messages', { token: A, timeoutMs: 20_000 }), 503, 'DATABASE_UNAVAILABLE');
        expectStatusMessage(await client.request('GET', '/ready', { timeoutMs: 20_000 }), 503, 'DATABASE_UNAVAILABLE');
      } finally {
        proxy.restore();
      }
    });

    it('answers 503 when the database goes silent mid-query (connections kept, nothing relayed), within the statement timeout, a second and a connection timeout', async () => {
      expect((await client.get('/ebox/messages', A)).status).to.equal(200);
      proxy.freeze();
      try {
        const started = Date.now();
        expectStatusMessage(await client.request('GET', '/ebox/messages', { token: A, timeoutMs: 20_000 }), 503, 'DATABASE_UNAVAILABLE');
        // The pool's connection waits for its reply this long, then a new one for the connection timeout at most.
        expect(Date.now() - started).to.be.below(STATEMENT_TIMEOUT_MS + 1_000 + DEFAULT_CONNECT_TIMEOUT_MS + 2_000);
      } finally {
        proxy.restore();
      }
      const ready = await until(() => client.get('/ready'), (r) => r.status === 200, 20_000);
      expect(ready.status).to.equal(200);
      expect((await client.get('/ebox/messages', A)).status).to.equal(200);
    });

    it('recovers by itself once the database is back, having changed nothing while it was away', async () => {
      const ready = await until(() => client.get('/ready'), (r) => r.status === 200, 20_000);
      expect(ready.status).to.equal(200);
      const list = await client.get('/ebox/messages?visibility=all&pageSize=100', A);
      expect(list.status).to.equal(200);
      expect(list.json().items.find((m: { messageId: string }) => m.messageId === 'tie-a').visible, 'the refused PATCH changed nothing').to.equal(true);
    });
  });

  // Instances behind a load balancer share one PostgreSQL; with SQLite they
  // would have to share one host and one file, which the README advises against.
  describe('two server processes on one PostgreSQL and one STORAGE_DIR [postgres]', function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let dir: string;
    let env: Record<string, string>;
    let instances: ChildServer[] = [];
    let clients: ReturnType<typeof httpClient>[] = [];
    before(async () => {
      database = await testDatabase(engine);
      dir = tempDir();
      env = { DATABASE_URL: database.url, STORAGE_DIR: path.join(dir, 'blobs'), AUTH_MODE: 'dev' };
      await seed({ config: loadConfig(env) }, messageFixture());
      instances = await Promise.all([startChildServer(env), startChildServer(env)]);
      clients = instances.map((i) => httpClient(new URL(i.url).origin, new URL(i.url).pathname.replace(/\/$/, '')));
    });
    after(async () => {
      for (const instance of instances) instance.child.kill('SIGTERM');
      await Promise.all(instances.map((i) => i.exited));
      await database?.close();
    });

    const count = async (sql: string, bindings: string[] = []) => Number((await database.db.raw(sql, bindings)).rows[0].n);
    /** The audit records of the calls so far are written in batches: wait for `n` of them. */
    async function auditedCalls(method: string, urlPart: string, n: number): Promise<number> {
      const sql = `select count(*) as n from audit_records where request_method = ? and request_url like ?`;
      let seen = 0;
      for (let i = 0; i < 50 && seen < n; i++, await sleep(200)) seen = await count(sql, [method, `%${urlPart}%`]);
      await sleep(500); // and no more than that
      return count(sql, [method, `%${urlPart}%`]);
    }

    it('apply concurrent PATCHes of the same messages, each once: the store ends as the last write of every message says', async () => {
      const ids = LIVE_IN_A.slice(0, 6);
      const patch = (i: number, visible: boolean) =>
        clients[i % 2].request('PATCH', '/ebox/messages', {
          token: A,
          body: { items: ids.map((messageId) => ({ messageId, visible })), totalItems: ids.length },
          contentType: 'application/merge-patch+json',
        });
      // Rounds of opposite writes through both instances at once, ending with one that hides all.
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all([patch(0, false), patch(1, true), patch(2, false), patch(3, true)]);
        for (const res of answers) expect(res.status, res.text).to.equal(200);
      }
      const last = await patch(0, false);
      expect(last.status).to.equal(200);
      const rows = await database.db('messages').whereIn('message_id', ids).select('message_id', 'visible');
      expect(rows.map((r) => [r.message_id, Boolean(r.visible)]).sort()).to.deep.equal(ids.map((id) => [id, false]).sort());
      for (const client of clients) {
        const hidden = await client.get('/ebox/messages?visibility=hidden&pageSize=100', A);
        expect(hidden.json().items.map((m: { messageId: string }) => m.messageId)).to.include.members(ids);
      }
      expect(await auditedCalls('PATCH', '/ebox/messages', 21)).to.equal(21);
    });

    it('mark a main content read once when both instances serve its first read at the same time; each read is audited', async () => {
      expect((await database.db('messages').where('message_id', 'full').first()).read_status).to.equal(false);
      const content = '/ebox/messages/full/attachments/main/content';
      const reads = await Promise.all([clients[0].get(content, A), clients[1].get(content, A), clients[0].get(content, A), clients[1].get(content, A)]);
      for (const res of reads) {
        expect(res.status).to.equal(200);
        expect(res.bytes.equals(PDF_BYTES)).to.equal(true);
      }
      let row = await database.db('messages').where('message_id', 'full').first();
      for (let i = 0; i < 25 && !row.read_status; i++, await sleep(200)) row = await database.db('messages').where('message_id', 'full').first();
      expect(row.read_status).to.equal(true);
      expect(Number(row.first_read_at)).to.be.greaterThan(0);
      expect(await count(`select count(*) as n from ees_events where message_id = 'full' and event_type = 'readDocument'`), 'readDocument events').to.equal(1);
      expect(await auditedCalls('GET', content, 4)).to.equal(4);
      for (const client of clients) {
        const message = await client.get('/ebox/messages/full', A);
        expect(message.json().readStatus).to.equal(true);
      }
    });

    it('keep serving while `npm run import` loads messages into the same store, then both see all of them', async () => {
      const before = (await clients[0].get('/ebox', A)).json();
      const added = 3_000;
      const file = path.join(dir, 'more.json');
      const messages = Array.from({ length: added }, (_, i) => msg(`more-${String(i).padStart(5, '0')}`, { receiptDate: '2025-03-01T08:00:00Z' }));
      fs.writeFileSync(file, JSON.stringify({ messages }));
      const importer = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', file], {
        cwd: path.join(__dirname, '..', '..'),
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      importer.stdout.on('data', (c: Buffer) => (output += c.toString()));
      importer.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => importer.on('exit', resolve));
      let done = false;
      void exited.then(() => (done = true));
      const statuses: number[] = [];
      while (!done) {
        const answers = await Promise.all(clients.map((c) => c.get('/ebox/messages?pageSize=5', A)));
        statuses.push(...answers.map((r) => r.status));
      }
      expect(await exited, output).to.equal(0);
      expect(statuses.length, 'requests served during the import').to.be.greaterThan(4);
      expect(statuses.filter((s) => s !== 200), 'answers other than 200 during the import').to.deep.equal([]);
      for (const client of clients) {
        const summary = (await client.get('/ebox', A)).json();
        expect(summary.numberOfMessages).to.equal(before.numberOfMessages + added);
        expect(summary.numberOfUnreadMessages).to.equal(before.numberOfUnreadMessages + added);
      }
      expect(await count(`select count(*) as n from messages where ebox_id = ? and message_id like 'more-%'`, [EBOX_A])).to.equal(added);
    });
  });
}

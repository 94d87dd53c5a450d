import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { loadConfig } from '../../src/config';
import { connect, migrate } from '../../src/db/connect';
import { startNotifications } from '../../src/notifications';
import { importData } from '../../src/services/importer';
import { describeEachEngine } from '../helpers/databases';
import { query } from '../helpers/db';
import { seed } from '../helpers/seed';
import { startServer, tempDir, type TestServer } from '../helpers/server';
import { LOAD_APP, LOAD_ORG, LOAD_TYPE, loadReferences } from '../import/large-file';
import { filePart, jsonPart, publish } from '../publication/helpers';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { capturedLog, DAY, EBOX, eventually, iso, message, outbox } from './helpers';
import { StandInEes } from './stand-in-ees';

const TOKEN = `dev.${EBOX}`;

function withDb<T>(databaseUrl: string, work: (db: Knex) => Promise<T>): Promise<T> {
  const db = connect(databaseUrl);
  return work(db).finally(() => db.destroy());
}

/** The server's EES settings in the tests: short pauses and lease (EES_TIMEOUT_MS), a sweep every second. */
const eesEnv = (url: string): Record<string, string> => ({
  EES_URL: url,
  EES_POLL_MS: '10',
  EES_RETRY_MIN_MS: '50',
  EES_RETRY_MAX_MS: '200',
  EES_TIMEOUT_MS: '300',
  EES_BATCH_SIZE: '4',
  EES_SWEEP_SECONDS: '1',
});

/** Messages relative to the real clock: the server runs on it. */
const now = Date.now();
const live = (id: string, over: Record<string, unknown> = {}) => message(id, { receiptDate: iso(now - DAY), expirationDate: iso(now + 365 * DAY), ...over });

/**
 * The real server and a stand-in EES, per engine, on one database: first a
 * server in a child process that is killed (kill -9) with an event in
 * flight, then the server restarted on the same store, which the later tests
 * go on using.
 */
describeEachEngine('the server notifies the EES', (engine) => {
  let ees: StandInEes;
  let dir: string;
  let databaseUrl: string;
  let env: Record<string, string>;
  let server: TestServer | undefined;
  let child: ChildServer | undefined;
  const rowsOf = (ids: string[]) => withDb(databaseUrl, (db) => outbox(db, ids));
  /** The restarted server (started by the kill -9 test, or here if that one failed early). */
  const running = async (): Promise<TestServer> => (server ??= await startServer({ ...env, EES_CLIENT_ID: 'instance-a' }, dir));

  before(async () => {
    ees = await StandInEes.start();
    dir = tempDir('ebox-ees-server-');
    databaseUrl = engine.name === 'sqlite' ? path.join(dir, 'ebox.sqlite') : await engine.createUrl();
    env = { DATABASE_URL: databaseUrl, STORAGE_DIR: path.join(dir, 'blobs'), ...eesEnv(ees.url) };
  });
  after(async () => {
    if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await child?.exited;
    await server?.close();
    await ees.stop();
    if (engine.name === 'postgres') await engine.drop(databaseUrl);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => expect(ees.invalid, 'events the stand-in EES found invalid').to.deep.equal([]));

  it('loses nothing to kill -9 between the commit of an event and its delivery: after a restart it is sent again, and the EES that had it answers 409', async () => {
    child = await startChildServer({ ...env, AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });
    // Imported as already notified: the read is the only event.
    await withDb(databaseUrl, (db) =>
      importData({ ...loadReferences(), messages: [live('killed', { bodyContent: { fr: 'Le contenu' }, bodyMainContent: true })] }, dir, { db, blobs: new FsBlobStore(env.STORAGE_DIR), events: false }),
    );
    // The EES stores what it gets and does not answer: the process dies before it can record the delivery.
    ees.answers.push('hold');
    const read = await fetch(`${child.url}/ebox/messages/killed/body`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(read.status).to.equal(200);
    await ees.waitFor(() => ees.posts.length === 1, 5_000);
    child.child.kill('SIGKILL');
    expect(await child.exited).to.equal('SIGKILL');
    const [left] = await rowsOf(['killed']);
    expect(left).to.include({ eventType: 'readDocument', state: 'pending', attempts: 0 });
    expect(left.claimedUntil).to.be.a('number');

    // The restart; it takes the event over once the dead process's lease has run out.
    await running();
    await eventually(async () => (await rowsOf(['killed']))[0].state === 'delivered', 10_000, 'the delivery after the restart');
    expect(await rowsOf(['killed'])).to.have.length(1);
    expect((await rowsOf(['killed']))[0]).to.include({ lastStatus: 409, attempts: 1 });
    expect(ees.posts.map((p) => [p.events.map((e) => e.eventCorrelationId), p.status])).to.deep.equal([
      [[left.correlationId], undefined],
      [[left.correlationId], 409],
    ]);
    expect(ees.events('killed').map((e) => e.eventType)).to.deep.equal(['readDocument']);
  });

  it('sends newDocument for imported messages and readDocument at the first read of the main content over HTTP', async () => {
    const s = await running();
    await seed(s, { ...loadReferences(), messages: [live('http-1'), live('http-2')] });
    await ees.waitFor(() => ees.events('http-1').length + ees.events('http-2').length === 2);
    expect(ees.events('http-1').map((e) => e.eventType)).to.deep.equal(['newDocument']);

    expect((await s.get('/ebox/messages/http-1/attachments/annex/content', TOKEN)).status).to.equal(200);
    const first = await s.get('/ebox/messages/http-1/attachments/main/content', TOKEN);
    expect(first.status).to.equal(200);
    expect(first.text).to.equal('main content of http-1\n');
    await ees.waitFor(() => ees.events('http-1').length === 2);
    expect(ees.events('http-1').map((e) => e.eventType)).to.deep.equal(['newDocument', 'readDocument']);
    expect((await s.get('/ebox/messages/http-1/attachments/main/content', TOKEN)).status).to.equal(200);
    await eventually(async () => (await rowsOf(['http-1'])).every((r) => r.state === 'delivered'), 2_000, 'the deliveries recorded');
    expect((await rowsOf(['http-1'])).map((r) => r.eventType)).to.deep.equal(['newDocument', 'readDocument']);
  });

  it('sends newDocument for a message published over HTTP, once it is stored', async () => {
    const s = await running();
    await seed(s, loadReferences());
    const sender = `dev.${LOAD_ORG}.publicationsender`;
    const message = {
      recipient: { eboxType: 'enterprise', eboxIdValue: EBOX },
      senderOrganizationId: LOAD_ORG,
      senderApplicationId: LOAD_APP,
      messageTypeId: LOAD_TYPE,
      subject: { fr: 'Publié' },
      expirationDate: iso(now + 30 * DAY),
      bodyMainContent: false,
      replyAuthorized: false,
      attachments: [{ httpPartName: 'upfile1', mainContent: true, attachmentSigned: false }],
    };
    const answer = await publish(s, [jsonPart(message), filePart('upfile1', '%PDF-1.4 published\n')], { token: sender });
    expect(answer.status, answer.text).to.equal(201);
    const { messageId } = answer.json<{ messageId: string }>();
    await ees.waitFor(() => ees.events(messageId).length === 1);
    expect(ees.events(messageId).map((e) => e.eventType)).to.deep.equal(['newDocument']);
    // A refused publication stores nothing, so it announces nothing.
    const announced = async () => Number((await query<{ n: number }>(s, `select count(*) as n from ees_events where event_type = 'newDocument'`))[0].n);
    const before = await announced();
    const refused = await publish(s, [jsonPart({ ...message, messageTypeId: 'no-such-type' }), filePart('upfile1', '%PDF-1.4 refused\n')], { token: sender });
    expect(refused.status).to.equal(400);
    expect(await announced()).to.equal(before);
  });

  it('sweeps every EES_SWEEP_SECONDS: due reminders are sent, messages past retention purged with an audit record', async () => {
    const s = await running();
    await seed(s, {
      ...loadReferences(),
      messages: [live('sixteen-days', { receiptDate: iso(now - 16 * DAY) }), live('long-expired', { receiptDate: iso(now - 100 * DAY), expirationDate: iso(now - 40 * DAY) })],
    });
    await ees.waitFor(() => ees.events('sixteen-days').some((e) => e.eventType === 'newDocumentReminder'), 5_000);
    await eventually(async () => (await query(s, `select message_id from messages where message_id = 'long-expired'`)).length === 0, 5_000, 'the purge');
    const audit = await query<{ details: string }>(s, `select details from audit_records where client_id = 'ebox-dp:retention'`);
    expect(audit.map((a) => JSON.parse(a.details).messageIds)).to.deep.equal([['long-expired']]);
  });

  it('keeps serving consultation at full speed while the EES does not answer', async () => {
    const s = await running();
    ees.answers.push('hold', 'hold', 'hold');
    await seed(s, { ...loadReferences(), messages: [live('stuck')] });
    await ees.waitFor(() => ees.posts.some((p) => p.events.some((e) => e.messageId === 'stuck')));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      expect((await s.get('/ebox/messages?pageSize=5', TOKEN)).status).to.equal(200);
      times.push(performance.now() - started);
    }
    expect((await s.get('/ebox/messages/stuck/attachments/main/content', TOKEN)).status).to.equal(200);
    expect(Math.max(...times), JSON.stringify(times)).to.be.below(500);
    expect((await rowsOf(['stuck'])).map((r) => r.eventType)).to.deep.equal(['newDocument', 'readDocument']);
  });

  it('keeps the events while the EES is down and delivers them when it comes back', async () => {
    const s = await running();
    const { port } = ees;
    await ees.stop();
    await seed(s, { ...loadReferences(), messages: [live('down-1'), live('down-2')] });
    await eventually(async () => (await rowsOf(['down-1', 'down-2'])).every((r) => r.attempts >= 3), 5_000, 'three failed attempts');
    expect((await rowsOf(['down-1'])).map((r) => [r.state, r.lastStatus])).to.deep.equal([['pending', null]]);
    ees = await StandInEes.start(port);
    await ees.waitFor(() => ees.events('down-1').length + ees.events('down-2').length === 2, 5_000);
    await eventually(async () => (await rowsOf(['down-1', 'down-2'])).every((r) => r.state === 'delivered'), 2_000, 'the deliveries recorded');
  });

  if (engine.name === 'postgres') {
    it('with a second instance on the same PostgreSQL database, sends each event once between them', async () => {
      const a = await running();
      const b = await startServer({ ...env, EES_CLIENT_ID: 'instance-b' }, tempDir());
      try {
        // Slow answers, so that each instance claims while the other is posting.
        ees.delayMs = 30;
        const ids = Array.from({ length: 60 }, (_, i) => `twice-${i}`);
        const posted = ees.posts.length;
        await seed(a, { ...loadReferences(), messages: ids.map((id) => live(id)) });
        await ees.waitFor(() => ids.every((id) => ees.events(id).length === 1), 20_000);
        await eventually(async () => (await rowsOf(ids)).every((r) => r.state === 'delivered'), 5_000, 'every delivery recorded');
        const posts = ees.posts.slice(posted);
        const sent = posts.flatMap((p) => p.events.map((e) => e.eventCorrelationId));
        expect(sent.length, 'events posted').to.equal(ids.length);
        expect(new Set(sent).size).to.equal(ids.length);
        expect(posts.every((p) => p.status === 201)).to.equal(true);
        expect([...new Set(posts.map((p) => p.clientId))].sort(), 'both instances sent some').to.deep.equal(['instance-a', 'instance-b']);
      } finally {
        ees.delayMs = 0;
        await b.close();
        fs.rmSync(b.dir, { recursive: true, force: true });
      }
    });
  }
});

describe('start-up without EES_URL', () => {
  const OAUTH = {
    OAUTH_TOKEN_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/token',
    OAUTH_INTROSPECTION_URL: 'https://services-acpt.socialsecurity.be/REST/oauth/v3/introspect',
    OAUTH_CLIENT_ID: 'ebox:dp:test',
    OAUTH_AUDIENCE: 'https://oauthacc.socialsecurity.be',
    OAUTH_CLIENT_SECRET: 'secret',
  };
  async function startUp(env: Record<string, string>): Promise<Record<string, unknown>[]> {
    const dir = tempDir('ebox-ees-off-');
    const db = connect(path.join(dir, 'ebox.sqlite'));
    const { log, lines } = capturedLog();
    try {
      await migrate(db);
      const notifications = await startNotifications(loadConfig({ ...env, EES_URL: '' }), db, new FsBlobStore(path.join(dir, 'blobs')), log);
      expect(notifications.dispatcher).to.equal(undefined);
      await notifications.stop();
      return lines;
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('says so in one warning line when AUTH_MODE=introspection (as in production)', async () => {
    const lines = await startUp({ AUTH_MODE: 'introspection', ...OAUTH });
    expect(lines.filter((l) => Number(l.level) >= 40).map((l) => [l.component, l.msg])).to.deep.equal([
      ['ees', 'EES_URL is empty: notifications are off; events wait in the outbox until EES_URL is set'],
    ]);
  });

  it('stays quiet with AUTH_MODE=dev', async () => {
    expect((await startUp({ AUTH_MODE: 'dev' })).filter((l) => Number(l.level) >= 40)).to.deep.equal([]);
  });
});

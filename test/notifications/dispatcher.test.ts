import { expect } from 'chai';
import type { Dispatcher } from '../../src/notifications/dispatcher';
import { leaseMs } from '../../src/notifications/dispatcher';
import { claimEvents, retryFailed } from '../../src/db/repositories/outbox';
import { describeEachEngine } from '../helpers/databases';
import { loadConfig } from '../../src/config';
import { eesCredentials } from '../../src/notifications/ees-auth';
import { closedPort, Federation } from '../helpers/oauth';
import { workspace, type Workspace } from '../import/helpers';
import { capturedLog, dispatcher, drain, EBOX, eventually, FAST, load, message, outbox, type OutboxRow } from './helpers';
import { StandInEes } from './stand-in-ees';

describeEachEngine('the dispatcher: delivering the outbox to the EES', (engine) => {
  let ws: Workspace;
  let ees: StandInEes;
  let running: Dispatcher | undefined;
  let batch = 0;

  beforeEach(async () => {
    ws = await workspace(engine);
    ees = await StandInEes.start();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await ees.stop();
    await ws.close();
    expect(ees.invalid, 'events the stand-in EES found invalid').to.deep.equal([]);
  });

  /** Imports `count` messages, hence `count` newDocument events; returns their ids. */
  async function queued(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `m${++batch}-${i}`);
    await load(
      ws,
      ids.map((id) => message(id)),
    );
    return ids;
  }
  const rows = () => outbox(ws.db);
  const states = async () => (await rows()).map((r) => r.state);

  it('posts the events as arrays of at most EES_BATCH_SIZE, with the clientId, without Authorization when EES_AUTH=none', async () => {
    await queued(5);
    await drain(dispatcher(ws.db, ees, { settings: { batchSize: 2 }, clientId: 'dp-test' }));
    expect(ees.posts.map((p) => p.events.length)).to.deep.equal([2, 2, 1]);
    expect(ees.posts.map((p) => [p.clientId, p.authorization, p.status])).to.deep.equal(Array(3).fill(['dp-test', undefined, 201]));
    expect(await states()).to.deep.equal(Array(5).fill('delivered'));
    const sent = ees.posts.flatMap((p) => p.events.map((e) => e.eventCorrelationId));
    expect(sent).to.deep.equal((await rows()).map((r) => r.correlationId));
  });

  it('sends no clientId when EES_CLIENT_ID is not set', async () => {
    await queued(1);
    await drain(dispatcher(ws.db, ees));
    expect(ees.posts.map((p) => p.clientId)).to.deep.equal([null]);
  });

  it('retries a 5xx with exponential backoff and jitter, keeping the correlation id, until the EES takes the events', async () => {
    await queued(2);
    ees.answers.push(503, 500, 503);
    running = dispatcher(ws.db, ees, { settings: { retryMinMs: 100, retryMaxMs: 2_000 } });
    running.start();
    await ees.waitFor(() => ees.stored.size === 2);
    expect(ees.posts.map((p) => p.status)).to.deep.equal([503, 500, 503, 201]);
    const ids = ees.posts.map((p) => p.events.map((e) => e.eventCorrelationId).join());
    expect(new Set(ids).size, 'the same events, with the same correlation ids, every time').to.equal(1);
    // Equal jitter: the pause after the k-th failure is within [min·2^(k-1)/2, min·2^(k-1)].
    const gaps = ees.posts.slice(1).map((p, i) => p.at - ees.posts[i].at);
    gaps.forEach((gap, i) => expect(gap, `pause ${i + 1} of ${JSON.stringify(gaps)}`).to.be.within((100 * 2 ** i) / 2 - 5, 100 * 2 ** i + 150));
    await eventually(async () => (await states()).every((s) => s === 'delivered'), 2_000, 'the delivery to be recorded');
    const [row] = await rows();
    expect(row).to.include({ attempts: 4, lastStatus: 201, claimedUntil: null });
  });

  it('keeps events through an outage (connection refused), and delivers them once the EES is back', async () => {
    await queued(3);
    const port = await closedPort();
    const { log, lines } = capturedLog();
    running = dispatcher(ws.db, { url: `http://127.0.0.1:${port}/ebox/enterprise/document/events` }, { log, settings: { retryMinMs: 50, retryMaxMs: 200 } });
    running.start();
    await eventually(async () => (await rows()).every((r) => r.attempts >= 3), 5_000, 'three failed attempts');
    const during = await rows();
    expect(during.map((r) => [r.state, r.lastStatus])).to.deep.equal(Array(3).fill(['pending', null]));
    expect(during[0].lastAnswer).to.match(/ECONNREFUSED/);
    // One warning for the outage, not one per attempt.
    expect(lines.filter((l) => l.level === 40 && String(l.msg).includes('did not take events'))).to.have.length(1);

    const back = await StandInEes.start(port);
    try {
      await back.waitFor(() => back.stored.size === 3, 5_000);
      await eventually(async () => (await states()).every((s) => s === 'delivered'), 2_000, 'the delivery to be recorded');
      expect(lines.some((l) => l.level === 30 && String(l.msg).includes('takes events again'))).to.equal(true);
      expect(back.invalid).to.deep.equal([]);
    } finally {
      await running.stop();
      await back.stop();
    }
  });

  it('retries after a timeout; the EES that stored the events meanwhile answers 409, and they are delivered', async () => {
    await queued(1);
    ees.delayMs = 300;
    // The retry comes after the stand-in, slow but alive, has stored the event (first pause ≥ 500 ms).
    running = dispatcher(ws.db, ees, { settings: { timeoutMs: 150, retryMinMs: 1_000, retryMaxMs: 1_000 } });
    running.start();
    await eventually(async () => (await rows())[0].attempts >= 1, 3_000, 'a timed-out attempt');
    expect((await rows())[0].lastAnswer).to.match(/TimeoutError/);
    ees.delayMs = 0;
    await eventually(async () => (await states())[0] === 'delivered', 3_000, 'the delivery');
    expect((await rows())[0].lastStatus).to.equal(409);
    expect(ees.stored.size).to.equal(1);
  });

  it('takes a 409 for one event as delivered, and splits a batch answered 409 so that none of its events is lost', async () => {
    await queued(1);
    ees.answers.push(409);
    await drain(dispatcher(ws.db, ees));
    expect((await rows()).map((r) => [r.state, r.lastStatus])).to.deep.equal([['delivered', 409]]);

    await queued(4);
    ees.answers.push(409);
    await drain(dispatcher(ws.db, ees));
    expect(ees.posts.slice(1).map((p) => [p.events.length, p.status])).to.deep.equal([
      [4, 409],
      [2, 201],
      [2, 201],
    ]);
    expect(await states()).to.deep.equal(Array(5).fill('delivered'));
    expect(ees.stored.size).to.equal(4);
  });

  it('parks an event the EES refuses (4xx) as failed, logs the answer without CBE numbers, and delivers its neighbours', async () => {
    await queued(4);
    // The batch, then its halves: the refused event is the third.
    ees.answers.push(400, 201, 400, 422, 201);
    const { log, lines, text } = capturedLog();
    await drain(dispatcher(ws.db, ees, { log }));
    const after = await rows();
    expect(after.map((r) => r.state)).to.deep.equal(['delivered', 'delivered', 'failed', 'delivered']);
    expect(after[2]).to.include({ lastStatus: 422, attempts: 1 });
    expect(after[2].lastAnswer).to.contain('answer 422 chosen by the test').and.contain('[cbe]').and.not.contain(EBOX);
    const parked = lines.filter((l) => l.level === 50);
    expect(parked).to.have.length(1);
    expect(parked[0]).to.include({ status: 422, eventType: 'newDocument', messageId: after[2].messageId });
    expect(String(parked[0].answer)).to.contain('[cbe]');
    expect(text()).not.to.contain(EBOX);
    // No endless retry: the parked event is not claimed again.
    await drain(dispatcher(ws.db, ees));
    expect(ees.posts).to.have.length(5);

    expect(await retryFailed(ws.db, Date.now())).to.equal(1);
    await drain(dispatcher(ws.db, ees));
    expect(await states()).to.deep.equal(Array(4).fill('delivered'));
    expect(ees.posts[5].events.map((e) => e.eventCorrelationId)).to.deep.equal([after[2].correlationId]);
  });

  it('takes over the events a dispatcher that died was holding, once its lease runs out', async () => {
    await queued(2);
    const claimedAt = Date.now();
    // As a dispatcher killed after its claim leaves them: leased, never answered.
    const dead = await claimEvents(ws.db, { now: claimedAt, until: claimedAt + leaseMs(FAST), token: 'dead-dispatcher', limit: 10 });
    expect(dead).to.have.length(2);
    await drain(dispatcher(ws.db, ees));
    expect(ees.posts).to.deep.equal([]);
    await drain(dispatcher(ws.db, ees, { now: () => claimedAt + leaseMs(FAST) + 1 }));
    expect(ees.stored.size).to.equal(2);
    expect(await states()).to.deep.equal(['delivered', 'delivered']);
  });

  it('on stop, abandons the POST in flight and gives its events back: the next dispatcher sends them at once', async () => {
    await queued(2);
    ees.answers.push('hold');
    running = dispatcher(ws.db, ees, { settings: { timeoutMs: 10_000 } });
    running.start();
    await ees.waitFor(() => ees.posts.length === 1);
    const before: OutboxRow[] = await rows();
    expect(before.every((r) => r.claimedUntil !== null)).to.equal(true);
    await running.stop();
    running = undefined;
    expect((await rows()).map((r) => [r.state, r.claimedUntil])).to.deep.equal([
      ['pending', null],
      ['pending', null],
    ]);
    await drain(dispatcher(ws.db, ees));
    // The held POST had reached the EES: it answers 409 to the same events, which are then delivered.
    expect(ees.posts.map((p) => p.status)).to.deep.equal([undefined, 409, 409, 409]);
    expect(await states()).to.deep.equal(['delivered', 'delivered']);
  });

  it('with EES_AUTH=oauth, sends the provider’s own token for EES_SCOPE, and gets a new one when the EES refuses it (401)', async () => {
    const federation = await Federation.start();
    try {
      const { ees: settings } = loadConfig({ ...federation.env(), EES_URL: ees.url, EES_SCOPE: 'scope:ees:submit' });
      expect(settings.auth).to.equal('oauth');
      const credentials = await eesCredentials(settings.oauth ?? expect.fail('no OAuth settings'), settings.scope ?? expect.fail('no scope'));
      await queued(2);
      ees.answers.push(401);
      await drain(dispatcher(ws.db, ees, { credentials }));
      expect(ees.posts.map((p) => p.status)).to.deep.equal([401, 201]);
      const [refused, accepted] = ees.posts.map((p) => /^Bearer (\S+)$/.exec(p.authorization ?? '')?.[1]);
      expect(refused).to.be.a('string').and.not.equal(accepted);
      expect(accepted).to.be.a('string');
      expect(federation.tokenRequests.map((r) => [r.body.grant_type, r.body.scope, r.body.client_assertion_type])).to.deep.equal(
        Array(2).fill(['client_credentials', 'scope:ees:submit', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer']),
      );
      expect(await states()).to.deep.equal(['delivered', 'delivered']);
      // The token is reused while it is valid.
      await queued(1);
      await drain(dispatcher(ws.db, ees, { credentials }));
      expect(federation.tokenRequests).to.have.length(2);
    } finally {
      await federation.stop();
    }
  });
});

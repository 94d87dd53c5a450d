import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { importData } from '../../src/services/importer';
import { describeEachEngine } from '../helpers/databases';
import { workspace, type Workspace } from '../import/helpers';
import { loadReferences } from '../import/large-file';
import { dispatcher, iso, message, outbox, DAY } from './helpers';
import { StandInEes } from './stand-in-ees';

const root = path.join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command-line tool from the sources, as `npm run <tool> -- …` runs it. */
async function cli(tool: 'events' | 'import', args: string[], ws: Workspace): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: ws.databaseUrl, STORAGE_DIR: ws.storageDir };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `src/cli/${tool}.ts`, ...args], { cwd: root, env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const now = Date.now();
const live = (id: string) => message(id, { receiptDate: iso(now - DAY), expirationDate: iso(now + 365 * DAY) });

describeEachEngine('npm run events (ebox-events)', (engine) => {
  let ws: Workspace;
  let ees: StandInEes;
  before(async () => {
    ws = await workspace(engine);
    ees = await StandInEes.start();
  });
  after(async () => {
    await ees.stop();
    await ws.close();
  });

  it('status: the backlog by type and state, the oldest pending event, the last EES answer and the parked events; retry-failed puts them back', async () => {
    await importData({ ...loadReferences(), messages: ['cli-1', 'cli-2', 'cli-3'].map(live) }, ws.dir, { db: ws.db, blobs: ws.blobs });
    // One delivered, one refused and parked; the third still pending.
    ees.answers.push(201, 400);
    const d = dispatcher(ws.db, ees, { settings: { batchSize: 1 } });
    await d.round();
    await d.round();
    const [, parked, pending] = await outbox(ws.db);

    const status = await cli('events', ['status'], ws);
    expect(status.code, status.stderr).to.equal(0);
    const lines = status.stdout.split('\n');
    expect(lines[1].split(/\s+/)).to.deep.equal(['type', 'pending', 'delivered', 'failed']);
    expect(lines[2].split(/\s+/)).to.deep.equal(['newDocument', '1', '1', '1']);
    expect(lines.slice(3, 6).map((l) => l.split(/\s+/).slice(1))).to.deep.equal(Array(3).fill(['0', '0', '0']));
    expect(lines[6].split(/\s+/)).to.deep.equal(['total', '1', '1', '1']);
    expect(status.stdout).to.match(new RegExp(`oldest pending: #${pending.id} newDocument, queued \\S+ \\(\\d+ s ago\\), 0 attempt\\(s\\), no answer yet`));
    expect(status.stdout).to.match(/last EES answer: \S+ \(\d+ s ago\) to 1 event\(s\): 400 \{"message":"answer 400 chosen by the test","enterpriseId":"\[cbe\]"\}/);
    expect(status.stdout).to.contain(`#${parked.id} newDocument`).and.contain('1 attempt(s), last answer 400');
    expect(status.stdout).not.to.contain('0123456749');

    const retry = await cli('events', ['retry-failed'], ws);
    expect(retry.code, retry.stderr).to.equal(0);
    expect(retry.stdout).to.equal('1 parked event(s) put back in the queue\n');
    expect((await outbox(ws.db)).map((r) => [r.state, r.attempts])).to.deep.equal([
      ['delivered', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(ees.invalid).to.deep.equal([]);
  });
});

describe('npm run import -- --no-events, npm run events -- <nonsense>', () => {
  let ws: Workspace;
  before(async () => (ws = await workspace()));
  after(async () => ws.close());

  it('ebox-events refuses a missing or unknown subcommand with exit status 2', async () => {
    const [none, unknown] = await Promise.all([cli('events', [], ws), cli('events', ['purge'], ws)]);
    expect([none.code, none.stderr]).to.deep.equal([2, 'ebox-events: no subcommand given (status, retry-failed) (see ebox-events --help)\n']);
    expect([unknown.code, unknown.stderr]).to.deep.equal([2, 'ebox-events: unknown subcommand "purge" (status, retry-failed) (see ebox-events --help)\n']);
  });

  it('ebox-import --no-events imports the messages as already notified; they are no news to a later import either', async () => {
    const file = path.join(ws.dir, 'old.json');
    fs.writeFileSync(file, JSON.stringify({ ...loadReferences(), messages: ['old-1', 'old-2'].map(live) }));
    const quiet = await cli('import', ['--no-events', file], ws);
    expect(quiet.code, quiet.stderr).to.equal(0);
    expect(quiet.stdout).to.match(/messages\s+2/);
    expect(await outbox(ws.db)).to.deep.equal([]);
    // The same messages again, and a new one, without the option: only the new one arrives.
    await importData({ ...loadReferences(), messages: ['old-1', 'new-1'].map(live) }, ws.dir, { db: ws.db, blobs: ws.blobs });
    expect((await outbox(ws.db)).map((r) => [r.messageId, r.eventType])).to.deep.equal([['new-1', 'newDocument']]);
    expect(await ws.db('ees_schedule').orderBy(['message_id', 'event_type']).pluck('message_id')).to.deep.equal(['new-1', 'new-1']);
  });
});

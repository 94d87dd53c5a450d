#!/usr/bin/env node
import { loadStoreConfig } from '../config';
import { withDatabase } from '../db/connect';
import {
  backlog,
  EVENT_STATES,
  EVENT_TYPES,
  lastAnswer,
  oldestPending,
  parkedEvents,
  retryFailed,
  type EventSummary,
} from '../db/repositories/outbox';
import { toDateTime } from '../domain/dates';
import { runCommand, UsageError } from './command';

const SUBCOMMANDS = ['status', 'retry-failed'];
/** Parked events listed by `status`, most recent first. */
const PARKED_SHOWN = 10;

/** An instant and how long ago it was, e.g. `2026-11-29T10:00:00Z (3 min ago)`. */
function when(at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  const age = Math.abs(s) < 120 ? `${s} s` : Math.abs(s) < 7200 ? `${Math.round(s / 60)} min` : Math.abs(s) < 172_800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} days`;
  return `${toDateTime(at)} (${s >= 0 ? `${age} ago` : `in ${age.replace('-', '')}`})`;
}

function describe(e: EventSummary, now: number): string {
  const last = e.lastAnswer === null ? 'no answer yet' : `last answer ${e.lastAnswer}`;
  return `#${e.id} ${e.eventType}, queued ${when(e.createdAt, now)}, ${e.attempts} attempt(s), ${last}`;
}

async function status(databaseUrl: string): Promise<void> {
  await withDatabase(databaseUrl, async (db) => {
    const now = Date.now();
    const lines = await backlog(db);
    const count = (type: string, state: string) => lines.find((l) => l.eventType === type && l.state === state)?.count ?? 0;
    const width = Math.max(...EVENT_TYPES.map((t) => t.length));
    const row = (cells: (string | number)[]) => `${String(cells[0]).padEnd(width)}  ${cells.slice(1).map((c) => String(c).padStart(9)).join(' ')}`;
    const out = [`events for the e-Box Event Service in ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}`, row(['type', ...EVENT_STATES])];
    for (const type of EVENT_TYPES) out.push(row([type, ...EVENT_STATES.map((state) => count(type, state))]));
    out.push(row(['total', ...EVENT_STATES.map((state) => lines.filter((l) => l.state === state).reduce((n, l) => n + l.count, 0))]));

    const oldest = await oldestPending(db);
    out.push(`oldest pending: ${oldest ? `${describe(oldest, now)}, next attempt ${when(oldest.nextAttemptAt, now)}` : 'none'}`);
    const last = await lastAnswer(db);
    out.push(`last EES answer: ${last ? `${when(last.at, now)} to ${last.events} event(s): ${last.answer}` : 'none yet'}`);
    const parked = await parkedEvents(db, PARKED_SHOWN);
    if (parked.length > 0) {
      out.push(`parked (failed), most recent first; \`ebox-events retry-failed\` puts them back:`);
      for (const e of parked) out.push(`  ${describe(e, now)}`);
    }
    console.log(out.join('\n'));
  });
}

void runCommand(
  {
    name: 'ebox-events',
    usage: `usage: ebox-events status
       ebox-events retry-failed

The outbox of events for the e-Box Event Service (EES) in the database named
by DATABASE_URL.

  status        the events by type and state, the oldest pending one, the
                last answer of the EES, and the parked (failed) events
  retry-failed  puts the parked events back in the queue: the server sends
                them again at once`,
    options: {},
    positionals: true,
  },
  async ({ positionals }) => {
    if (positionals.length !== 1 || !SUBCOMMANDS.includes(positionals[0])) {
      throw new UsageError(positionals.length === 0 ? 'no subcommand given (status, retry-failed)' : `unknown subcommand "${positionals.join(' ')}" (status, retry-failed)`);
    }
    const { databaseUrl } = loadStoreConfig();
    if (positionals[0] === 'status') {
      await status(databaseUrl);
      return;
    }
    const count = await withDatabase(databaseUrl, (db) => retryFailed(db, Date.now()));
    console.log(`${count} parked event(s) put back in the queue`);
  },
);

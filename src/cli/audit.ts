#!/usr/bin/env node
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { loadStoreConfig } from '../config';
import { withDatabase } from '../db/connect';
import { auditRecords } from '../db/repositories/audit';
import { endOfDay, startOfDay } from '../domain/dates';
import { runCommand, UsageError } from './command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch seconds of a calendar day's bound in Brussels, or a UsageError naming the option. */
function day(option: string, value: string | undefined, bound: (day: string) => number): number {
  if (value === undefined) throw new UsageError(`--${option} is required`);
  const seconds = DAY.test(value) ? bound(value) : NaN;
  if (Number.isNaN(seconds)) throw new UsageError(`--${option} must be a calendar day YYYY-MM-DD, got "${value}"`);
  return seconds;
}

void runCommand(
  {
    name: 'ebox-audit',
    usage: `usage: ebox-audit export --from YYYY-MM-DD --to YYYY-MM-DD [--out <file>]

Writes the audit records of those calendar days (Brussels time, both days
included) as JSON lines, oldest first, for an auditor: to <file>, or to
standard output.`,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    positionals: true,
  },
  async ({ positionals, values }) => {
    if (positionals.length !== 1 || positionals[0] !== 'export') {
      throw new UsageError(positionals.length === 0 ? 'no subcommand given (export)' : `unknown subcommand "${positionals.join(' ')}" (export)`);
    }
    const from = day('from', values.from, startOfDay);
    const to = day('to', values.to, endOfDay);
    // Opened before the database, so that a path that cannot be written fails at once, as an error rather than a stream event.
    const out = values.out ? fs.createWriteStream('', { fd: fs.openSync(values.out, 'w') }) : process.stdout;
    let count = 0;
    try {
      await withDatabase(loadStoreConfig().databaseUrl, async (db) => {
        for await (const record of auditRecords(db, from * 1000, to * 1000)) {
          out.write(JSON.stringify({ ...record, atMicros: undefined }) + '\n');
          count++;
        }
      });
    } finally {
      // The status must not claim success before the file is complete on disk.
      if (out !== process.stdout) await finished(out.end());
    }
    console.error(`${count} audit record(s) from ${values.from} to ${values.to}`);
  },
);

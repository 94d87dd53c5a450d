// npm run audit -- export --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--out <file>]
// Writes the audit records of those calendar days (Brussels time, both days
// included) as JSON lines, oldest first, for an auditor.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { withDatabase } from '../src/db/connect';
import { auditRecords } from '../src/db/repositories/audit';
import { endOfDay, startOfDay } from '../src/domain/dates';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals[0] !== 'export' || !values.from || !values.to || !DAY.test(values.from) || !DAY.test(values.to)) {
    throw new Error('usage: npm run audit -- export --from YYYY-MM-DD --to YYYY-MM-DD [--out file]');
  }
  const from = startOfDay(values.from);
  const to = endOfDay(values.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new Error('--from and --to must be real calendar days');
  const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
  let count = 0;
  try {
    await withDatabase(loadConfig().databaseUrl, async (db) => {
      for await (const record of auditRecords(db, from * 1000, to * 1000)) {
        out.write(JSON.stringify({ ...record, atMicros: undefined }) + '\n');
        count++;
      }
    });
  } finally {
    if (out !== process.stdout) out.end();
  }
  console.error(`${count} audit record(s) from ${values.from} to ${values.to}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

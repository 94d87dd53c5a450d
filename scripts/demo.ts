// npm run demo -- [--if-empty] [--out <dir>] [--seed <n>]
//   (no --out)  generate demo data in a temporary folder and import it into
//               DATABASE_URL / STORAGE_DIR through the importer;
//   --if-empty  do nothing when the database already holds messages;
//   --out <dir> only write the import file and its files into <dir>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../src/blobs/fs-blob-store';
import { loadConfig } from '../src/config';
import { withDatabase } from '../src/db/connect';
import { importFile } from '../src/services/importer';
import { DEMO_EBOXES, generateDemo } from '../src/demo/generate';
import { describeSummary, terminalProgress } from './import';
import { option } from './cli';

async function main(argv: string[]): Promise<void> {
  const out = option(argv, '--out');
  const seedText = option(argv, '--seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed must be an integer');

  if (out) {
    const { file, data } = generateDemo(out, { seed });
    console.log(`wrote ${file}: ${data.senderOrganizations.length} sender organizations, ${data.messages.length} messages`);
    return;
  }

  const config = loadConfig();
  await withDatabase(config.databaseUrl, async (db) => {
    if (argv.includes('--if-empty')) {
      const row = await db('messages').count({ n: '*' }).first();
      const n = Number(row?.n ?? 0);
      if (n > 0) {
        console.log(`database ${config.databaseUrl} already holds ${n} messages: demo data not loaded`);
        return;
      }
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebox-demo-'));
    try {
      const { file } = generateDemo(dir, { seed });
      const summary = await importFile(file, {
        db,
        blobs: new FsBlobStore(config.storageDir),
        onProgress: terminalProgress(process.stderr),
      });
      console.log(`demo data loaded into ${config.databaseUrl} (e-Boxes ${DEMO_EBOXES.join(', ')})\n${describeSummary(summary)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

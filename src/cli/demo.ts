#!/usr/bin/env node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../blobs/fs-blob-store';
import { loadStoreConfig } from '../config';
import { maskDatabaseUrl, withDatabase } from '../db/connect';
import { DEMO_EBOXES, generateDemo } from '../demo/generate';
import { importFile } from '../services/importer';
import { runCommand, UsageError } from './command';
import { describeSummary, terminalProgress } from './import-report';

void runCommand(
  {
    name: 'ebox-demo',
    usage: `usage: ebox-demo [--if-empty] [--seed <n>]
       ebox-demo --out <dir> [--seed <n>]

Generates a deterministic demo data set and loads it through the importer into
DATABASE_URL / STORAGE_DIR.
  --if-empty   do nothing when the database already holds messages
  --out <dir>  only write the import file and its documents into <dir>
  --seed <n>   another data set of the same shape`,
    options: { 'if-empty': { type: 'boolean' }, out: { type: 'string' }, seed: { type: 'string' } },
  },
  async ({ values }) => {
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && (!/^-?\d+$/.test(values.seed ?? "") || !Number.isSafeInteger(seed))) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);

    if (values.out !== undefined) {
      const { file, data } = generateDemo(values.out, { seed });
      console.log(`wrote ${file}: ${data.senderOrganizations.length} sender organizations, ${data.messages.length} messages`);
      return;
    }

    const config = loadStoreConfig();
    await withDatabase(config.databaseUrl, async (db) => {
      if (values['if-empty']) {
        const row = await db('messages').count({ n: '*' }).first();
        const n = Number(row?.n ?? 0);
        if (n > 0) {
          console.log(`database ${maskDatabaseUrl(config.databaseUrl)} already holds ${n} messages: demo data not loaded`);
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
        console.log(`demo data loaded into ${maskDatabaseUrl(config.databaseUrl)} (e-Boxes ${DEMO_EBOXES.join(', ')})\n${describeSummary(summary)}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

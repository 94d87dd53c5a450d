#!/usr/bin/env node
import { FsBlobStore } from '../blobs/fs-blob-store';
import { loadStoreConfig } from '../config';
import { maskDatabaseUrl, withDatabase } from '../db/connect';
import { DatabaseUrlError } from '../db/errors';
import { ImportError, importFile } from '../services/importer';
import { ImportInterruptedError } from '../services/import/batches';
import { EXIT_FAILURE, runCommand, UsageError } from './command';
import { describeSummary, terminalProgress } from './import-report';

void runCommand(
  {
    name: 'ebox-import',
    usage: `usage: ebox-import <file.json>

Loads the reference data and messages of an import file (see README.md) into
the database named by DATABASE_URL, their bytes into STORAGE_DIR. Everything
is checked before anything is written; then messages are committed in
batches of 100, and importing the same file again completes an import that
stopped.`,
    options: {},
    positionals: true,
  },
  async ({ positionals }) => {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no import file given' : 'give one import file');
    const [file] = positionals;
    const config = loadStoreConfig();
    try {
      const summary = await withDatabase(config.databaseUrl, (db) =>
        importFile(file, { db, blobs: new FsBlobStore(config.storageDir), onProgress: terminalProgress(process.stderr) }),
      );
      console.log(`imported ${file} into ${maskDatabaseUrl(config.databaseUrl)}\n${describeSummary(summary)}`);
      return 0;
    } catch (err) {
      // The file's problems, one per line, rather than the one-line failure of other errors.
      if (err instanceof DatabaseUrlError) throw err;
      if (err instanceof ImportError) {
        console.error(`${file}: ${err.message}\nnothing was imported`);
      } else if (err instanceof ImportInterruptedError) {
        console.error(`${file}: ${err.message}`);
      } else {
        console.error(`${file}: import failed, nothing was imported: ${err instanceof Error ? err.message : String(err)}`);
      }
      return EXIT_FAILURE;
    }
  },
);

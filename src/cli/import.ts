#!/usr/bin/env node
import { FsBlobStore } from '../blobs/fs-blob-store';
import { loadStoreConfig } from '../config';
import { maskDatabaseUrl, withDatabase } from '../db/connect';
import { DatabaseUrlError } from '../db/errors';
import { ImportError, importFile, type ImportFormat } from '../services/importer';
import { ImportInterruptedError } from '../services/import/batches';
import { EXIT_FAILURE, runCommand, UsageError } from './command';
import { describeSummary, terminalProgress } from './import-report';


/** The conventional status of a command stopped by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

void runCommand(
  {
    name: 'ebox-import',
    usage: `usage: ebox-import [--format json|ndjson] [--no-events] <file>

Loads the reference data and messages of an import file (see README.md) into
the database named by DATABASE_URL, their bytes into STORAGE_DIR. The file
is JSON (one object of arrays) or NDJSON (*.ndjson, *.jsonl: one object per
line); --format overrides the extension. It is read as a stream, twice: all
of it is checked before anything is written; then messages are committed in
batches sized to a short transaction. Importing the same file again completes an import that
stopped, was interrupted (Ctrl-C stops after the current batch) or killed.
Progress goes to stderr: a bar on a terminal, a line every 5 s otherwise.

Messages new to the database are announced to the e-Box Event Service
(newDocument, then reminders and expiry alerts when due). --no-events imports
them as already notified (a migration of old documents): none of those
events; a first read still sends readDocument.`,
    options: { format: { type: 'string' }, 'no-events': { type: 'boolean' } },
    positionals: true,
  },
  async ({ positionals, values }) => {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no import file given' : 'give one import file');
    const format = values.format;
    if (format !== undefined && format !== 'json' && format !== 'ndjson') throw new UsageError(`--format must be json or ndjson, got "${format}"`);
    const [file] = positionals;
    const config = loadStoreConfig();

    // Ctrl-C (or a TERM from a supervisor) lets the current batch finish and its
    // journal settle; a second one ends the process at once, which the next
    // import cleans up after like a kill.
    const controller = new AbortController();
    const stop = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
      process.stderr.write(`\n${signal}: stopping after the current batch (again to stop at once)\n`);
      controller.abort(new Error(`interrupted by ${signal}`));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      const summary = await withDatabase(config.databaseUrl, (db) =>
        importFile(file, {
          db,
          blobs: new FsBlobStore(config.storageDir),
          storageDir: config.storageDir,
          format: format as ImportFormat | undefined,
          onProgress: terminalProgress(process.stderr),
          signal: controller.signal,
          events: !values['no-events'],
        }),
      );
      const peak = process.resourceUsage().maxRSS / 1024;
      console.log(`imported ${file} into ${maskDatabaseUrl(config.databaseUrl)}\n${describeSummary(summary)}\npeak memory           ${peak.toFixed(0)} MB`);
      return 0;
    } catch (err) {
      const interrupted = controller.signal.aborted;
      // The file's problems, one per line, rather than the one-line failure of other errors.
      if (err instanceof DatabaseUrlError) throw err;
      if (err instanceof ImportError) {
        console.error(`${file}: ${err.message}\nnothing was imported`);
      } else if (err instanceof ImportInterruptedError) {
        console.error(`${file}: ${err.message}`);
      } else {
        console.error(`${file}: import ${interrupted ? 'interrupted' : 'failed'}, nothing was imported: ${err instanceof Error ? err.message : String(err)}`);
      }
      return interrupted ? EXIT_INTERRUPTED : EXIT_FAILURE;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
);

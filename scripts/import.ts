// npm run import -- <file.json>: loads reference data and messages into the
// database named by DATABASE_URL, bytes into STORAGE_DIR. All or nothing.
import { FsBlobStore } from '../src/blobs/fs-blob-store';
import { loadConfig } from '../src/config';
import { withDatabase } from '../src/db/connect';
import { ImportError, importFile, ImportProgress, ImportSummary } from '../src/services/importer';

/** Redraws one status line on a terminal, at most every `every` messages. */
export function terminalProgress(stream: NodeJS.WriteStream, every = 500): (p: ImportProgress) => void {
  if (!stream.isTTY) return () => {};
  return (p) => {
    if (p.phase === 'check') stream.write('checking…\r');
    else if (p.phase === 'write' && (p.done % every === 0 || p.done === p.total)) stream.write(`\x1b[2Kwriting messages ${p.done}/${p.total}\r`);
    else if (p.phase === 'done') stream.write('\x1b[2K');
  };
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

export function describeSummary(s: ImportSummary): string {
  return [
    `sender organizations  ${s.senderOrganizations}`,
    `sender applications   ${s.senderApplications}`,
    `message types         ${s.messageTypes}`,
    `logos                 ${s.logos}`,
    `e-Boxes               ${s.eboxes}`,
    `messages              ${s.messages}`,
    `attachments           ${s.attachments}`,
    `bytes                 ${kilobytes(s.bytesStored)} (${s.blobsCreated} new blobs, ${kilobytes(s.bytesCreated)})`,
    `duration              ${(s.durationMs / 1000).toFixed(2)} s`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file || argv.includes('--help') || argv.includes('-h')) {
    console.error('usage: npm run import -- <file.json>');
    return file ? 0 : 1;
  }
  const config = loadConfig();
  try {
    const summary = await withDatabase(config.databaseUrl, (db) =>
      importFile(file, { db, blobs: new FsBlobStore(config.storageDir), onProgress: terminalProgress(process.stderr) }),
    );
    console.log(`imported ${file} into ${config.databaseUrl}\n${describeSummary(summary)}`);
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(`${file}: ${err.message}\nnothing was imported`);
    } else {
      console.error(`${file}: import failed, nothing was imported: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

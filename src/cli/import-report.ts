import type { ImportProgress, ImportSummary } from '../services/importer';

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

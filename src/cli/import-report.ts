import type { ImportProgress, ImportSummary } from '../services/importer';

/** How often the progress is shown: the bar on a terminal, a log line otherwise. */
export const BAR_INTERVAL_MS = 100;
export const LOG_INTERVAL_MS = 5_000;

export interface ProgressOptions {
  /** Minimum time between two log lines when the stream is not a terminal. */
  logIntervalMs?: number;
  /** Clock, epoch ms. */
  now?: () => number;
}

function seconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(sec).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * What one progress report says: the share done, the count, the rate over the
 * phase so far and the time left at that rate. While checking, the share is
 * the file's bytes read (the number of messages is not known yet); while
 * writing, the messages committed.
 */
export function describeProgress(p: ImportProgress, phaseStartedAt: number, now: number): { fraction: number | undefined; text: string } {
  const elapsed = Math.max(now - phaseStartedAt, 1) / 1000;
  const rate = p.done / elapsed;
  if (p.phase === 'check') {
    const fraction = p.bytesTotal ? (p.bytesRead ?? 0) / p.bytesTotal : undefined;
    const eta = fraction ? (elapsed / fraction) * (1 - fraction) : NaN;
    return {
      fraction,
      text: `checking ${thousands(p.done)} messages, ${thousands(rate)} messages/s${fraction === undefined ? '' : `, ETA ${seconds(eta)}`}`,
    };
  }
  const fraction = p.total > 0 ? p.done / p.total : 1;
  const eta = rate > 0 ? (p.total - p.done) / rate : NaN;
  return { fraction, text: `writing ${thousands(p.done)}/${thousands(p.total)} messages, ${thousands(rate)} messages/s, ETA ${seconds(eta)}` };
}

function bar(fraction: number | undefined, width = 24): string {
  if (fraction === undefined) return '';
  const f = Math.min(Math.max(fraction, 0), 1);
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}% `;
}

/**
 * Shows the progress of an import on `stream`: on a terminal, one line
 * redrawn (a bar, the count, messages/s, ETA) at most every BAR_INTERVAL_MS;
 * otherwise (a log, a pipe) one line every logIntervalMs, so that a long
 * import in a log says how far it is without flooding it.
 */
export function terminalProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, options: ProgressOptions = {}): (p: ImportProgress) => void {
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const interval = tty ? BAR_INTERVAL_MS : (options.logIntervalMs ?? LOG_INTERVAL_MS);
  let phase: ImportProgress['phase'] | undefined;
  let phaseStartedAt = now();
  let shownAt = -Infinity;
  return (p) => {
    const t = now();
    if (p.phase !== phase) {
      phase = p.phase;
      phaseStartedAt = t;
      // Each phase starts its own clock: a log line right at its start would say nothing.
      shownAt = tty ? -Infinity : t;
    }
    if (p.phase === 'done') {
      if (tty) stream.write('\x1b[2K\r');
      return;
    }
    if (t - shownAt < interval) return;
    shownAt = t;
    const { fraction, text } = describeProgress(p, phaseStartedAt, t);
    if (tty) stream.write(`\x1b[2K\r${bar(fraction)}${text}`);
    else stream.write(`ebox-import: ${fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `}${text}\n`);
  };
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

export function describeSummary(s: ImportSummary): string {
  const lines = [
    `sender organizations  ${s.senderOrganizations}`,
    `sender applications   ${s.senderApplications}`,
    `message types         ${s.messageTypes}`,
    `logos                 ${s.logos}`,
    `e-Boxes               ${s.eboxes}`,
    `messages              ${s.messages}`,
    `attachments           ${s.attachments}`,
    `bytes                 ${kilobytes(s.bytesStored)} (${s.blobsCreated} new blobs, ${kilobytes(s.bytesCreated)})`,
    `duration              ${(s.durationMs / 1000).toFixed(2)} s (${thousands(s.messages / Math.max(s.durationMs / 1000, 0.001))} messages/s)`,
  ];
  const r = s.recovered;
  if (r && r.journals > 0) {
    lines.push(`recovered             ${r.journals} killed import${r.journals === 1 ? '' : 's'}: ${r.blobsRemoved} unreferenced blobs and ${r.tmpFilesRemoved} temporary files removed`);
  }
  return lines.join('\n');
}

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { REPO_ROOT, startChild, tempDir, type Child } from './children';

/**
 * POST /publishMessage with large documents (issue 11): the server's memory
 * while it receives them, and its throughput against the floor of writing the
 * same bytes to the same disk with `fs` (flushed, as the server flushes a
 * publication's files before it answers 201).
 */

const MIB = 1024 * 1024;
const CHUNK = 64 * 1024;

export interface UploadShape {
  label: string;
  files: number;
  fileBytes: number;
}

export const UPLOAD_SHAPES: UploadShape[] = [
  { label: '1 × 200 MB document', files: 1, fileBytes: 200 * MIB },
  { label: '6 × 50 MB publication', files: 6, fileBytes: 50 * MIB },
];

export interface UploadReport {
  shape: UploadShape;
  /** MB/s of each run, through the server and to the disk with fs. */
  serverMBps: number[];
  floorMBps: number[];
  /** The server's largest RSS during an upload, less its RSS just before it, in MB. */
  rssGrowthMB: number;
}

/**
 * Distinct bytes per file (the blob store is content-addressed: six equal
 * files would be stored once), produced as they are read from one random
 * block, so that neither side measures the generator nor holds a file whole.
 */
function fileBytes(size: number, fileIndex: number, block: Buffer): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - sent);
      const chunk = Buffer.from(block.subarray(sent % block.length, (sent % block.length) + n));
      chunk.writeUInt32BE(fileIndex, 0);
      chunk.writeUInt32BE(sent / CHUNK, 4);
      sent += n;
      this.push(chunk);
    },
  });
}

function messageToPublish(files: number): string {
  return JSON.stringify({
    recipient: { eboxType: 'enterprise', eboxIdValue: '0123456749' },
    senderOrganizationId: '0206731645',
    senderApplicationId: 'rsz-onss:dmfa',
    messageTypeId: 'DmfaAcknowledgement',
    subject: { fr: 'Grand document', nl: 'Groot document' },
    bodyMainContent: false,
    replyAuthorized: false,
    attachments: Array.from({ length: files }, (_, i) => ({ httpPartName: `upfile${i + 1}`, mainContent: i === 0, attachmentSigned: false })),
  });
}

/** The multipart body, messageToPublish first (a curl -F order), streamed. */
function multipart(shape: UploadShape, block: Buffer, boundary: string): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="messageToPublish"\r\nContent-Type: application/json\r\n\r\n${messageToPublish(shape.files)}`);
      for (let i = 0; i < shape.files; i++) {
        yield Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="upfile${i + 1}"; filename="document-${i + 1}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
        for await (const chunk of fileBytes(shape.fileBytes, i, block)) yield chunk as Buffer;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
}

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function upload(server: Child, shape: UploadShape, block: Buffer): Promise<{ seconds: number; peakRssMB: number }> {
  const boundary = `bench-${crypto.randomUUID()}`;
  let peak = rssMB(server.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMB(server.pid))), 20);
  const started = process.hrtime.bigint();
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(new URL('/publishMessage', server.url), {
        method: 'POST',
        headers: { Authorization: 'Bearer dev.0206731645.publicationsender', 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => (res.statusCode === 201 ? resolve(201) : reject(new Error(`publishMessage answered ${res.statusCode}: ${text}`))));
      });
      req.on('error', reject);
      multipart(shape, block, boundary).pipe(req);
    });
    if (status !== 201) throw new Error('not published');
  } finally {
    clearInterval(sampler);
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMB: peak };
}

async function floor(dir: string, shape: UploadShape, block: Buffer): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < shape.files; i++) {
    const file = path.join(dir, `floor-${i}`);
    await pipeline(fileBytes(shape.fileBytes, i, block), fs.createWriteStream(file, { flush: true }));
    fs.rmSync(file);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Serves the demo data set with limits raised for these sizes, and publishes each shape `runs` times, alternating with the floor. */
export async function runPublicationBench(runs: number, print: (line: string) => void): Promise<UploadReport[]> {
  const dir = tempDir('ebox-bench-publication-');
  const env = {
    ...process.env,
    DATABASE_URL: path.join(dir, 'ebox.sqlite'),
    STORAGE_DIR: path.join(dir, 'blobs'),
    AUTH_MODE: 'dev',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PUBLICATION_MAX_FILE_BYTES: String(256 * MIB),
    PUBLICATION_MAX_TOTAL_BYTES: String(512 * MIB),
    REQUEST_TIMEOUT_MS: '600000',
  };
  // The demo's reference data hold the sender, application and message type published as.
  const demo = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`the demo data could not be loaded:\n${demo.stderr}`);
  const server = await startChild('scripts/bench/serve-real.ts', { env });
  const block = crypto.randomBytes(4 * MIB);
  const reports: UploadReport[] = [];
  try {
    for (const shape of UPLOAD_SHAPES) {
      const total = shape.files * shape.fileBytes;
      const report: UploadReport = { shape, serverMBps: [], floorMBps: [], rssGrowthMB: 0 };
      for (let run = 0; run < runs; run++) {
        const before = rssMB(server.pid);
        const { seconds, peakRssMB } = await upload(server, shape, block);
        report.serverMBps.push(total / MIB / seconds);
        report.rssGrowthMB = Math.max(report.rssGrowthMB, peakRssMB - before);
        report.floorMBps.push(total / MIB / (await floor(dir, shape, block)));
      }
      print(describeUpload(report));
      reports.push(report);
    }
  } finally {
    await server.stop();
  }
  return reports;
}

export function describeUpload(r: UploadReport): string {
  const server = median(r.serverMBps);
  const base = median(r.floorMBps);
  return (
    `${r.shape.label.padEnd(24)} server ${server.toFixed(0).padStart(4)} MB/s, fs floor ${base.toFixed(0).padStart(4)} MB/s, ` +
    `×floor ${(server / base).toFixed(2)} (median of ${r.serverMBps.length}); server RSS growth ${r.rssGrowthMB.toFixed(1)} MB`
  );
}

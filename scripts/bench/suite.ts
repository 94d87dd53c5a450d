import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Recording } from './baseline-server';
import { keepDir, removeDir, startChild, tempDir, type Child } from './children';
import { buildDataset } from './dataset';
import { LoadError, measure, type LoadResult } from './load';
import { caseHeader, describeCase, describeDataset, describeNeedles, type CaseReport, type NeedleReport, type SizeReport } from './report';

/** One data-set size: build it, serve it, drive every case, tear it down. */

export interface SizeSpec {
  messages: number;
  eboxes: number;
  big: number;
}

export interface RunOptions {
  durationS: number;
  warmupS: number;
  timeoutS: number;
  connections: number;
  /** Also measure the list and reference-data cases with LOG_LEVEL=info. */
  infoLogs: boolean;
  /** Leave the temporary folder (database, blobs, logs) in place and print its path. */
  keep: boolean;
  seed?: number;
  print(line: string): void;
  /** Progress on a terminal; may be a no-op. */
  status(line: string): void;
}

// Substrings of what the French-speaking user sees, from the broadest (the period
// value of every message) to the narrowest (a name in forTheAttentionOf).
export const NEEDLES = ['trimes', 'onss', 'tva', 'cotis', 'dimona', 'peeter'];
const MESSAGE_TYPE = 'SocialContributionsStatement';
// Headers the transport sets on every response by itself; the baseline's node:http adds its own.
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function getOk(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await get(url, headers);
  if (res.status !== 200) throw new LoadError(`GET ${url} answered ${res.status}: ${res.body.toString('utf8').slice(0, 500)}`);
  return res;
}

/** The answer of the real server, to be replayed byte for byte by the baseline. */
async function record(origin: string, urlPath: string, headers: Record<string, string>): Promise<Recording[string]> {
  const res = await getOk(origin + urlPath, headers);
  const kept: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) kept[name] = value;
  });
  if (Number(kept['content-length']) !== res.body.length) throw new Error(`GET ${urlPath}: content-length ${kept['content-length']} for ${res.body.length} bytes`);
  return { status: res.status, headers: kept, bodyBase64: res.body.toString('base64') };
}

/** items and totalItems of each needle; throws when one matches nothing, since the case would then measure empty pages. */
async function countNeedles(origin: string, headers: Record<string, string>): Promise<NeedleReport[]> {
  const out: NeedleReport[] = [];
  for (const needle of NEEDLES) {
    const page = JSON.parse((await getOk(origin + searchPath(needle), headers)).body.toString('utf8')) as { items: unknown[]; totalItems: number };
    out.push({ needle, items: page.items.length, totalItems: page.totalItems, medianMs: NaN });
  }
  const empty = out.filter((n) => n.totalItems === 0);
  if (empty.length > 0) throw new LoadError(`search needles matching nothing: ${empty.map((n) => n.needle).join(', ')}`);
  return out;
}

/** Each needle alone, one request at a time, on a warm server: the cost of each query shape. */
async function timeNeedles(origin: string, headers: Record<string, string>, needles: NeedleReport[]): Promise<void> {
  for (const n of needles) {
    const times: number[] = [];
    const until = performance.now() + 3_000;
    while (times.length < 5 || (times.length < 25 && performance.now() < until)) {
      const t = performance.now();
      await getOk(origin + searchPath(n.needle), headers);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    n.medianMs = times[Math.floor(times.length / 2)];
  }
}

const searchPath = (needle: string) => `/ebox/messages?pageSize=25&q=${encodeURIComponent(needle)}&qlang=fr`;

function serverEnv(dataset: { databaseUrl: string; storageDir: string }, logLevel: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dataset.databaseUrl,
    STORAGE_DIR: dataset.storageDir,
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_MODE: 'dev',
    LOG_LEVEL: logLevel,
  };
  for (const name of ['NODE_ENV', 'BASE_PATH', 'PUBLIC_BASE_URL', 'CORS_ORIGINS']) delete env[name];
  return env;
}

export async function runSize(spec: SizeSpec, options: RunOptions): Promise<SizeReport> {
  const { print } = options;
  const dir = tempDir('ebox-bench-');
  const started = performance.now();
  const dataset = await buildDataset({
    dir,
    ...spec,
    seed: options.seed,
    onProgress: (phase, done, total) => options.status(`${phase === 'write' ? 'writing messages' : 'indexing for search'} ${done}/${total}`),
  });
  const buildMs = performance.now() - started;
  options.status('');
  print(describeDataset(dataset, buildMs));

  const serverScript = path.join(__dirname, 'serve-real.ts');
  const auth = { Authorization: `Bearer dev.${dataset.bigEboxId}` };
  const load = (url: string, paths: string[]): Promise<LoadResult> =>
    measure({ url, paths, headers: auth, connections: options.connections, durationS: options.durationS, warmupS: options.warmupS, timeoutS: options.timeoutS });
  const children: Child[] = [];
  const cases: CaseReport[] = [];
  let logBytesPerRequest: number | undefined;
  let needles: NeedleReport[] | undefined;
  try {
    const warnLog = path.join(dir, 'server-warn.log');
    const real = await startChild(serverScript, { env: serverEnv(dataset, 'warn'), stdoutFile: warnLog });
    children.push(real);

    const listPath = '/ebox/messages?pageSize=25';
    const typePath = `/referenceData/messageTypes/${MESSAGE_TYPE}`;
    const { messageId, attachmentId } = dataset.largeAttachment;
    const contentPath = `/ebox/messages/${messageId}/attachments/${encodeURIComponent(attachmentId)}/content`;
    const recording: Recording = {
      [listPath]: await record(real.url, listPath, auth),
      [typePath]: await record(real.url, typePath, auth),
    };
    const list = JSON.parse(Buffer.from(recording[listPath].bodyBase64, 'base64').toString('utf8')) as { items: unknown[]; totalItems: number };
    print(`list of the large e-Box: items ${list.items.length} / totalItems ${list.totalItems}`);
    const content = await getOk(real.url + contentPath, auth);
    if (content.body.length !== dataset.largeAttachment.sizeBytes) throw new Error(`attachment content: ${content.body.length} bytes, expected ${dataset.largeAttachment.sizeBytes}`);

    needles = await countNeedles(real.url, auth);

    const recordingFile = path.join(dir, 'baseline-recording.json');
    fs.writeFileSync(recordingFile, JSON.stringify(recording));
    const baseline = await startChild(path.join(__dirname, 'baseline-server.ts'), { args: [recordingFile] });
    children.push(baseline);

    print(`load: ${options.connections} connections, ${options.warmupS} s warm-up, ${options.durationS} s measured per case, ${options.timeoutS} s timeout; server LOG_LEVEL=warn`);
    print(caseHeader());
    const run = async (key: string, title: string, paths: string[], withBaseline: boolean) => {
      options.status(`measuring ${title}…`);
      const result: CaseReport = { key, title, real: await load(real.url, paths) };
      if (withBaseline) {
        options.status(`measuring ${title} (baseline)…`);
        result.baseline = await load(baseline.url, paths);
      }
      options.status('');
      cases.push(result);
      print(describeCase(result));
    };
    await run('list', '(1) list pageSize=25', [listPath], true);
    await run('search', `(2) search q=<${NEEDLES.length} needles>&qlang=fr`, needles.map((n) => searchPath(n.needle)), false);
    await run('messageType', '(3) messageTypes/{id}', [typePath], true);
    await run('content', `(4) attachment content ${(dataset.largeAttachment.sizeBytes / 1e6).toFixed(1)} MB`, [contentPath], false);
    options.status('timing each search needle alone…');
    await timeNeedles(real.url, auth, needles);
    options.status('');
    print(describeNeedles(needles));
    if (fs.readFileSync(warnLog, 'utf8').trim() !== '') print(`server logged at warn level or above: see ${warnLog}\n${fs.readFileSync(warnLog, 'utf8').slice(0, 2000)}`);

    if (options.infoLogs) {
      await real.stop();
      const infoLog = path.join(dir, 'server-info.log');
      const info = await startChild(serverScript, { env: serverEnv(dataset, 'info'), stdoutFile: infoLog });
      children.push(info);
      print('same server with LOG_LEVEL=info (one JSON line per request, to a file):');
      for (const [key, title, urlPath] of [
        ['list-info', '(1) list, LOG_LEVEL=info', listPath],
        ['messageType-info', '(3) messageTypes/{id}, LOG_LEVEL=info', typePath],
      ]) {
        options.status(`measuring ${title}…`);
        const before = fs.statSync(infoLog).size;
        const result: CaseReport = { key, title, real: await load(info.url, [urlPath]) };
        result.baseline = cases.find((c) => c.key === key.replace('-info', ''))?.baseline;
        const logged = fs.readFileSync(infoLog).subarray(before);
        logBytesPerRequest = logged.length / Math.max(1, logged.filter((b) => b === 0x0a).length);
        options.status('');
        cases.push(result);
        print(describeCase(result));
      }
      print(`info log: about ${Math.round(logBytesPerRequest ?? 0)} bytes per request`);
    }
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
    if (options.keep) {
      keepDir(dir);
      print(`kept ${dir}`);
    } else {
      removeDir(dir);
    }
  }
  return { dataset, buildMs, needles: needles ?? [], cases, logBytesPerRequest };
}

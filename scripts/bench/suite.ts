import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Recording } from './baseline-server';
import { keepDir, removeDir, startChild, tempDir, type Child } from './children';
import { buildDataset, type Dataset, type EngineName } from './dataset';
import { LoadError, measure, sequential, type LoadResult, type SequentialResult } from './load';
import { caseHeader, describeCase, describeDataset, describeShapes, type CaseReport, type ShapeReport, type SizeReport } from './report';

/** One data-set size: build it, serve it, drive every case, tear it down. */

export interface SizeSpec {
  messages: number;
  eboxes: number;
  big: number;
}

export interface RunOptions {
  engine: EngineName;
  /** PostgreSQL: admin connection that creates and drops the bench database. */
  postgresAdminUrl?: string;
  durationS: number;
  /** One connection, one request at a time: at least this many requests per shape… */
  sequentialRequests: number;
  /** …and more for up to this many seconds. */
  sequentialS: number;
  warmupS: number;
  timeoutS: number;
  connections: number;
  /** Also measure the list and reference-data cases with LOG_LEVEL=info. */
  infoLogs: boolean;
  /** Leave the temporary folder (database, blobs, logs) in place and print its path. */
  keep: boolean;
  /** A folder kept by an earlier run: measure its data set again instead of building one (the import figures are that run's). */
  reuse?: string;
  seed?: number;
  print(line: string): void;
  /** Progress on a terminal; may be a no-op. */
  status(line: string): void;
}

// Substrings of what the French-speaking user sees, from the broadest (the period
// value of every message) to the narrowest (a name in forTheAttentionOf); the
// mix of case (2) under load.
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
async function record(origin: string, urlPath: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; bodyBase64: string }> {
  const res = await getOk(origin + urlPath, headers);
  const kept: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) kept[name] = value;
  });
  if (Number(kept['content-length']) !== res.body.length) throw new Error(`GET ${urlPath}: content-length ${kept['content-length']} for ${res.body.length} bytes`);
  return { status: res.status, headers: kept, bodyBase64: res.body.toString('base64') };
}

const searchPath = (needle: string) => `/ebox/messages?pageSize=25&q=${encodeURIComponent(needle)}&qlang=fr`;

/** A Brussels calendar day `days` before `now`, as the list's date criteria take it. */
const dayBefore = (now: number, days: number) => new Date(now - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The query shapes of issue 9, each requested alone, one at a time: search
 * needles by share of the large e-Box they match, then list shapes. `expect`
 * says what totalItems must be for the shape to mean what its name says
 * (checked before timing, so that a data set that drifted fails loudly).
 */
function shapes(dataset: { messages: number; big: number; uniqueDossier: string }, now: number): { key: string; title: string; path: string; expect: (total: number, big: number) => boolean }[] {
  const serial = dataset.uniqueDossier.split('-').pop() ?? '';
  const list = '/ebox/messages?pageSize=25';
  const deepPage = Math.max(1, Math.ceil(dataset.big / 25) - 1);
  return [
    { key: 'q-all', title: 'q every message (trimes)', path: searchPath('trimes'), expect: (t, b) => t > 0.9 * b },
    { key: 'q-10', title: 'q ~10 % (dimona)', path: searchPath('dimona'), expect: (t, b) => t > 0.05 * b && t < 0.2 * b },
    { key: 'q-1', title: 'q ~1 % (peeter)', path: searchPath('peeter'), expect: (t, b) => t > 0.003 * b && t < 0.03 * b },
    { key: 'q-one', title: 'q one message (dossier serial)', path: searchPath(serial), expect: (t) => t === 1 },
    { key: 'q-none', title: 'q no message (xylophone)', path: searchPath('xylophone'), expect: (t) => t === 0 },
    { key: 'q-accent', title: 'q accent-insensitive (PECULE)', path: searchPath('PECULE'), expect: (t, b) => t > 0.05 * b && t < 0.2 * b },
    { key: 'q-dossier', title: 'q dossier fragment (2025-471)', path: searchPath('2025-471'), expect: (t) => t >= 1 },
    { key: 'list', title: 'list pageSize=25', path: list, expect: (t, b) => t === b },
    { key: 'deep', title: `list deep page (page=${deepPage})`, path: `${list}&page=${deepPage}`, expect: (t, b) => t === b },
    {
      key: 'criteria-type-dates',
      title: 'list messageTypeId + received range',
      path: `${list}&messageTypeId=${MESSAGE_TYPE}&receivedAfter=${dayBefore(now, 400)}&receivedBefore=${dayBefore(now, 100)}`,
      expect: (t) => t >= 1,
    },
    { key: 'criteria-unread-visible', title: 'list readStatus=false + visible=true', path: `${list}&readStatus=false&visible=true`, expect: (t) => t >= 1 },
    {
      key: 'criteria-org-q',
      title: 'list senderOrganizationId + q (cotis)',
      path: `${list}&senderOrganizationId=0206731645&q=cotis&qlang=fr`,
      expect: (t) => t >= 1,
    },
    { key: 'summary', title: 'summary GET /ebox', path: '/ebox', expect: () => true },
  ];
}

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

/** What a kept folder holds about its data set, so that `--reuse` measures it again without importing. */
const DATASET_FILE = 'dataset.json';

type KeptDataset = Omit<Dataset, 'drop' | 'keep'> & { now: number; buildMs: number };

/** The data set of a folder kept by an earlier run (`--keep`); it stays in place, database included. */
function reusedDataset(dir: string): { dataset: Dataset; now: number; buildMs: number } {
  const file = path.join(dir, DATASET_FILE);
  if (!fs.existsSync(file)) throw new Error(`${dir} holds no ${DATASET_FILE}: not a folder kept by npm run bench -- --keep`);
  const { now, buildMs, ...kept } = JSON.parse(fs.readFileSync(file, 'utf8')) as KeptDataset;
  return { dataset: { ...kept, drop: async () => {}, keep: () => {} }, now, buildMs };
}

/** The size and engine of a kept data set, for the run's headings. */
export function keptSpec(dir: string): SizeSpec & { engine: EngineName } {
  const { dataset } = reusedDataset(dir);
  return { messages: dataset.messages, eboxes: dataset.eboxes, big: dataset.big, engine: dataset.engine };
}

export async function runSize(spec: SizeSpec, options: RunOptions): Promise<SizeReport> {
  const { print } = options;
  let dir: string;
  let dataset: Dataset;
  let now: number;
  let buildMs: number;
  if (options.reuse !== undefined) {
    dir = options.reuse;
    ({ dataset, now, buildMs } = reusedDataset(dir));
  } else {
    dir = tempDir('ebox-bench-');
    const started = performance.now();
    now = Date.now();
    dataset = await buildDataset({
      dir,
      ...spec,
      engine: options.engine,
      postgresAdminUrl: options.postgresAdminUrl,
      seed: options.seed,
      now,
      onProgress: (line) => options.status(line),
    });
    buildMs = performance.now() - started;
    const kept: KeptDataset = { ...dataset, now, buildMs };
    fs.writeFileSync(path.join(dir, DATASET_FILE), JSON.stringify(kept));
  }
  options.status('');
  print(describeDataset(dataset, buildMs));

  const serverScript = path.join(__dirname, 'serve-real.ts');
  const auth = { Authorization: `Bearer dev.${dataset.bigEboxId}` };
  const load = (url: string, paths: string[]): Promise<LoadResult> =>
    measure({ url, paths, headers: auth, connections: options.connections, durationS: options.durationS, warmupS: options.warmupS, timeoutS: options.timeoutS });
  const children: Child[] = [];
  const cases: CaseReport[] = [];
  let logBytesPerRequest: number | undefined;
  let sequentialFloor: SequentialResult | undefined;
  const shapeReports: ShapeReport[] = [];
  try {
    const warnLog = path.join(dir, 'server-warn.log');
    const real = await startChild(serverScript, { env: serverEnv(dataset, 'warn'), stdoutFile: warnLog });
    children.push(real);

    const listPath = '/ebox/messages?pageSize=25';
    const typePath = `/referenceData/messageTypes/${MESSAGE_TYPE}`;
    const { messageId, attachmentId } = dataset.largeAttachment;
    const contentPath = `/ebox/messages/${messageId}/attachments/${encodeURIComponent(attachmentId)}/content`;
    const contentRecorded = await record(real.url, contentPath, auth);
    const recording: Recording = {
      [listPath]: await record(real.url, listPath, auth),
      [typePath]: await record(real.url, typePath, auth),
      // The floor of (4) streams the very file that was imported, under the real server's headers.
      [contentPath]: { status: contentRecorded.status, headers: contentRecorded.headers, file: dataset.largeAttachment.file },
    };
    const list = JSON.parse(Buffer.from((recording[listPath] as { bodyBase64: string }).bodyBase64, 'base64').toString('utf8')) as { items: unknown[]; totalItems: number };
    print(`list of the large e-Box: items ${list.items.length} / totalItems ${list.totalItems}`);
    if (!fs.readFileSync(dataset.largeAttachment.file).equals(Buffer.from(contentRecorded.bodyBase64, 'base64'))) throw new Error('attachment content differs from the imported file');

    // Each shape's totalItems first: a shape that does not match what its name says fails the run.
    const plan = shapes(dataset, now);
    for (const shape of plan) {
      const body = JSON.parse((await getOk(real.url + shape.path, auth)).body.toString('utf8')) as { items?: unknown[]; totalItems?: number; numberOfMessages?: number };
      const total = body.totalItems ?? body.numberOfMessages ?? 0;
      if (!shape.expect(total, dataset.big)) throw new LoadError(`${shape.title}: totalItems ${total} in an e-Box of ${dataset.big}, not what the shape means`);
      shapeReports.push({ key: shape.key, title: shape.title, items: body.items?.length, totalItems: total, timing: undefined });
    }

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
    await run('search', `(2) search q=<${NEEDLES.length} needles>&qlang=fr`, NEEDLES.map(searchPath), false);
    await run('messageType', '(3) messageTypes/{id}', [typePath], true);
    await run('content', `(4) attachment content ${(dataset.largeAttachment.sizeBytes / 1e6).toFixed(1)} MB`, [contentPath], true);
    for (const [n, shape] of plan.entries()) {
      options.status(`one connection: ${shape.title}…`);
      shapeReports[n].timing = await sequential(real.url + shape.path, auth, options.sequentialRequests, options.sequentialS);
    }
    // The same client against the floor: what of a shape's tail is the client's and the machine's.
    options.status('one connection: floor…');
    sequentialFloor = await sequential(baseline.url + listPath, auth, options.sequentialRequests, options.sequentialS);
    options.status('');
    print(describeShapes(shapeReports, sequentialFloor));
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
    if (options.reuse !== undefined) {
      print(`measured again: ${dir}`);
    } else if (options.keep) {
      keepDir(dir);
      dataset.keep();
      print(`kept ${dir}${dataset.engine === 'postgres' ? ` and ${dataset.databaseUrl}` : ''}`);
    } else {
      removeDir(dir);
      await dataset.drop();
    }
  }
  return { dataset, buildMs, shapes: shapeReports, cases, logBytesPerRequest, sequentialFloor };
}

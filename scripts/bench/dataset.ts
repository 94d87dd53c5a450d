import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import { connect } from '../../src/db/connect';
import { storageFootprint, type StorageObject } from '../../src/db/footprint';
import { applicationOf, applications, messageTypes, organizationOf, organizations, people, periodWord, validityMs, withCheck, type Lang, type Translated } from '../../src/demo/catalog';
import { pdf, png } from '../../src/demo/files';
import { prng } from '../../src/demo/generate';
import { onCleanUp, REPO_ROOT } from './children';

/**
 * The benchmark data set, loaded the way a Document Provider is loaded: an
 * NDJSON import file written here, then `ebox-import --no-events` in a child
 * process, on SQLite or PostgreSQL alike. The import's own summary gives its
 * throughput and peak memory, which the benchmark reports too.
 */

export type EngineName = 'sqlite' | 'postgres';

export interface DatasetOptions {
  /** Created if needed; receives the import file, the SQLite file (on SQLite) and blobs/. */
  dir: string;
  engine: EngineName;
  /** PostgreSQL: the admin connection that creates (and at clean-up drops) the bench database. */
  postgresAdminUrl?: string;
  messages: number;
  eboxes: number;
  /** Messages of the one large e-Box (the first). */
  big: number;
  seed?: number;
  /** Dates are relative to it; epoch ms. */
  now?: number;
  onProgress?: (line: string) => void;
}

export interface ImportFigures {
  /** Wall time of the import command, start to exit. */
  durationMs: number;
  /** As the import reported it (its own clock, without process start-up). */
  messagesPerS: number;
  peakRssMb: number;
  fileBytes: number;
}

export interface Dataset {
  engine: EngineName;
  databaseUrl: string;
  storageDir: string;
  messages: number;
  eboxes: number;
  big: number;
  bigEboxId: string;
  messageTypeIds: string[];
  /** The 1 MiB PDF in the large e-Box, and its file as imported (the node:http floor streams that file). */
  largeAttachment: { messageId: string; attachmentId: string; sizeBytes: number; file: string };
  /** A message of the large e-Box that no other message shares its dossier number with. */
  uniqueDossier: string;
  generateMs: number;
  import: ImportFigures;
  /** Tables and indexes, largest first, bytes beside the blobs. */
  objects: StorageObject[];
  databaseBytes: number;
  /** Removes the PostgreSQL database (the folder holds the rest). */
  drop(): Promise<void>;
  /** Leaves the PostgreSQL database in place when the run ends (--keep). */
  keep(): void;
}

const DAY = 86_400_000;
const LANGS: Lang[] = ['nl', 'fr', 'de'];
export const LARGE_PDF_BYTES = 1024 * 1024;
export const DEFAULT_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A ten-digit CBE number starting with 0, with valid check digits; index 0 is the large e-Box. */
export function eboxIdAt(index: number): string {
  return withCheck('0' + String(4_000_000 + index).padStart(7, '0'));
}

/** Message i belongs to the large e-Box when it is one of `big` evenly spread over `total`. */
function inBigEbox(i: number, total: number, big: number): boolean {
  return Math.floor(((i + 1) * big) / total) > Math.floor((i * big) / total);
}

function uuidFor(seed: number, i: number): string {
  const h = crypto.createHash('sha1').update(`${seed}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function only(t: Translated, langs: Lang[]): Translated {
  const out: Translated = {};
  for (const l of langs) if (t[l] !== undefined) out[l] = t[l];
  return out;
}

function euro(amount: number): Translated {
  const s = amount.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+,)/g, '.');
  return { nl: `€ ${s}`, fr: `${s} €`, de: `${s} €` };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A valid PDF of at least `bytes` bytes: a statement with many lines. */
function largePdf(bytes: number): Buffer {
  const line = (n: number) => `${String(n).padStart(6, '0')}  Boeking / Écriture / Buchung  ${(n * 37.13).toFixed(2)} EUR  referentie ${n * 7919}`;
  let count = Math.ceil(bytes / 125);
  for (;;) {
    const doc = pdf('Jaarrekening 2025 / Comptes annuels 2025', Array.from({ length: count }, (_, n) => line(n + 1)));
    if (doc.length >= bytes) return doc;
    count = Math.ceil((count * bytes) / doc.length) + 1;
  }
}

/** Writes through a stream, waiting when its buffer is full: a million lines in bounded memory. */
class LineWriter {
  private readonly out: fs.WriteStream;
  constructor(file: string) {
    this.out = fs.createWriteStream(file);
  }
  async line(record: unknown): Promise<void> {
    if (!this.out.write(JSON.stringify(record) + '\n')) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

function checkShape({ messages: total, eboxes, big }: DatasetOptions): void {
  if (!Number.isInteger(total) || total < 1) throw new Error('messages must be a positive integer');
  if (!Number.isInteger(eboxes) || eboxes < 1) throw new Error('eboxes must be a positive integer');
  if (!Number.isInteger(big) || big < 1 || big > total) throw new Error('big must be between 1 and messages');
  if (eboxes === 1 && big !== total) throw new Error('with one e-Box, big must equal messages');
  if (eboxes > 1 && big === total) throw new Error('big = messages leaves the other e-Boxes empty');
  if (eboxes - 1 > total - big) throw new Error('fewer messages than e-Boxes: some would stay empty');
}

interface ImportFile {
  file: string;
  largeAttachment: Dataset['largeAttachment'];
  uniqueDossier: string;
}

/** The NDJSON import file of the data set and the documents it names (contentFile). */
async function writeImportFile(options: DatasetOptions, importDir: string): Promise<ImportFile> {
  const { messages: total, eboxes, big } = options;
  const seed = options.seed ?? 20261121;
  const now = options.now ?? Date.now();
  const rnd = prng(seed);
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  fs.mkdirSync(path.join(importDir, 'files'), { recursive: true });
  const writeFile = (name: string, bytes: Buffer): string => {
    fs.writeFileSync(path.join(importDir, 'files', name), bytes);
    return `files/${name}`;
  };

  // A few distinct small documents, shared by every message: the store keeps identical bytes once.
  const templates = new Map<string, string>();
  for (const type of messageTypes) {
    const lines = [`${type.name.nl ?? ''} / ${type.name.fr ?? ''}`, 'Dossier: zie onderwerp / voir objet', 'Document officiel - officieel document'];
    templates.set(type.id, writeFile(`${type.id}.pdf`, pdf(type.name.fr ?? type.id, lines)));
  }
  const annexes = Array.from({ length: 3 }, (_, n) => {
    const rows = ['period;amount;currency', ...Array.from({ length: 3 + n }, (_, r) => `${r + 1};${(1234.5 / (r + 2 + n)).toFixed(2)};EUR`)];
    return { fileName: `details-${n + 1}.csv`, contentFile: writeFile(`details-${n + 1}.csv`, Buffer.from(rows.join('\r\n') + '\r\n')) };
  });
  const readme = writeFile('lisezmoi-leesmij.txt', Buffer.from('NL: Bewaar dit bericht.\nFR: Conservez ce message.\nDE: Bewahren Sie diese Nachricht auf.\n'));
  const largeBytes = largePdf(LARGE_PDF_BYTES);
  const large = writeFile('Jaarrekening_Comptes_annuels_2025.pdf', largeBytes);

  const file = path.join(importDir, 'bench.ndjson');
  const out = new LineWriter(file);
  for (const o of organizations) {
    await out.line({
      senderOrganization: {
        organizationId: o.id,
        organizationShortName: o.short,
        organizationLongName: o.long,
        senderApplicationIds: applications.filter((a) => a.organization === o.id).map((a) => a.id),
        messageTypeIds: messageTypes.filter((t) => applicationOf(t).organization === o.id).map((t) => t.id),
        organizationLogos: [{ imageId: `${o.id}-png`, mediaType: 'image/png', content: png(48, o.colour).toString('base64') }],
      },
    });
  }
  for (const a of applications) {
    await out.line({
      senderApplication: {
        applicationId: a.id,
        applicationName: a.name,
        applicationDescription: a.description,
        senderOrganizationIds: [a.organization],
        messageTypeIds: messageTypes.filter((t) => t.application === a.id).map((t) => t.id),
      },
    });
  }
  for (const t of messageTypes) {
    await out.line({
      messageType: {
        messageTypeId: t.id,
        messageTypeName: t.name,
        messageTypeDescription: t.description,
        validityPeriod: t.validity,
        senderOrganizationIds: [applicationOf(t).organization],
        senderApplicationIds: [t.application],
      },
    });
  }

  const bigEboxId = eboxIdAt(0);
  let largeAttachment: Dataset['largeAttachment'] | undefined;
  let uniqueDossier: string | undefined;
  let nextSmall = 0;
  const span = 730 * DAY;
  for (let i = 0; i < total; i++) {
    // Messages arrive in time order over two years, the large e-Box's spread among the others'.
    const inBig = inBigEbox(i, total, big);
    const eboxId = inBig ? bigEboxId : eboxIdAt(1 + (nextSmall++ % (eboxes - 1)));
    const messageId = uuidFor(seed, i);
    const type = pick(messageTypes);
    const app = applicationOf(type);
    const org = organizationOf(type);
    const receiptAt = Math.floor(now - span + ((i + rnd()) * span) / total);
    const ageDays = (now - receiptAt) / DAY;
    const year = new Date(receiptAt).getUTCFullYear();
    // Dossier numbers repeat across a million messages; the large e-Box's last one gets a serial of its own.
    const last = i === total - 1;
    const serial = last ? '9999999' : String(10000 + Math.floor(rnd() * 89999));
    const dossier = `${type.id.replace(/[a-z]/g, '')}-${year}-${serial}`;
    if (last) uniqueDossier = dossier;

    // Most subjects in every language of the sender, some in one language only.
    const senderLangs = LANGS.filter((l) => org.short[l] !== undefined);
    const r = rnd();
    const langs = r < 0.08 ? ['nl' as Lang] : r < 0.14 ? ['fr' as Lang] : r < 0.16 ? ['de' as Lang] : senderLangs;
    const usable = langs.filter((l) => type.name[l] !== undefined);
    const subjectLangs = usable.length > 0 ? usable : senderLangs;
    const subject: Translated = {};
    for (const l of subjectLangs) subject[l] = `${type.name[l]} ${dossier}`;

    const quarter = `${year}/${Math.floor(new Date(receiptAt).getUTCMonth() / 3) + 1}`;
    const amount = Math.round(between(80, 25000) * 100) / 100;
    const businessDataList: Record<string, unknown>[] = [
      { key: 'dossierNumber', name: { nl: 'Dossiernummer', fr: 'Numéro de dossier', de: 'Aktenzeichen' }, values: [{ nl: dossier, fr: dossier, de: dossier }] },
      { key: 'period', name: { nl: 'Periode', fr: 'Période', de: 'Zeitraum' }, values: [{ nl: `${periodWord.nl} ${quarter}`, fr: `${periodWord.fr} ${quarter}`, de: `${periodWord.de} ${quarter}` }] },
    ];
    if (type.payment) businessDataList.push({ key: 'amount', name: { nl: 'Bedrag', fr: 'Montant', de: 'Betrag' }, values: [euro(amount)] });

    const message: Record<string, unknown> = {
      messageId,
      eboxId,
      subject,
      receiptDate: iso(receiptAt),
      expirationDate: iso(Math.max(receiptAt + validityMs(type), now + Math.floor(between(30, 700) * DAY))),
      messageTypeId: type.id,
      senderOrganizationId: org.id,
      senderApplicationId: app.id,
      readStatus: ageDays > 20 && rnd() < 0.7,
      visible: rnd() >= 0.05,
      registeredMail: type.registered && rnd() < 0.3,
      replyAuthorized: false,
      businessDataList,
    };
    if (rnd() < 0.1) {
      const person = pick(people);
      message.forTheAttentionOf = { id: withCheck(person.birth + String(100 + Math.floor(rnd() * 800))), type: 'person', name: person.name };
    }
    const bodyMainContent = rnd() < 0.08;
    message.bodyMainContent = bodyMainContent;
    if (bodyMainContent || rnd() < 0.15) {
      message.bodyContent = only({ nl: `Geachte, u vindt hieronder de details van dossier ${dossier}.`, fr: `Madame, Monsieur, voici le détail du dossier ${dossier}.`, de: `Sehr geehrte Damen und Herren, hier die Einzelheiten der Akte ${dossier}.` }, subjectLangs);
    }
    if (type.payment && rnd() < 0.5) {
      message.paymentData = { paymentDataId: `PAY-${dossier}`, amount, vatAmount: 0, currency: 'EUR', dueDate: iso(receiptAt + 30 * DAY), iban: 'BE68539007547034', bic: 'BBRUBEBB' };
    }
    message.replyAuthorized = rnd() < 0.05;

    const attachments: Record<string, unknown>[] = [];
    if (last) {
      // The newest message of the large e-Box carries the large document.
      attachments.push({ attachmentId: 'annual-accounts', fileName: 'Jaarrekening_Comptes_annuels_2025.pdf', mediaType: 'application/pdf', mainContent: !bodyMainContent, attachmentTitle: { nl: 'Jaarrekening 2025', fr: 'Comptes annuels 2025' }, contentFile: large });
    } else if (!bodyMainContent || rnd() < 0.3) {
      attachments.push({ fileName: `${dossier}.pdf`, mediaType: 'application/pdf', mainContent: !bodyMainContent, attachmentTitle: only(type.name, subjectLangs), attachmentSigned: type.registered, contentFile: templates.get(type.id) });
    }
    if (rnd() < 0.2) attachments.push({ ...pick(annexes), mediaType: 'text/csv', mainContent: false });
    if (rnd() < 0.08) attachments.push({ fileName: 'lisezmoi-leesmij.txt', mediaType: 'text/plain', mainContent: false, attachmentTitle: { nl: 'Leesmij', fr: 'Lisez-moi', de: 'Liesmich' }, contentFile: readme });
    if (attachments.length > 0) message.attachments = attachments;
    if (last) {
      if (!inBig) throw new Error('the last message must be in the large e-Box');
      largeAttachment = { messageId, attachmentId: 'annual-accounts', sizeBytes: largeBytes.length, file: path.join(importDir, large) };
    }
    await out.line({ message });
    if (i % 50_000 === 0) options.onProgress?.(`writing the import file ${i}/${total}`);
  }
  await out.close();
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- set by the last message (total >= 1)
  return { file, largeAttachment: largeAttachment!, uniqueDossier: uniqueDossier! };
}

/** A new, empty database named for the bench on the PostgreSQL server of `adminUrl`, and how to drop it (also done at clean-up). */
async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void>; keep: () => void }> {
  const name = `ebox_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = () => knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  const db = admin();
  try {
    await db.raw(`CREATE DATABASE ${name}`);
  } finally {
    await db.destroy();
  }
  const drop = async () => {
    const dropper = admin();
    try {
      await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.destroy();
    }
  };
  const keep = onCleanUp(drop);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop, keep };
}

/** Runs `ebox-import --no-events` on the file; its summary gives messages/s and peak memory. */
function runImport(file: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<ImportFigures> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/import.ts'), '--no-events', file], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Ctrl-C or a failure elsewhere must not leave the import running.
  onCleanUp(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    for (const line of chunk.split('\n')) if (line.trim() !== '') onLine(line.trim());
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const rate = /\(([\d,]+) messages\/s\)/.exec(stdout);
      const peak = /peak memory\s+(\d+) MB/.exec(stdout);
      if (code !== 0 || !rate || !peak) {
        reject(new Error(`ebox-import exited ${code}\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ durationMs: Date.now() - started, messagesPerS: Number(rate[1].replace(/,/g, '')), peakRssMb: Number(peak[1]), fileBytes: fs.statSync(file).size });
    });
  });
}

export async function buildDataset(options: DatasetOptions): Promise<Dataset> {
  checkShape(options);
  const { dir, engine } = options;
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const written = await writeImportFile(options, path.join(dir, 'import'));
  const generateMs = Date.now() - started;

  const postgres = engine === 'postgres' ? await createPostgresDatabase(options.postgresAdminUrl ?? DEFAULT_POSTGRES_ADMIN_URL) : undefined;
  const databaseUrl = postgres?.url ?? path.join(dir, 'ebox.sqlite');
  const storageDir = path.join(dir, 'blobs');
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, STORAGE_DIR: storageDir };
  const figures = await runImport(written.file, env, (line) => options.onProgress?.(line));

  const db = connect(databaseUrl);
  try {
    const footprint = await storageFootprint(db);
    return {
      engine,
      databaseUrl,
      storageDir,
      messages: options.messages,
      eboxes: options.eboxes,
      big: options.big,
      bigEboxId: eboxIdAt(0),
      messageTypeIds: messageTypes.map((t) => t.id),
      largeAttachment: written.largeAttachment,
      uniqueDossier: written.uniqueDossier,
      generateMs,
      import: figures,
      objects: footprint.objects,
      databaseBytes: footprint.totalBytes,
      drop: postgres?.drop ?? (async () => {}),
      keep: postgres?.keep ?? (() => {}),
    };
  } finally {
    await db.destroy();
  }
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StoredBlob } from '../../src/blobs/blob-store';
import { FsBlobStore } from '../../src/blobs/fs-blob-store';
import { withDatabase } from '../../src/db/connect';
import { ensureEbox, replaceAttachments, upsertMessage, type AttachmentRecord, type MessageRecord } from '../../src/db/repositories/messages';
import { replaceImages, upsertReference } from '../../src/db/repositories/reference-data';
import { reindexMessages } from '../../src/db/search-index';
import { applicationOf, applications, messageTypes, organizationOf, organizations, people, periodWord, validityMs, withCheck, type Lang, type Translated } from '../../src/demo/catalog';
import { pdf, png } from '../../src/demo/files';
import { prng } from '../../src/demo/generate';

/**
 * The benchmark data set, written straight through the repository functions
 * (the importer validates every object against the contract, which is right
 * for a file from outside and far too slow for 200,000 generated messages),
 * then indexed for search with reindexMessages, as an import would.
 */

export interface DatasetOptions {
  /** Created if needed; receives ebox.sqlite and blobs/. */
  dir: string;
  messages: number;
  eboxes: number;
  /** Messages of the one large e-Box (the first). */
  big: number;
  seed?: number;
  /** Dates are relative to it; epoch ms. */
  now?: number;
  onProgress?: (phase: 'write' | 'index', done: number, total: number) => void;
}

export interface Dataset {
  databaseUrl: string;
  storageDir: string;
  messages: number;
  eboxes: number;
  big: number;
  bigEboxId: string;
  messageTypeIds: string[];
  /** The 1 MiB PDF in the large e-Box. */
  largeAttachment: { messageId: string; attachmentId: string; sizeBytes: number };
  writeMs: number;
  indexMs: number;
  /** SQLite file after a WAL checkpoint. */
  databaseBytes: number;
  /** Bytes per table or index (dbstat), largest first; empty when SQLite lacks dbstat. */
  objectBytes: { name: string; bytes: number }[];
}

const DAY = 86_400_000;
const LANGS: Lang[] = ['nl', 'fr', 'de'];
// Messages per write transaction and per reindex transaction: bounded memory, few commits.
const WRITE_BATCH = 2_000;
const INDEX_BATCH = 5_000;
export const LARGE_PDF_BYTES = 1024 * 1024;

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

interface BlobRef {
  blob: StoredBlob;
  fileName: string;
  mediaType: string;
}

export async function buildDataset(options: DatasetOptions): Promise<Dataset> {
  const { dir, messages: total, eboxes, big } = options;
  if (!Number.isInteger(total) || total < 1) throw new Error('messages must be a positive integer');
  if (!Number.isInteger(eboxes) || eboxes < 1) throw new Error('eboxes must be a positive integer');
  if (!Number.isInteger(big) || big < 1 || big > total) throw new Error('big must be between 1 and messages');
  if (eboxes === 1 && big !== total) throw new Error('with one e-Box, big must equal messages');
  if (eboxes > 1 && big === total) throw new Error('big = messages leaves the other e-Boxes empty');
  if (eboxes - 1 > total - big) throw new Error('fewer messages than e-Boxes: some would stay empty');
  const seed = options.seed ?? 20261121;
  const now = options.now ?? Date.now();
  const rnd = prng(seed);
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const progress = options.onProgress ?? (() => {});

  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = path.join(dir, 'ebox.sqlite');
  const storageDir = path.join(dir, 'blobs');
  const blobs = new FsBlobStore(storageDir);
  return withDatabase(databaseUrl, async (db) => {
    const started = Date.now();

    // A few distinct small documents, shared by every message: the store keeps identical bytes once.
    const templates = new Map<string, BlobRef>();
    for (const type of messageTypes) {
      const lines = [`${type.name.nl ?? ''} / ${type.name.fr ?? ''}`, 'Dossier: zie onderwerp / voir objet', 'Document officiel - officieel document'];
      templates.set(type.id, { blob: await blobs.put(pdf(type.name.fr ?? type.id, lines)), fileName: '', mediaType: 'application/pdf' });
    }
    const annexes: BlobRef[] = [];
    for (let n = 0; n < 3; n++) {
      const rows = ['period;amount;currency', ...Array.from({ length: 3 + n }, (_, r) => `${r + 1};${(1234.5 / (r + 2 + n)).toFixed(2)};EUR`)];
      annexes.push({ blob: await blobs.put(Buffer.from(rows.join('\r\n') + '\r\n')), fileName: `details-${n + 1}.csv`, mediaType: 'text/csv' });
    }
    const readme = {
      blob: await blobs.put(Buffer.from('NL: Bewaar dit bericht.\nFR: Conservez ce message.\nDE: Bewahren Sie diese Nachricht auf.\n')),
      fileName: 'lisezmoi-leesmij.txt',
      mediaType: 'text/plain',
    };
    const large = await blobs.put(largePdf(LARGE_PDF_BYTES));

    await db.transaction(async (trx) => {
      for (const o of organizations) {
        const document = {
          organizationId: o.id,
          organizationShortName: o.short,
          organizationLongName: o.long,
          senderApplicationIds: applications.filter((a) => a.organization === o.id).map((a) => a.id),
          messageTypeIds: messageTypes.filter((t) => applicationOf(t).organization === o.id).map((t) => t.id),
        };
        await upsertReference(trx, 'senderOrganization', { id: o.id, document, updatedAt: now });
        const logo = await blobs.put(png(48, o.colour));
        await replaceImages(trx, 'senderOrganization', o.id, [
          { ownerType: 'senderOrganization', ownerId: o.id, imageId: `${o.id}-png`, position: 0, mediaType: 'image/png', language: null, sizeBytes: logo.size, digest: logo.digest, blobKey: logo.key, updatedAt: now },
        ]);
      }
      for (const a of applications) {
        const document = {
          applicationId: a.id,
          applicationName: a.name,
          applicationDescription: a.description,
          senderOrganizationIds: [a.organization],
          messageTypeIds: messageTypes.filter((t) => t.application === a.id).map((t) => t.id),
        };
        await upsertReference(trx, 'senderApplication', { id: a.id, document, updatedAt: now });
      }
      for (const t of messageTypes) {
        const document = {
          messageTypeId: t.id,
          messageTypeName: t.name,
          messageTypeDescription: t.description,
          validityPeriod: t.validity,
          senderOrganizationIds: [applicationOf(t).organization],
          senderApplicationIds: [t.application],
        };
        await upsertReference(trx, 'messageType', { id: t.id, document, updatedAt: now });
      }
      for (let e = 0; e < eboxes; e++) await ensureEbox(trx, eboxIdAt(e));
    });

    const bigEboxId = eboxIdAt(0);
    let largeAttachment: Dataset['largeAttachment'] | undefined;
    let nextSmall = 0;
    const span = 730 * DAY;
    for (let from = 0; from < total; from += WRITE_BATCH) {
      const to = Math.min(total, from + WRITE_BATCH);
      await db.transaction(async (trx) => {
        for (let i = from; i < to; i++) {
          // Messages arrive in time order over two years, the large e-Box's spread among the others'.
          const eboxId = inBigEbox(i, total, big) ? bigEboxId : eboxIdAt(1 + (nextSmall++ % (eboxes - 1)));
          const messageId = uuidFor(seed, i);
          const type = pick(messageTypes);
          const app = applicationOf(type);
          const org = organizationOf(type);
          const receiptAt = Math.floor(now - span + ((i + rnd()) * span) / total);
          const ageDays = (now - receiptAt) / DAY;
          const year = new Date(receiptAt).getUTCFullYear();
          const dossier = `${type.id.replace(/[a-z]/g, '')}-${year}-${String(10000 + Math.floor(rnd() * 89999))}`;

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
          const businessData: Record<string, unknown>[] = [
            { key: 'dossierNumber', name: { nl: 'Dossiernummer', fr: 'Numéro de dossier', de: 'Aktenzeichen' }, values: [{ nl: dossier, fr: dossier, de: dossier }] },
            { key: 'period', name: { nl: 'Periode', fr: 'Période', de: 'Zeitraum' }, values: [{ nl: `${periodWord.nl} ${quarter}`, fr: `${periodWord.fr} ${quarter}`, de: `${periodWord.de} ${quarter}` }] },
          ];
          if (type.payment) businessData.push({ key: 'amount', name: { nl: 'Bedrag', fr: 'Montant', de: 'Betrag' }, values: [euro(amount)] });

          let forTheAttentionOf: Record<string, unknown> | undefined;
          if (rnd() < 0.1) {
            const person = pick(people);
            forTheAttentionOf = { id: withCheck(person.birth + String(100 + Math.floor(rnd() * 800))), type: 'person', name: person.name };
          }
          const bodyMainContent = rnd() < 0.08;
          const bodyContent = bodyMainContent || rnd() < 0.15 ? only({ nl: `Geachte, u vindt hieronder de details van dossier ${dossier}.`, fr: `Madame, Monsieur, voici le détail du dossier ${dossier}.`, de: `Sehr geehrte Damen und Herren, hier die Einzelheiten der Akte ${dossier}.` }, subjectLangs) : undefined;

          const record: MessageRecord = {
            messageId,
            eboxId,
            subject,
            receiptAt,
            expirationAt: Math.max(receiptAt + validityMs(type), now + Math.floor(between(30, 700) * DAY)),
            readStatus: ageDays > 20 && rnd() < 0.7,
            firstReadAt: null,
            visible: rnd() >= 0.05,
            registeredMail: type.registered && rnd() < 0.3,
            forTheAttentionOf,
            messageTypeId: type.id,
            senderOrganizationId: org.id,
            senderApplicationId: app.id,
            bodyMainContent,
            bodyContent,
            paymentData: type.payment && rnd() < 0.5
              ? { paymentDataId: `PAY-${dossier}`, amount, vatAmount: 0, currency: 'EUR', dueDate: new Date(receiptAt + 30 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'), iban: 'BE68539007547034', bic: 'BBRUBEBB' }
              : undefined,
            businessData,
            replyAuthorized: rnd() < 0.05,
            updatedAt: now,
          };
          if (record.readStatus) record.firstReadAt = receiptAt + Math.floor(between(0.1, 20) * DAY);

          const files: (BlobRef & { mainContent: boolean; title?: Translated })[] = [];
          if (i === total - 1) {
            // The newest message of the large e-Box carries the large document.
            files.push({ blob: large, fileName: 'Jaarrekening_Comptes_annuels_2025.pdf', mediaType: 'application/pdf', mainContent: !bodyMainContent, title: { nl: 'Jaarrekening 2025', fr: 'Comptes annuels 2025' } });
          } else if (!bodyMainContent || rnd() < 0.3) {
            // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a template was made above for every message type
            files.push({ ...templates.get(type.id)!, fileName: `${dossier}.pdf`, mainContent: !bodyMainContent, title: only(type.name, subjectLangs) });
          }
          if (rnd() < 0.2) files.push({ ...pick(annexes), mainContent: false });
          if (rnd() < 0.08) files.push({ ...readme, mainContent: false, title: { nl: 'Leesmij', fr: 'Lisez-moi', de: 'Liesmich' } });
          const attachments: AttachmentRecord[] = files.map((f, position) => ({
            messageId,
            attachmentId: `${messageId}-${position}`,
            position,
            title: f.title,
            fileName: f.fileName,
            mainContent: f.mainContent,
            mediaType: f.mediaType,
            sizeBytes: f.blob.size,
            digest: f.blob.digest,
            signed: type.registered && f.mediaType === 'application/pdf',
            blobKey: f.blob.key,
          }));
          if (i === total - 1) largeAttachment = { messageId, attachmentId: attachments[0].attachmentId, sizeBytes: large.size };

          await upsertMessage(trx, record);
          await replaceAttachments(trx, messageId, attachments);
        }
      });
      progress('write', to, total);
    }
    const written = Date.now();

    let after = '';
    let indexed = 0;
    for (;;) {
      const ids: string[] = await db('messages').where('message_id', '>', after).orderBy('message_id').limit(INDEX_BATCH).pluck('message_id');
      if (ids.length === 0) break;
      await db.transaction((trx) => reindexMessages(trx, ids));
      after = ids[ids.length - 1];
      indexed += ids.length;
      progress('index', indexed, total);
    }
    const done = Date.now();

    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    let objectBytes: Dataset['objectBytes'] = [];
    try {
      const rows: { name: string; bytes: number }[] = await db.raw('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC');
      objectBytes = rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
    } catch {
      // SQLite built without SQLITE_ENABLE_DBSTAT_VTAB: the file size alone is reported.
    }
    return {
      databaseUrl,
      storageDir,
      messages: total,
      eboxes,
      big,
      bigEboxId,
      messageTypeIds: messageTypes.map((t) => t.id),
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- the last message (i === total - 1, total >= 1) set it
      largeAttachment: largeAttachment!,
      writeMs: written - started,
      indexMs: done - written,
      databaseBytes: fs.statSync(databaseUrl).size,
      objectBytes,
    };
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { applicationOf, demoCatalog, organizationOf, organizationOfApplication, periodWord, validityMs, withCheck, type Lang, type Translated } from './catalog';
import { pdf, png, svg } from './files';

/**
 * Demo data as an import file: Belgian public senders, two enterprise e-Boxes
 * and about 200 messages covering what the consultation API has to show
 * (languages, read/unread, hidden, near expiry, expired, registered mail,
 * payments, bodies, business data, attachments with non-ASCII names).
 * Deterministic for a given seed and `now`: no Math.random.
 */

type Obj = Record<string, unknown>;

export const DEMO_EBOXES = ['0123456749', '1000000021'] as const;
export const DEMO_FILE = 'demo-import.json';
export const NON_ASCII_PDF_NAMES = ['Attestation_sécurité_été_2026.pdf', 'Overzicht_financiële_toestand_2026.pdf'];

/** mulberry32: small, seedable, good enough for demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const { organizations, applications, messageTypes, people } = demoCatalog;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function only(t: Translated, langs: Lang[]): Translated {
  const out: Translated = {};
  for (const l of langs) if (t[l] !== undefined) out[l] = t[l];
  return out;
}

function quarterOf(ms: number): Translated {
  const d = new Date(ms);
  const q = `${d.getUTCFullYear()}/${Math.floor(d.getUTCMonth() / 3) + 1}`;
  return { nl: `${periodWord.nl} ${q}`, fr: `${periodWord.fr} ${q}`, de: `${periodWord.de} ${q}` };
}

function euro(amount: number): Translated {
  const s = amount.toFixed(2).replace('.', ',');
  return { nl: `€ ${s}`, fr: `${s} €`, de: `${s} €` };
}

export interface DemoOptions {
  /** Epoch ms the dates are relative to; the current time by default. */
  now?: number;
  seed?: number;
  messages?: number;
}

export interface DemoOutput {
  /** The import file, inside the output folder. */
  file: string;
  data: {
    senderOrganizations: Obj[];
    senderApplications: Obj[];
    messageTypes: Obj[];
    messages: Obj[];
  };
}

/** Writes the demo import file and its attachment files into `dir` (created if needed). */
export function generateDemo(dir: string, options: DemoOptions = {}): DemoOutput {
  const now = options.now ?? Date.now();
  const rnd = prng(options.seed ?? 20261121);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  const writeFile = (name: string, bytes: Buffer | string): string => {
    fs.writeFileSync(path.join(dir, 'files', name), bytes);
    return `files/${name}`;
  };

  const senderOrganizations = organizations.map((o) => ({
    organizationId: o.id,
    organizationShortName: o.short,
    organizationLongName: o.long,
    organizationUrl: o.url,
    senderApplicationIds: applications.filter((a) => a.organization === o.id).map((a) => a.id),
    messageTypeIds: messageTypes.filter((t) => applicationOf(t).organization === o.id).map((t) => t.id),
    contactBusiness: o.contact,
    contactTechnical: o.contact.replace('/contact', '/support'),
    organizationLogos: [
      { imageId: `${o.id}-png`, mediaType: 'image/png', content: png(48, o.colour).toString('base64') },
      {
        imageId: `${o.id}-svg`,
        mediaType: 'image/svg+xml',
        content: svg(o.short.fr ?? o.short.nl ?? '', `rgb(${o.colour.join(',')})`).toString('base64'),
      },
    ],
  }));

  const senderApplications = applications.map((a) => {
    const organization = organizationOfApplication(a);
    const first = applications.find((other) => other.organization === a.organization) === a;
    return {
      applicationId: a.id,
      applicationName: a.name,
      applicationDescription: a.description,
      applicationUrl: a.url,
      senderOrganizationIds: [organization.id],
      messageTypeIds: messageTypes.filter((t) => t.application === a.id).map((t) => t.id),
      contactBusiness: organization.contact,
      // One language-specific logo per language the application is named in, on its organization's first application.
      applicationLogos: first
        ? (Object.keys(a.name) as Lang[]).map((lang) => ({
            imageId: `${a.id}-${lang}`,
            mediaType: 'image/png',
            language: lang,
            contentFile: writeFile(`logo-${a.id.replace(/[^a-z0-9-]/g, '_')}-${lang}.png`, png(32, organization.colour)),
          }))
        : [],
    };
  });

  const messageTypeDocuments = messageTypes.map((t) => ({
    messageTypeId: t.id,
    messageTypeName: t.name,
    messageTypeDescription: t.description,
    validityPeriod: t.validity,
    senderOrganizationIds: [organizationOf(t).id],
    senderApplicationIds: [t.application],
  }));

  const count = options.messages ?? 200;
  const messages: Obj[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(messageTypes);
    const sender = organizationOf(kind);
    const senderLangs = Object.keys(sender.short) as Lang[];
    const eboxId = i % 5 < 3 ? DEMO_EBOXES[0] : DEMO_EBOXES[1];
    const messageId = `demo-${String(i + 1).padStart(4, '0')}`;

    // Receipt dates over the last ~18 months; the newest are the unread ones.
    let receiptAt = now - Math.floor(between(0.02, 540) * DAY);
    let expirationAt = receiptAt + validityMs(kind);
    if (i % 25 === 3) {
      expirationAt = now + Math.floor(between(0.5, 5) * DAY); // expires within days
    } else if (i % 20 === 7) {
      expirationAt = now - Math.floor(between(1, 60) * DAY); // already expired
    } else if (expirationAt <= now) {
      expirationAt = now + Math.floor(between(30, 300) * DAY);
    }
    receiptAt = Math.min(receiptAt, expirationAt - DAY);
    const ageDays = (now - receiptAt) / DAY;

    // Most subjects in every language of the sender, some in one language only.
    const dossier = `${kind.id.replace(/[a-z]/g, '')}-${new Date(receiptAt).getUTCFullYear()}-${String(10000 + Math.floor(rnd() * 89999))}`;
    const langs: Lang[] = i % 7 === 0 ? ['nl'] : i % 11 === 0 ? ['fr'] : i % 13 === 0 ? ['de'] : senderLangs;
    const usable = langs.filter((l) => kind.name[l] !== undefined);
    const subjectLangs: Lang[] = usable.length > 0 ? usable : senderLangs;
    const subject: Translated = {};
    for (const l of subjectLangs) subject[l] = `${kind.name[l]} ${dossier}`;

    const amount = Math.round(between(80, 25000) * 100) / 100;
    const period = quarterOf(receiptAt);
    const businessDataList = [
      { key: 'dossierNumber', name: { nl: 'Dossiernummer', fr: 'Numéro de dossier', de: 'Aktenzeichen' }, values: [{ nl: dossier, fr: dossier, de: dossier }] },
      { key: 'period', name: { nl: 'Periode', fr: 'Période', de: 'Zeitraum' }, values: [period] },
    ];
    if (kind.payment) {
      businessDataList.push({ key: 'amount', name: { nl: 'Bedrag', fr: 'Montant', de: 'Betrag' }, values: [euro(amount)] });
    }

    const message: Obj = {
      messageId,
      eboxId,
      subject,
      receiptDate: iso(receiptAt),
      expirationDate: iso(expirationAt),
      messageTypeId: kind.id,
      senderOrganizationId: sender.id,
      senderApplicationId: kind.application,
      readStatus: ageDays > 20 && rnd() < 0.7,
      visible: i % 17 !== 5,
      registeredMail: kind.registered && i % 3 === 0,
      replyAuthorized: i % 19 === 0,
      businessDataList,
    };
    if (i % 9 === 4) {
      const person = people[i % people.length];
      message.forTheAttentionOf = { id: withCheck(person.birth + String(100 + (i % 800)).padStart(3, '0')), type: 'person', name: person.name };
    }
    if (kind.payment && i % 2 === 0) {
      message.paymentData = {
        paymentDataId: `PAY-${dossier}`,
        amount,
        vatAmount: 0,
        currency: 'EUR',
        dueDate: iso(receiptAt + 30 * DAY),
        iban: 'BE68539007547034',
        bic: 'BBRUBEBB',
        reference: { type: 'structured', value: `+++${String(i).padStart(3, '0')}/${dossier.slice(-4)}/${withCheck(String(10000 + i)).slice(-5)}+++` },
      };
    }

    // The body is the main content of some messages; a PDF is for the others.
    const bodyIsMain = i % 8 === 2;
    if (bodyIsMain || i % 4 === 0) {
      const body: Translated = {};
      for (const l of subjectLangs) {
        body[l] = { nl: `Geachte, u vindt hieronder de details van dossier ${dossier}.`, fr: `Madame, Monsieur, voici le détail du dossier ${dossier}.`, de: `Sehr geehrte Damen und Herren, hier die Einzelheiten der Akte ${dossier}.` }[l];
      }
      message.bodyContent = body;
    }
    message.bodyMainContent = bodyIsMain;

    const attachments: Obj[] = [];
    const title = (kind.name.fr ?? kind.name.nl ?? kind.id) + ' ' + dossier;
    const pdfLines = [`Dossier: ${dossier}`, `Destinataire / Bestemmeling: ${eboxId}`, `Date / Datum: ${iso(receiptAt).slice(0, 10)}`];
    if (kind.payment) pdfLines.push(`Montant / Bedrag: ${euro(amount).fr}`);
    if (i < NON_ASCII_PDF_NAMES.length) {
      const fileName = NON_ASCII_PDF_NAMES[i];
      attachments.push({
        fileName,
        mainContent: !bodyIsMain,
        mediaType: 'application/pdf',
        attachmentTitle: i === 0 ? { fr: 'Attestation de sécurité, été 2026' } : { nl: 'Overzicht financiële toestand 2026' },
        contentFile: writeFile(`${messageId}-${fileName}`, pdf(fileName.replace(/_/g, ' ').replace(/\.pdf$/, ''), pdfLines)),
      });
    } else if (!bodyIsMain || i % 3 === 0) {
      attachments.push({
        fileName: `${dossier}.pdf`,
        mainContent: !bodyIsMain,
        mediaType: 'application/pdf',
        attachmentTitle: only(kind.name, subjectLangs),
        attachmentSigned: kind.registered,
        contentFile: writeFile(`${messageId}.pdf`, pdf(title, pdfLines)),
      });
    }
    if (i % 5 === 1) {
      const rows = ['period;amount;currency', ...Array.from({ length: 3 + (i % 4) }, (_, r) => `${r + 1};${(amount / (r + 2)).toFixed(2)};EUR`)];
      attachments.push({ fileName: `details-${dossier}.csv`, mainContent: false, mediaType: 'text/csv', contentFile: writeFile(`${messageId}.csv`, rows.join('\r\n') + '\r\n') });
    }
    if (i % 6 === 3) {
      const note = `Dossier ${dossier}\n\nNL: Bewaar dit bericht.\nFR: Conservez ce message.\nDE: Bewahren Sie diese Nachricht auf.\n`;
      // Inline base64 rather than a file, to show both ways an import file gives bytes.
      attachments.push({ fileName: 'lisezmoi-leesmij.txt', mainContent: false, mediaType: 'text/plain', attachmentTitle: { nl: 'Leesmij', fr: 'Lisez-moi', de: 'Liesmich' }, content: Buffer.from(note).toString('base64') });
    }
    if (attachments.length > 0) message.attachments = attachments;
    messages.push(message);
  }

  const data = { senderOrganizations, senderApplications, messageTypes: messageTypeDocuments, messages };
  const file = path.join(dir, DEMO_FILE);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return { file, data };
}

import fs from 'node:fs';
import path from 'node:path';
import { pdf, png, svg } from './files';

/**
 * Demo data as an import file: Belgian public senders, two enterprise e-Boxes
 * and about 200 messages covering what the consultation API has to show
 * (languages, read/unread, hidden, near expiry, expired, registered mail,
 * payments, bodies, business data, attachments with non-ASCII names).
 * Deterministic for a given seed and `now`: no Math.random.
 */

type Translated = { nl?: string; fr?: string; de?: string };
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

/** Appends the mod-97 check digits that real CBE and national numbers carry. */
function withCheck(base: string): string {
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

const DAY = 86_400_000;

interface Sender {
  id: string;
  short: Translated;
  long: Translated;
  url: Translated;
  colour: [number, number, number];
  contact: string;
  applications: { id: string; name: Translated; description: Translated; url: Translated }[];
}

const senders: Sender[] = [
  {
    id: '0206731645',
    short: { nl: 'RSZ', fr: 'ONSS', de: 'LSS' },
    long: { nl: 'Rijksdienst voor Sociale Zekerheid', fr: 'Office national de sécurité sociale', de: 'Landesamt für soziale Sicherheit' },
    url: { nl: 'https://www.socialsecurity.be/site_nl', fr: 'https://www.socialsecurity.be/site_fr', de: 'https://www.socialsecurity.be/site_de' },
    colour: [31, 78, 140],
    contact: 'https://www.socialsecurity.be/contact',
    applications: [
      { id: 'rsz-onss:dmfa', name: { nl: 'DmfA', fr: 'DmfA', de: 'DmfA' }, description: { nl: 'Multifunctionele aangifte', fr: 'Déclaration multifonctionnelle', de: 'Multifunktionelle Erklärung' }, url: { nl: 'https://www.socialsecurity.be/dmfa', fr: 'https://www.socialsecurity.be/dmfa', de: 'https://www.socialsecurity.be/dmfa' } },
      { id: 'rsz-onss:dimona', name: { nl: 'Dimona', fr: 'Dimona', de: 'Dimona' }, description: { nl: 'Onmiddellijke aangifte van tewerkstelling', fr: "Déclaration immédiate d'emploi", de: 'Sofortige Beschäftigungsmeldung' }, url: { nl: 'https://www.socialsecurity.be/dimona', fr: 'https://www.socialsecurity.be/dimona', de: 'https://www.socialsecurity.be/dimona' } },
    ],
  },
  {
    id: '0308357159',
    short: { nl: 'FOD Financiën', fr: 'SPF Finances', de: 'FÖD Finanzen' },
    long: { nl: 'Federale Overheidsdienst Financiën', fr: 'Service public fédéral Finances', de: 'Föderaler Öffentlicher Dienst Finanzen' },
    url: { nl: 'https://financien.belgium.be', fr: 'https://finances.belgium.be', de: 'https://finanzen.belgium.be' },
    colour: [0, 122, 94],
    contact: 'https://finances.belgium.be/contact',
    applications: [
      { id: 'fin:myminfin', name: { nl: 'MyMinfin', fr: 'MyMinfin', de: 'MyMinfin' }, description: { nl: 'Uw fiscaal dossier online', fr: 'Votre dossier fiscal en ligne', de: 'Ihre Steuerakte online' }, url: { nl: 'https://eservices.minfin.fgov.be/myminfin-web', fr: 'https://eservices.minfin.fgov.be/myminfin-web', de: 'https://eservices.minfin.fgov.be/myminfin-web' } },
      { id: 'fin:intervat', name: { nl: 'Intervat', fr: 'Intervat', de: 'Intervat' }, description: { nl: 'Btw-aangiften', fr: 'Déclarations TVA', de: 'MwSt.-Erklärungen' }, url: { nl: 'https://financien.belgium.be/intervat', fr: 'https://finances.belgium.be/intervat', de: 'https://finanzen.belgium.be/intervat' } },
    ],
  },
  {
    id: withCheck('02067374'),
    short: { nl: 'RJV', fr: 'ONVA', de: 'LJU' },
    long: { nl: 'Rijksdienst voor Jaarlijkse Vakantie', fr: 'Office national des vacances annuelles', de: 'Landesamt für den Jahresurlaub' },
    url: { nl: 'https://www.rjv.fgov.be', fr: 'https://www.onva.fgov.be', de: 'https://www.lju.fgov.be' },
    colour: [214, 120, 0],
    contact: 'https://www.rjv.fgov.be/contact',
    applications: [
      { id: 'rjv-onva:workerholidayrights', name: { nl: 'Sector Jaarlijkse Vakantie', fr: 'Secteur des vacances annuelles', de: 'Sektor des Jahresurlaubs' }, description: { nl: 'Vakantierechten van arbeiders', fr: 'Droits aux vacances des ouvriers', de: 'Urlaubsrechte der Arbeiter' }, url: { nl: 'https://www.rjv.fgov.be', fr: 'https://www.onva.fgov.be', de: 'https://www.lju.fgov.be' } },
    ],
  },
  {
    // A regional body with no German name: the API completes missing languages.
    id: withCheck('03163810'),
    short: { nl: 'Brussel Fiscaliteit', fr: 'Bruxelles Fiscalité' },
    long: { nl: 'Gewestelijke Overheidsdienst Brussel Fiscaliteit', fr: 'Service public régional Bruxelles Fiscalité' },
    url: { nl: 'https://fiscaliteit.brussels', fr: 'https://fiscalite.brussels' },
    colour: [0, 84, 166],
    contact: 'https://fiscalite.brussels/contact',
    applications: [
      { id: 'brufisc:regionaltaxes', name: { nl: 'Gewestbelastingen', fr: 'Taxes régionales' }, description: { nl: 'Aanslagen in de gewestbelastingen', fr: 'Avertissements-extraits de rôle des taxes régionales' }, url: { nl: 'https://fiscaliteit.brussels', fr: 'https://fiscalite.brussels' } },
    ],
  },
];

interface Kind {
  id: string;
  sender: number;
  application: string;
  name: Translated;
  description: Translated;
  validity: [number, 'day' | 'month' | 'year'];
  payment?: boolean;
  registered?: boolean;
}

const kinds: Kind[] = [
  { id: 'DmfaAcknowledgement', sender: 0, application: 'rsz-onss:dmfa', name: { nl: 'Ontvangstbewijs DmfA', fr: 'Accusé de réception DmfA', de: 'Empfangsbestätigung DmfA' }, description: { nl: 'Bevestiging van een kwartaalaangifte', fr: "Confirmation d'une déclaration trimestrielle", de: 'Bestätigung einer Quartalserklärung' }, validity: [1, 'year'] },
  { id: 'SocialContributionsStatement', sender: 0, application: 'rsz-onss:dmfa', name: { nl: 'Afrekening sociale bijdragen', fr: 'Décompte des cotisations sociales', de: 'Abrechnung der Sozialbeiträge' }, description: { nl: 'Verschuldigde bijdragen per kwartaal', fr: 'Cotisations dues par trimestre', de: 'Geschuldete Beiträge pro Quartal' }, validity: [2, 'year'], payment: true },
  { id: 'DimonaReceipt', sender: 0, application: 'rsz-onss:dimona', name: { nl: 'Dimona-ontvangstbewijs', fr: 'Accusé de réception Dimona', de: 'Dimona-Empfangsbestätigung' }, description: { nl: 'Bevestiging van een Dimona-aangifte', fr: "Confirmation d'une déclaration Dimona", de: 'Bestätigung einer Dimona-Meldung' }, validity: [6, 'month'] },
  { id: 'CorporateTaxAssessment', sender: 1, application: 'fin:myminfin', name: { nl: 'Aanslagbiljet vennootschapsbelasting', fr: "Avertissement-extrait de rôle de l'impôt des sociétés", de: 'Steuerbescheid Gesellschaftssteuer' }, description: { nl: 'Aanslag per aanslagjaar', fr: "Imposition par exercice d'imposition", de: 'Veranlagung pro Steuerjahr' }, validity: [2, 'year'], payment: true, registered: true },
  { id: 'VatReminder', sender: 1, application: 'fin:intervat', name: { nl: 'Herinnering btw-aangifte', fr: 'Rappel déclaration TVA', de: 'Erinnerung MwSt.-Erklärung' }, description: { nl: 'Herinnering voor een ontbrekende aangifte', fr: "Rappel d'une déclaration manquante", de: 'Erinnerung an eine fehlende Erklärung' }, validity: [90, 'day'] },
  { id: 'YearlyVacationAccountExtract', sender: 2, application: 'rjv-onva:workerholidayrights', name: { nl: 'Rekeninguittreksel vakantiegeld', fr: "Disponibilité de l'extrait de compte", de: 'Kontoauszug Urlaubsgeld' }, description: { nl: 'Vakantiegeld van uw arbeiders', fr: 'Pécule de vacances de vos ouvriers', de: 'Urlaubsgeld Ihrer Arbeiter' }, validity: [1, 'year'] },
  { id: 'RegionalTaxAssessment', sender: 3, application: 'brufisc:regionaltaxes', name: { nl: 'Aanslagbiljet gewestbelasting', fr: 'Avertissement-extrait de rôle taxe régionale' }, description: { nl: 'Jaarlijkse gewestbelasting', fr: 'Taxe régionale annuelle' }, validity: [1, 'year'], payment: true, registered: true },
];

const people = [
  { name: 'An Peeters', birth: '850412' },
  { name: 'Luc Dubois', birth: '780923' },
  { name: 'Sabine Müller', birth: '910101' },
  { name: 'Noah Janssens', birth: '000305' },
];

function validityMs([n, unit]: Kind['validity']): number {
  return n * (unit === 'day' ? 1 : unit === 'month' ? 30 : 365) * DAY;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function only(t: Translated, langs: (keyof Translated)[]): Translated {
  const out: Translated = {};
  for (const l of langs) if (t[l] !== undefined) out[l] = t[l];
  return out;
}

function quarterOf(ms: number): Translated {
  const d = new Date(ms);
  const q = `${d.getUTCFullYear()}/${Math.floor(d.getUTCMonth() / 3) + 1}`;
  return { nl: `kwartaal ${q}`, fr: `trimestre ${q}`, de: `Quartal ${q}` };
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

  const senderOrganizations = senders.map((s) => ({
    organizationId: s.id,
    organizationShortName: s.short,
    organizationLongName: s.long,
    organizationUrl: s.url,
    senderApplicationIds: s.applications.map((a) => a.id),
    messageTypeIds: kinds.filter((k) => senders[k.sender] === s).map((k) => k.id),
    contactBusiness: s.contact,
    contactTechnical: s.contact.replace('/contact', '/support'),
    organizationLogos: [
      { imageId: `${s.id}-png`, mediaType: 'image/png', content: png(48, s.colour).toString('base64') },
      {
        imageId: `${s.id}-svg`,
        mediaType: 'image/svg+xml',
        content: svg(s.short.fr ?? s.short.nl ?? '', `rgb(${s.colour.join(',')})`).toString('base64'),
      },
    ],
  }));

  const senderApplications = senders.flatMap((s) =>
    s.applications.map((a, i) => ({
      applicationId: a.id,
      applicationName: a.name,
      applicationDescription: a.description,
      applicationUrl: a.url,
      senderOrganizationIds: [s.id],
      messageTypeIds: kinds.filter((k) => k.application === a.id).map((k) => k.id),
      contactBusiness: s.contact,
      // One language-specific logo per language the application is named in, on its first application.
      applicationLogos:
        i === 0
          ? (Object.keys(a.name) as (keyof Translated)[]).map((lang) => ({
              imageId: `${a.id}-${lang}`,
              mediaType: 'image/png',
              language: lang,
              contentFile: writeFile(`logo-${a.id.replace(/[^a-z0-9-]/g, '_')}-${lang}.png`, png(32, s.colour)),
            }))
          : [],
    })),
  );

  const messageTypes = kinds.map((k) => ({
    messageTypeId: k.id,
    messageTypeName: k.name,
    messageTypeDescription: k.description,
    validityPeriod: { validityPeriodNumber: k.validity[0], validityPeriodUnit: k.validity[1] },
    senderOrganizationIds: [senders[k.sender].id],
    senderApplicationIds: [k.application],
  }));

  const count = options.messages ?? 200;
  const messages: Obj[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(kinds);
    const sender = senders[kind.sender];
    const senderLangs = Object.keys(sender.short) as (keyof Translated)[];
    const eboxId = i % 5 < 3 ? DEMO_EBOXES[0] : DEMO_EBOXES[1];
    const messageId = `demo-${String(i + 1).padStart(4, '0')}`;

    // Receipt dates over the last ~18 months; the newest are the unread ones.
    let receiptAt = now - Math.floor(between(0.02, 540) * DAY);
    let expirationAt = receiptAt + validityMs(kind.validity);
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
    const langs: (keyof Translated)[] = i % 7 === 0 ? ['nl'] : i % 11 === 0 ? ['fr'] : i % 13 === 0 ? ['de'] : senderLangs;
    const usable = langs.filter((l) => kind.name[l] !== undefined);
    const subjectLangs: (keyof Translated)[] = usable.length > 0 ? usable : senderLangs;
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
      registeredMail: Boolean(kind.registered) && i % 3 === 0,
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
        attachmentSigned: kind.registered === true,
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

  const data = { senderOrganizations, senderApplications, messageTypes, messages };
  const file = path.join(dir, DEMO_FILE);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return { file, data };
}

/**
 * The sender organizations, applications and message types of generated data,
 * for both the demo (an import file) and the benchmark data set (written
 * straight into the store): Belgian public senders with names in nl/fr/de
 * (one regional sender without German, as in real life), so that search
 * texts have the length and variety of production ones.
 *
 * The demo shows the entries not marked `benchOnly`; the benchmark uses them
 * all. Marking rather than removing keeps the demo's output what its README
 * and tests describe while the benchmark gets more variety.
 */

export type Lang = 'nl' | 'fr' | 'de';
export type Translated = Partial<Record<Lang, string>>;
export type Rgb = [number, number, number];

export interface CatalogOrganization {
  id: string;
  short: Translated;
  long: Translated;
  url: Translated;
  /** Business contact page; the technical one is derived from it. */
  contact: string;
  /** Of its generated logos. */
  colour: Rgb;
  benchOnly?: true;
}

export interface CatalogApplication {
  id: string;
  /** The CBE number of its organization. */
  organization: string;
  name: Translated;
  description: Translated;
  url: Translated;
}

export interface ValidityPeriod {
  validityPeriodNumber: number;
  validityPeriodUnit: 'day' | 'month' | 'year';
}

export interface CatalogMessageType {
  id: string;
  application: string;
  name: Translated;
  description: Translated;
  validity: ValidityPeriod;
  payment: boolean;
  registered: boolean;
  benchOnly?: true;
}

export interface Person {
  name: string;
  /** yymmdd, the first digits of the national number. */
  birth: string;
}

/** Appends the mod-97 check digits that real CBE and national numbers carry. */
export function withCheck(base: string): string {
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

const DAY = 86_400_000;

/** The validity period in milliseconds, a month counted as 30 days and a year as 365. */
export function validityMs({ validity }: CatalogMessageType): number {
  const days = validity.validityPeriodUnit === 'day' ? 1 : validity.validityPeriodUnit === 'month' ? 30 : 365;
  return validity.validityPeriodNumber * days * DAY;
}

const days = (n: number): ValidityPeriod => ({ validityPeriodNumber: n, validityPeriodUnit: 'day' });
const months = (n: number): ValidityPeriod => ({ validityPeriodNumber: n, validityPeriodUnit: 'month' });
const years = (n: number): ValidityPeriod => ({ validityPeriodNumber: n, validityPeriodUnit: 'year' });

export const organizations: readonly CatalogOrganization[] = [
  {
    id: '0206731645',
    short: { nl: 'RSZ', fr: 'ONSS', de: 'LSS' },
    long: { nl: 'Rijksdienst voor Sociale Zekerheid', fr: 'Office national de sécurité sociale', de: 'Landesamt für soziale Sicherheit' },
    url: { nl: 'https://www.socialsecurity.be/site_nl', fr: 'https://www.socialsecurity.be/site_fr', de: 'https://www.socialsecurity.be/site_de' },
    contact: 'https://www.socialsecurity.be/contact',
    colour: [31, 78, 140],
  },
  {
    id: '0308357159',
    short: { nl: 'FOD Financiën', fr: 'SPF Finances', de: 'FÖD Finanzen' },
    long: { nl: 'Federale Overheidsdienst Financiën', fr: 'Service public fédéral Finances', de: 'Föderaler Öffentlicher Dienst Finanzen' },
    url: { nl: 'https://financien.belgium.be', fr: 'https://finances.belgium.be', de: 'https://finanzen.belgium.be' },
    contact: 'https://finances.belgium.be/contact',
    colour: [0, 122, 94],
  },
  {
    id: withCheck('02067374'),
    short: { nl: 'RJV', fr: 'ONVA', de: 'LJU' },
    long: { nl: 'Rijksdienst voor Jaarlijkse Vakantie', fr: 'Office national des vacances annuelles', de: 'Landesamt für den Jahresurlaub' },
    url: { nl: 'https://www.rjv.fgov.be', fr: 'https://www.onva.fgov.be', de: 'https://www.lju.fgov.be' },
    contact: 'https://www.rjv.fgov.be/contact',
    colour: [214, 120, 0],
  },
  {
    id: withCheck('02068115'),
    short: { nl: 'RIZIV', fr: 'INAMI', de: 'LIKIV' },
    long: { nl: 'Rijksinstituut voor ziekte- en invaliditeitsverzekering', fr: "Institut national d'assurance maladie-invalidité", de: 'Landesinstitut für Kranken- und Invalidenversicherung' },
    url: { nl: 'https://www.riziv.fgov.be', fr: 'https://www.inami.fgov.be', de: 'https://www.likiv.fgov.be' },
    contact: 'https://www.riziv.fgov.be/contact',
    colour: [120, 40, 140],
    benchOnly: true,
  },
  {
    // A regional body with no German name: the API completes missing languages.
    id: withCheck('03163810'),
    short: { nl: 'Brussel Fiscaliteit', fr: 'Bruxelles Fiscalité' },
    long: { nl: 'Gewestelijke Overheidsdienst Brussel Fiscaliteit', fr: 'Service public régional Bruxelles Fiscalité' },
    url: { nl: 'https://fiscaliteit.brussels', fr: 'https://fiscalite.brussels' },
    contact: 'https://fiscalite.brussels/contact',
    colour: [0, 84, 166],
  },
];

const [rsz, fin, rjv, riziv, brufisc] = organizations.map((o) => o.id);

export const applications: readonly CatalogApplication[] = [
  { id: 'rsz-onss:dmfa', organization: rsz, name: { nl: 'DmfA', fr: 'DmfA', de: 'DmfA' }, description: { nl: 'Multifunctionele aangifte', fr: 'Déclaration multifonctionnelle', de: 'Multifunktionelle Erklärung' }, url: { nl: 'https://www.socialsecurity.be/dmfa', fr: 'https://www.socialsecurity.be/dmfa', de: 'https://www.socialsecurity.be/dmfa' } },
  { id: 'rsz-onss:dimona', organization: rsz, name: { nl: 'Dimona', fr: 'Dimona', de: 'Dimona' }, description: { nl: 'Onmiddellijke aangifte van tewerkstelling', fr: "Déclaration immédiate d'emploi", de: 'Sofortige Beschäftigungsmeldung' }, url: { nl: 'https://www.socialsecurity.be/dimona', fr: 'https://www.socialsecurity.be/dimona', de: 'https://www.socialsecurity.be/dimona' } },
  { id: 'fin:myminfin', organization: fin, name: { nl: 'MyMinfin', fr: 'MyMinfin', de: 'MyMinfin' }, description: { nl: 'Uw fiscaal dossier online', fr: 'Votre dossier fiscal en ligne', de: 'Ihre Steuerakte online' }, url: { nl: 'https://eservices.minfin.fgov.be/myminfin-web', fr: 'https://eservices.minfin.fgov.be/myminfin-web', de: 'https://eservices.minfin.fgov.be/myminfin-web' } },
  { id: 'fin:intervat', organization: fin, name: { nl: 'Intervat', fr: 'Intervat', de: 'Intervat' }, description: { nl: 'Btw-aangiften', fr: 'Déclarations TVA', de: 'MwSt.-Erklärungen' }, url: { nl: 'https://financien.belgium.be/intervat', fr: 'https://finances.belgium.be/intervat', de: 'https://finanzen.belgium.be/intervat' } },
  { id: 'rjv-onva:workerholidayrights', organization: rjv, name: { nl: 'Sector Jaarlijkse Vakantie', fr: 'Secteur des vacances annuelles', de: 'Sektor des Jahresurlaubs' }, description: { nl: 'Vakantierechten van arbeiders', fr: 'Droits aux vacances des ouvriers', de: 'Urlaubsrechte der Arbeiter' }, url: { nl: 'https://www.rjv.fgov.be', fr: 'https://www.onva.fgov.be', de: 'https://www.lju.fgov.be' } },
  { id: 'riziv-inami:dri', organization: riziv, name: { nl: 'Aangifte sociaal risico', fr: 'Déclaration de risque social', de: 'Meldung sozialer Risiken' }, description: { nl: 'Arbeidsongeschiktheid en moederschap', fr: 'Incapacité de travail et maternité', de: 'Arbeitsunfähigkeit und Mutterschaft' }, url: { nl: 'https://www.riziv.fgov.be', fr: 'https://www.inami.fgov.be', de: 'https://www.likiv.fgov.be' } },
  { id: 'brufisc:regionaltaxes', organization: brufisc, name: { nl: 'Gewestbelastingen', fr: 'Taxes régionales' }, description: { nl: 'Aanslagen in de gewestbelastingen', fr: 'Avertissements-extraits de rôle des taxes régionales' }, url: { nl: 'https://fiscaliteit.brussels', fr: 'https://fiscalite.brussels' } },
];

export const messageTypes: readonly CatalogMessageType[] = [
  { id: 'DmfaAcknowledgement', application: 'rsz-onss:dmfa', name: { nl: 'Ontvangstbewijs DmfA', fr: 'Accusé de réception DmfA', de: 'Empfangsbestätigung DmfA' }, description: { nl: 'Bevestiging van een kwartaalaangifte', fr: "Confirmation d'une déclaration trimestrielle", de: 'Bestätigung einer Quartalserklärung' }, validity: years(1), payment: false, registered: false },
  { id: 'SocialContributionsStatement', application: 'rsz-onss:dmfa', name: { nl: 'Afrekening sociale bijdragen', fr: 'Décompte des cotisations sociales', de: 'Abrechnung der Sozialbeiträge' }, description: { nl: 'Verschuldigde bijdragen per kwartaal', fr: 'Cotisations dues par trimestre', de: 'Geschuldete Beiträge pro Quartal' }, validity: years(2), payment: true, registered: false },
  { id: 'DimonaReceipt', application: 'rsz-onss:dimona', name: { nl: 'Dimona-ontvangstbewijs', fr: 'Accusé de réception Dimona', de: 'Dimona-Empfangsbestätigung' }, description: { nl: 'Bevestiging van een Dimona-aangifte', fr: "Confirmation d'une déclaration Dimona", de: 'Bestätigung einer Dimona-Meldung' }, validity: months(6), payment: false, registered: false },
  { id: 'CorporateTaxAssessment', application: 'fin:myminfin', name: { nl: 'Aanslagbiljet vennootschapsbelasting', fr: "Avertissement-extrait de rôle de l'impôt des sociétés", de: 'Steuerbescheid Gesellschaftssteuer' }, description: { nl: 'Aanslag per aanslagjaar', fr: "Imposition par exercice d'imposition", de: 'Veranlagung pro Steuerjahr' }, validity: years(2), payment: true, registered: true },
  { id: 'VatReminder', application: 'fin:intervat', name: { nl: 'Herinnering btw-aangifte', fr: 'Rappel déclaration TVA', de: 'Erinnerung MwSt.-Erklärung' }, description: { nl: 'Herinnering voor een ontbrekende aangifte', fr: "Rappel d'une déclaration manquante", de: 'Erinnerung an eine fehlende Erklärung' }, validity: days(90), payment: false, registered: false },
  { id: 'VatAccountStatement', application: 'fin:intervat', name: { nl: 'Uittreksel btw-rekening', fr: 'Extrait de compte TVA', de: 'Auszug MwSt.-Konto' }, description: { nl: 'Stand van uw btw-rekening', fr: 'Situation de votre compte TVA', de: 'Stand Ihres MwSt.-Kontos' }, validity: years(1), payment: true, registered: false, benchOnly: true },
  { id: 'YearlyVacationAccountExtract', application: 'rjv-onva:workerholidayrights', name: { nl: 'Rekeninguittreksel vakantiegeld', fr: "Disponibilité de l'extrait de compte", de: 'Kontoauszug Urlaubsgeld' }, description: { nl: 'Vakantiegeld van uw arbeiders', fr: 'Pécule de vacances de vos ouvriers', de: 'Urlaubsgeld Ihrer Arbeiter' }, validity: years(1), payment: false, registered: false },
  { id: 'SocialRiskReceipt', application: 'riziv-inami:dri', name: { nl: 'Ontvangstbewijs aangifte sociaal risico', fr: 'Accusé de réception risque social', de: 'Empfangsbestätigung soziales Risiko' }, description: { nl: 'Bevestiging van een aangifte', fr: "Confirmation d'une déclaration", de: 'Bestätigung einer Meldung' }, validity: years(1), payment: false, registered: false, benchOnly: true },
  { id: 'RegionalTaxAssessment', application: 'brufisc:regionaltaxes', name: { nl: 'Aanslagbiljet gewestbelasting', fr: 'Avertissement-extrait de rôle taxe régionale' }, description: { nl: 'Jaarlijkse gewestbelasting', fr: 'Taxe régionale annuelle' }, validity: years(1), payment: true, registered: true },
];

/** People named in forTheAttentionOf. */
export const people: readonly Person[] = [
  { name: 'An Peeters', birth: '850412' },
  { name: 'Luc Dubois', birth: '780923' },
  { name: 'Sabine Müller', birth: '910101' },
  { name: 'Noah Janssens', birth: '000305' },
  { name: 'Fatima El Amrani', birth: '920617' },
  { name: 'Jean-Pierre Lambert', birth: '690228' },
  { name: 'Elke Vermeulen', birth: '880809' },
  { name: 'Thomas Schmitz', birth: '750114' },
];

export const periodWord: Record<Lang, string> = { nl: 'kwartaal', fr: 'trimestre', de: 'Quartal' };

/** An entry the catalogue itself names: its absence is a mistake in this file. */
function named<T extends { id: string }>(list: readonly T[], id: string): T {
  const found = list.find((entry) => entry.id === id);
  if (!found) throw new Error(`catalogue: nothing has the id "${id}"`);
  return found;
}

export function applicationOf(type: CatalogMessageType): CatalogApplication {
  return named(applications, type.application);
}

export function organizationOf(type: CatalogMessageType): CatalogOrganization {
  return named(organizations, applicationOf(type).organization);
}

export const organizationOfApplication = (application: CatalogApplication): CatalogOrganization => named(organizations, application.organization);

/**
 * What the demo shows: the entries not marked benchOnly, in catalogue order,
 * and the first four people (more would change whom its messages name).
 */
export const demoCatalog = {
  organizations: organizations.filter((o) => !o.benchOnly),
  applications: applications.filter((a) => !organizationOfApplication(a).benchOnly),
  messageTypes: messageTypes.filter((t) => !t.benchOnly && !organizationOf(t).benchOnly),
  people: people.slice(0, 4),
};

/**
 * The senders, applications and message types of the benchmark data set, and
 * the words its messages are made of: Belgian public senders with names in
 * nl/fr/de (one regional sender without German, as in real life), so that
 * search texts have the length and variety of production ones.
 */

export type Lang = 'nl' | 'fr' | 'de';
export type Translated = Partial<Record<Lang, string>>;

export interface BenchOrganization {
  id: string;
  short: Translated;
  long: Translated;
  colour: [number, number, number];
}

export interface BenchApplication {
  id: string;
  organization: string;
  name: Translated;
  description: Translated;
}

export interface BenchMessageType {
  id: string;
  application: string;
  name: Translated;
  description: Translated;
  validityDays: number;
  payment: boolean;
  registered: boolean;
}

/** Appends the mod-97 check digits that real CBE numbers carry. */
export function withCheck(base: string): string {
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

export const organizations: BenchOrganization[] = [
  { id: '0206731645', short: { nl: 'RSZ', fr: 'ONSS', de: 'LSS' }, long: { nl: 'Rijksdienst voor Sociale Zekerheid', fr: 'Office national de sécurité sociale', de: 'Landesamt für soziale Sicherheit' }, colour: [31, 78, 140] },
  { id: '0308357159', short: { nl: 'FOD Financiën', fr: 'SPF Finances', de: 'FÖD Finanzen' }, long: { nl: 'Federale Overheidsdienst Financiën', fr: 'Service public fédéral Finances', de: 'Föderaler Öffentlicher Dienst Finanzen' }, colour: [0, 122, 94] },
  { id: withCheck('02067374'), short: { nl: 'RJV', fr: 'ONVA', de: 'LJU' }, long: { nl: 'Rijksdienst voor Jaarlijkse Vakantie', fr: 'Office national des vacances annuelles', de: 'Landesamt für den Jahresurlaub' }, colour: [214, 120, 0] },
  { id: withCheck('02068115'), short: { nl: 'RIZIV', fr: 'INAMI', de: 'LIKIV' }, long: { nl: 'Rijksinstituut voor ziekte- en invaliditeitsverzekering', fr: "Institut national d'assurance maladie-invalidité", de: 'Landesinstitut für Kranken- und Invalidenversicherung' }, colour: [120, 40, 140] },
  { id: withCheck('03163810'), short: { nl: 'Brussel Fiscaliteit', fr: 'Bruxelles Fiscalité' }, long: { nl: 'Gewestelijke Overheidsdienst Brussel Fiscaliteit', fr: 'Service public régional Bruxelles Fiscalité' }, colour: [0, 84, 166] },
];

const [rsz, fin, rjv, riziv, brufisc] = organizations.map((o) => o.id);

export const applications: BenchApplication[] = [
  { id: 'rsz-onss:dmfa', organization: rsz, name: { nl: 'DmfA', fr: 'DmfA', de: 'DmfA' }, description: { nl: 'Multifunctionele aangifte', fr: 'Déclaration multifonctionnelle', de: 'Multifunktionelle Erklärung' } },
  { id: 'rsz-onss:dimona', organization: rsz, name: { nl: 'Dimona', fr: 'Dimona', de: 'Dimona' }, description: { nl: 'Onmiddellijke aangifte van tewerkstelling', fr: "Déclaration immédiate d'emploi", de: 'Sofortige Beschäftigungsmeldung' } },
  { id: 'fin:myminfin', organization: fin, name: { nl: 'MyMinfin', fr: 'MyMinfin', de: 'MyMinfin' }, description: { nl: 'Uw fiscaal dossier online', fr: 'Votre dossier fiscal en ligne', de: 'Ihre Steuerakte online' } },
  { id: 'fin:intervat', organization: fin, name: { nl: 'Intervat', fr: 'Intervat', de: 'Intervat' }, description: { nl: 'Btw-aangiften', fr: 'Déclarations TVA', de: 'MwSt.-Erklärungen' } },
  { id: 'rjv-onva:workerholidayrights', organization: rjv, name: { nl: 'Sector Jaarlijkse Vakantie', fr: 'Secteur des vacances annuelles', de: 'Sektor des Jahresurlaubs' }, description: { nl: 'Vakantierechten van arbeiders', fr: 'Droits aux vacances des ouvriers', de: 'Urlaubsrechte der Arbeiter' } },
  { id: 'riziv-inami:dri', organization: riziv, name: { nl: 'Aangifte sociaal risico', fr: 'Déclaration de risque social', de: 'Meldung sozialer Risiken' }, description: { nl: 'Arbeidsongeschiktheid en moederschap', fr: 'Incapacité de travail et maternité', de: 'Arbeitsunfähigkeit und Mutterschaft' } },
  { id: 'brufisc:regionaltaxes', organization: brufisc, name: { nl: 'Gewestbelastingen', fr: 'Taxes régionales' }, description: { nl: 'Aanslagen in de gewestbelastingen', fr: 'Avertissements-extraits de rôle des taxes régionales' } },
];

export const messageTypes: BenchMessageType[] = [
  { id: 'DmfaAcknowledgement', application: 'rsz-onss:dmfa', name: { nl: 'Ontvangstbewijs DmfA', fr: 'Accusé de réception DmfA', de: 'Empfangsbestätigung DmfA' }, description: { nl: 'Bevestiging van een kwartaalaangifte', fr: "Confirmation d'une déclaration trimestrielle", de: 'Bestätigung einer Quartalserklärung' }, validityDays: 365, payment: false, registered: false },
  { id: 'SocialContributionsStatement', application: 'rsz-onss:dmfa', name: { nl: 'Afrekening sociale bijdragen', fr: 'Décompte des cotisations sociales', de: 'Abrechnung der Sozialbeiträge' }, description: { nl: 'Verschuldigde bijdragen per kwartaal', fr: 'Cotisations dues par trimestre', de: 'Geschuldete Beiträge pro Quartal' }, validityDays: 730, payment: true, registered: false },
  { id: 'DimonaReceipt', application: 'rsz-onss:dimona', name: { nl: 'Dimona-ontvangstbewijs', fr: 'Accusé de réception Dimona', de: 'Dimona-Empfangsbestätigung' }, description: { nl: 'Bevestiging van een Dimona-aangifte', fr: "Confirmation d'une déclaration Dimona", de: 'Bestätigung einer Dimona-Meldung' }, validityDays: 180, payment: false, registered: false },
  { id: 'CorporateTaxAssessment', application: 'fin:myminfin', name: { nl: 'Aanslagbiljet vennootschapsbelasting', fr: "Avertissement-extrait de rôle de l'impôt des sociétés", de: 'Steuerbescheid Gesellschaftssteuer' }, description: { nl: 'Aanslag per aanslagjaar', fr: "Imposition par exercice d'imposition", de: 'Veranlagung pro Steuerjahr' }, validityDays: 730, payment: true, registered: true },
  { id: 'VatReminder', application: 'fin:intervat', name: { nl: 'Herinnering btw-aangifte', fr: 'Rappel déclaration TVA', de: 'Erinnerung MwSt.-Erklärung' }, description: { nl: 'Herinnering voor een ontbrekende aangifte', fr: "Rappel d'une déclaration manquante", de: 'Erinnerung an eine fehlende Erklärung' }, validityDays: 90, payment: false, registered: false },
  { id: 'VatAccountStatement', application: 'fin:intervat', name: { nl: 'Uittreksel btw-rekening', fr: 'Extrait de compte TVA', de: 'Auszug MwSt.-Konto' }, description: { nl: 'Stand van uw btw-rekening', fr: 'Situation de votre compte TVA', de: 'Stand Ihres MwSt.-Kontos' }, validityDays: 365, payment: true, registered: false },
  { id: 'YearlyVacationAccountExtract', application: 'rjv-onva:workerholidayrights', name: { nl: 'Rekeninguittreksel vakantiegeld', fr: "Disponibilité de l'extrait de compte", de: 'Kontoauszug Urlaubsgeld' }, description: { nl: 'Vakantiegeld van uw arbeiders', fr: 'Pécule de vacances de vos ouvriers', de: 'Urlaubsgeld Ihrer Arbeiter' }, validityDays: 365, payment: false, registered: false },
  { id: 'SocialRiskReceipt', application: 'riziv-inami:dri', name: { nl: 'Ontvangstbewijs aangifte sociaal risico', fr: 'Accusé de réception risque social', de: 'Empfangsbestätigung soziales Risiko' }, description: { nl: 'Bevestiging van een aangifte', fr: "Confirmation d'une déclaration", de: 'Bestätigung einer Meldung' }, validityDays: 365, payment: false, registered: false },
  { id: 'RegionalTaxAssessment', application: 'brufisc:regionaltaxes', name: { nl: 'Aanslagbiljet gewestbelasting', fr: 'Avertissement-extrait de rôle taxe régionale' }, description: { nl: 'Jaarlijkse gewestbelasting', fr: 'Taxe régionale annuelle' }, validityDays: 365, payment: true, registered: true },
];

export function applicationOf(type: BenchMessageType): BenchApplication {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a static table: every message type names one of these applications
  return applications.find((a) => a.id === type.application)!;
}

/** People named in forTheAttentionOf, with the birth date their national number starts with. */
export const people = [
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

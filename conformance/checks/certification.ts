import { parse as parseDisposition } from 'content-disposition';
import type { Answer } from '../http';
import { bytesOf, placed, type DataSet, type Item } from '../dataset';
import { addDays, brusselsDay, expectStatus, fold, getJson, observe, query, UNKNOWN_ID, type Kit } from '../kit';
import { matching } from './lists';

const AREA = 'certification data set';

const sameInstant = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
const sortedIds = (items: Item[]) => items.map((m) => String(m.messageId)).sort();

/** A TranslatedString of the file in a language, as any completion must give it where the file leaves no choice. */
const completed = (value: Item | undefined, lang: string): string | undefined => value?.[lang] ?? value?.fr ?? value?.nl ?? value?.de;

/** The list's view of a message of the file: contract defaults applied. */
const asListed = (m: Item): Item => ({ readStatus: false, visible: true, registeredMail: false, ...m });

interface Expect {
  kit: Kit;
  data: DataSet;
  live: Item[];
}

function equalIds(kit: Kit, rule: string, answer: Answer, expected: Item[]): void {
  const body = answer.json();
  const seen = sortedIds(body.items ?? []);
  const want = sortedIds(expected);
  observe(kit, AREA, rule, JSON.stringify(seen) === JSON.stringify(want) && body.totalItems === want.length, () => ({ request: answer.curl, expected: `${want.length}: ${want.join(', ')}`, seen: `${body.totalItems}: ${seen.join(', ')}` }));
}

async function summaryAndList({ kit, live }: Expect): Promise<void> {
  const ebox = await kit.http.send({ path: '/ebox', operationId: 'getEBoxById', token: 'token' });
  if (expectStatus(kit, AREA, 'GET /ebox gives the figures of the data set', ebox, 200)) {
    const body = ebox.json();
    const bytes = live.flatMap((m) => m.attachments ?? []).reduce((n: number, a: Item) => n + bytesOf(a).length, 0);
    const newest = live.map((m) => m.receiptDate).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    const want = { numberOfMessages: live.length, numberOfUnreadMessages: live.filter((m) => !m.readStatus).length, eboxSize: bytes / 1024 };
    const ok = body.numberOfMessages === want.numberOfMessages && body.numberOfUnreadMessages === want.numberOfUnreadMessages && Math.abs(body.eboxSize - want.eboxSize) < 0.001 && sameInstant(body.lastReceiptDate, newest);
    observe(kit, AREA, 'GET /ebox gives the figures of the data set', ok, () => ({ request: ebox.curl, expected: JSON.stringify({ ...want, lastReceiptDate: newest }), seen: ebox.text }));
  }
  const list = await kit.http.send({ path: '/ebox/messages?pageSize=100', operationId: 'getMessagesByEBoxId', token: 'token' });
  if (!expectStatus(kit, AREA, 'The list holds exactly the live messages of the data set', list, 200)) return;
  equalIds(kit, 'The list holds exactly the live messages of the data set', list, live);
  for (const m of live) {
    const got = (list.json().items ?? []).find((i: Item) => i.messageId === m.messageId);
    if (!got) continue;
    const problems: string[] = [];
    for (const lang of ['nl', 'fr', 'de']) {
      const allowed = m.subject[lang] !== undefined ? [m.subject[lang]] : Object.values(m.subject);
      if (!allowed.includes(got.subject?.[lang])) problems.push(`subject.${lang} ${JSON.stringify(got.subject?.[lang])}`);
    }
    const l = asListed(m);
    for (const key of ['readStatus', 'visible', 'registeredMail', 'messageTypeId', 'senderOrganizationId', 'senderApplicationId']) {
      if ((got[key] ?? (key === 'visible' ? true : undefined)) !== l[key]) problems.push(`${key} ${JSON.stringify(got[key])} instead of ${JSON.stringify(l[key])}`);
    }
    for (const key of ['receiptDate', 'expirationDate']) if (!sameInstant(got[key], m[key])) problems.push(`${key} ${got[key]} instead of ${m[key]}`);
    if (m.forTheAttentionOf && (got.forTheAttentionOf?.id !== m.forTheAttentionOf.id || got.forTheAttentionOf?.name !== m.forTheAttentionOf.name)) problems.push('forTheAttentionOf');
    if (m.paymentData) {
      const p = got.paymentData ?? {};
      for (const key of ['paymentDataId', 'amount', 'vatAmount', 'currency', 'iban', 'bic']) if (p[key] !== m.paymentData[key]) problems.push(`paymentData.${key} ${JSON.stringify(p[key])}`);
      if (!sameInstant(p.dueDate, m.paymentData.dueDate)) problems.push(`paymentData.dueDate ${p.dueDate} instead of ${m.paymentData.dueDate}`);
    }
    const attachments: Item[] = got.attachments?.items ?? [];
    for (const a of m.attachments ?? []) {
      const g = attachments.find((x) => x.fileName === a.fileName);
      if (!g) problems.push(`attachment ${a.fileName} missing`);
      else if (g.mediaType !== a.mediaType || g.mainContent !== a.mainContent || Math.abs(g.size - bytesOf(a).length / 1024) > 0.001) problems.push(`attachment ${a.fileName}: ${JSON.stringify(g).slice(0, 120)}`);
    }
    if (attachments.length !== (m.attachments ?? []).length) problems.push(`${attachments.length} attachments instead of ${(m.attachments ?? []).length}`);
    observe(kit, AREA, 'Every message shows the data set to the byte (dates, flags, names, payment data, attachments)', problems.length === 0, () => ({ request: list.curl, expected: `${m.messageId} as in the data set`, seen: problems.join('; ') }));
  }
}

async function criteria({ kit, data, live }: Expect): Promise<void> {
  const rule = 'Each criterion, alone and together, returns exactly the data set messages it should';
  const day = (id: string) => brusselsDay(data.messages.find((m) => m.messageId === id)?.receiptDate ?? '');
  const expires = (id: string) => brusselsDay(data.messages.find((m) => m.messageId === id)?.expirationDate ?? '');
  const orgs = data.senderOrganizations.map((o) => String(o.organizationId));
  const all: Record<string, string | boolean>[] = [
    { readStatus: true }, { readStatus: false }, { visible: true }, { visible: false }, { registeredMail: true }, { registeredMail: false },
    { messageTypeId: 'cert-type-invoice' }, { senderOrganizationId: orgs[0] }, { senderOrganizationId: orgs[1] }, { senderApplicationId: 'cert-app-social' },
    { receivedAfter: day('cert-02'), receivedBefore: day('cert-02') },
    { receivedBefore: addDays(day('cert-03'), -1) },
    { receivedAfter: day('cert-03') },
    { expiredBefore: expires('cert-04') },
    { expiredAfter: expires('cert-04'), expiredBefore: expires('cert-04') },
    { expiredAfter: addDays(expires('cert-04'), 1) },
    { messageTypeId: 'cert-type-attest', readStatus: false, visible: true },
  ];
  for (const c of all) {
    const answer = await kit.http.send({ path: `/ebox/messages?${query({ pageSize: 100, ...c })}`, operationId: 'getMessagesByEBoxId', token: 'token' });
    if (expectStatus(kit, AREA, rule, answer, 200)) equalIds(kit, rule, answer, matching(live.map(asListed), c));
  }
}

/** The profile's own examples and the data set's traps (accents, %, _, missing languages, hidden and expired messages). */
const NEEDLES: [string, string][] = [
  ...['some', 'me rando', 'ok?', 'François', 'Francois', 'epinards', 'ép', 'SOME RAND', 'ok?This is', 'This some random'].map((q): [string, string] => [q, 'fr']),
  ...['zéphyr', '%', '_', '10%', 'frais_dossier', 'LEFEVRE', '85073003328', 'd-2026-001', 'caisse regionale', 'cotisations', 'facture', 'Mitteilung', 'certification', 'masque'].map((q): [string, string] => [q, 'fr']),
  ...['aanslagbiljet', 'certificatiedienst', 'korting 10%', 'Persönliches'].map((q): [string, string] => [q, 'nl']),
];

function expectedMatches(data: DataSet, live: Item[], q: string, lang: string): Item[] {
  const ref = (list: Item[], key: string, id: unknown) => list.find((r) => r[key] === id);
  const needle = fold(q);
  return live.filter((m) => {
    const type = ref(data.messageTypes, 'messageTypeId', m.messageTypeId);
    const org = ref(data.senderOrganizations, 'organizationId', m.senderOrganizationId);
    const app = ref(data.senderApplications, 'applicationId', m.senderApplicationId);
    const texts = [
      completed(m.subject, lang),
      ...(m.businessDataList ?? []).flatMap((d: Item) => (d.values ?? []).map((v: Item) => completed(v, lang))),
      m.forTheAttentionOf?.id,
      m.forTheAttentionOf?.name,
      completed(type?.messageTypeName, lang),
      completed(type?.messageTypeDescription, lang),
      completed(org?.organizationShortName, lang),
      completed(org?.organizationLongName, lang),
      completed(app?.applicationName, lang),
      completed(app?.applicationDescription, lang),
    ];
    return texts.some((t) => typeof t === 'string' && fold(t).includes(needle));
  });
}

/** Searches with other criteria: the conjunction holds for q too. */
const NEEDLES_WITH_CRITERIA: [string, Record<string, string | boolean>][] = [
  ['certification', { readStatus: false }],
  ['facture', { senderApplicationId: 'cert-app-social' }],
  ['masque', { visible: true }],
];

async function searches({ kit, data, live }: Expect): Promise<void> {
  const rule = 'Text search finds exactly the data set messages containing q (case, accents, literal characters)';
  for (const [q, lang] of NEEDLES) {
    const answer = await kit.http.send({ path: `/ebox/messages?${query({ q, qlang: lang, pageSize: 100 })}`, operationId: 'getMessagesByEBoxId', token: 'token' });
    if (expectStatus(kit, AREA, rule, answer, 200)) equalIds(kit, rule, answer, expectedMatches(data, live, q, lang));
  }
  for (const [q, c] of NEEDLES_WITH_CRITERIA) {
    const answer = await kit.http.send({ path: `/ebox/messages?${query({ q, qlang: 'fr', pageSize: 100, ...c })}`, operationId: 'getMessagesByEBoxId', token: 'token' });
    if (expectStatus(kit, AREA, rule, answer, 200)) equalIds(kit, rule, answer, matching(expectedMatches(data, live, q, 'fr').map(asListed), c));
  }
}

async function contents({ kit, data }: Expect): Promise<void> {
  const message = (id: string) => data.messages.find((m) => m.messageId === id) ?? {};
  const readStatus = async (id: string) => (await kit.http.send({ path: `/ebox/messages/${id}`, operationId: 'getMessageById', token: 'token' })).json().readStatus;
  const listed = await kit.http.send({ path: '/ebox/messages/cert-01/attachments', operationId: 'getAttachmentByMessageId', token: 'token' });
  if (!expectStatus(kit, AREA, 'The attachments of the data set are served byte for byte', listed, 200)) return;
  const byName = (name: string) => (listed.json().items ?? []).find((a: Item) => a.fileName === name);
  const annex = byName('annexe.txt');
  const main = byName('Attestation_sécurité_été_2026.pdf');
  for (const [a, source] of [[annex, message('cert-01').attachments?.[1]], [main, message('cert-01').attachments?.[0]]] as [Item | undefined, Item][]) {
    if (!a) continue;
    const content = await kit.http.send({ path: String(a.contentHref), operationId: 'getAttachmentContentById', token: 'token' });
    observe(kit, AREA, 'The attachments of the data set are served byte for byte', content.status === 200 && content.bytes.equals(bytesOf(source)), () => ({ request: content.curl, expected: `${bytesOf(source).length} bytes of ${source.fileName}`, seen: `${content.status}, ${content.bytes.length} bytes` }));
    const length = content.headers.get('content-length');
    const type = (content.headers.get('content-type') ?? '').split(';')[0].trim();
    observe(kit, AREA, 'Content-Type and Content-Length of an attachment are its mediaType and byte count', length === String(bytesOf(source).length) && type === source.mediaType, () => ({ request: content.curl, expected: `Content-Type: ${source.mediaType}, Content-Length: ${bytesOf(source).length}`, seen: `Content-Type: ${type}, Content-Length: ${length ?? '(none)'}` }));
    let name: string | undefined;
    try {
      name = parseDisposition(content.headers.get('content-disposition') ?? '').parameters.filename;
    } catch {
      name = undefined;
    }
    observe(kit, AREA, 'Content-Disposition gives the exact file name, accents included', name === source.fileName, () => ({ request: content.curl, expected: source.fileName, seen: content.headers.get('content-disposition') ?? '(none)' }));
    const read = await readStatus('cert-01');
    const expected = a === main;
    observe(kit, AREA, 'Reading the main content marks the message read; reading an annex does not', read === expected, () => ({ request: content.curl, expected: `readStatus ${expected} after downloading ${source.fileName}`, seen: `readStatus ${read}` }));
  }
  const body = await getJson(kit, { path: '/ebox/messages/cert-10/body', operationId: 'getBodyContent', token: 'token' });
  observe(kit, AREA, 'Body and payment data are served as in the data set, 404 when the message has none', body.status === 200 && JSON.stringify(body.json()) === JSON.stringify(message('cert-10').bodyContent), () => ({ request: body.curl, expected: JSON.stringify(message('cert-10').bodyContent), seen: body.text }));
  const payment = await kit.http.send({ path: '/ebox/messages/cert-07/paymentData', operationId: 'getPaymentDataByMessageId', token: 'token' });
  observe(kit, AREA, 'Body and payment data are served as in the data set, 404 when the message has none', payment.status === 200 && payment.json().iban === message('cert-07').paymentData?.iban && sameInstant(payment.json().dueDate, message('cert-07').paymentData?.dueDate), () => ({ request: payment.curl, expected: JSON.stringify(message('cert-07').paymentData), seen: payment.text }));
  for (const path of ['/ebox/messages/cert-01/body', '/ebox/messages/cert-01/paymentData']) {
    const none = await kit.http.send({ path, operationId: path.endsWith('body') ? 'getBodyContent' : 'getPaymentDataByMessageId', token: 'token' });
    expectStatus(kit, AREA, 'Body and payment data are served as in the data set, 404 when the message has none', none, 404);
  }
  const unknown = await kit.http.send({ path: `/ebox/messages/${UNKNOWN_ID}`, operationId: 'getMessageById', token: 'token' });
  const expired = await kit.http.send({ path: '/ebox/messages/cert-05', operationId: 'getMessageById', token: 'token' });
  observe(kit, AREA, 'An expired message answers like an unknown one', expired.status === unknown.status && expired.status === 404, () => ({ request: expired.curl, expected: `${unknown.status}, as ${UNKNOWN_ID}`, seen: String(expired.status) }));
  const logo = data.senderOrganizations[0].organizationLogos?.[0];
  const first = await kit.http.send({ path: `/referenceData/senderOrganizations/${data.senderOrganizations[0].organizationId}`, operationId: 'getSenderOrganizationById', token: 'token' });
  const href = first.status === 200 ? first.json().organizationLogos?.[0]?.contentHref : undefined;
  if (logo && typeof href === 'string') {
    const image = await kit.http.send({ path: href, operationId: 'getImageForSenderOrganization', token: 'token' });
    observe(kit, AREA, 'A logo of the data set is served byte for byte with its media type', image.status === 200 && image.bytes.equals(bytesOf(logo)) && (image.headers.get('content-type') ?? '').startsWith(logo.mediaType), () => ({ request: image.curl, expected: `${bytesOf(logo).length} bytes, ${logo.mediaType}`, seen: `${image.status}, ${image.bytes.length} bytes, ${image.headers.get('content-type')}` }));
  } else {
    observe(kit, AREA, 'A logo of the data set is served byte for byte with its media type', false, () => ({ request: first.curl, expected: 'organizationLogos[0].contentHref', seen: first.text.slice(0, 200) }));
  }
  const org = data.senderOrganizations[1];
  const item = await kit.http.send({ path: `/referenceData/senderOrganizations/${org.organizationId}`, operationId: 'getSenderOrganizationById', token: 'token' });
  const name = org.organizationShortName.fr;
  observe(kit, AREA, 'A reference item given in one language is completed with it in nl, fr and de', item.status === 200 && ['nl', 'fr', 'de'].every((l) => item.json().organizationShortName?.[l] === name), () => ({ request: item.curl, expected: `"${name}" in nl, fr and de`, seen: item.text.slice(0, 200) }));
}

/** Resets the test e-Box, then checks exact expectations against the kit's data set. Returns false when the reset failed. */
export async function resetDataSet(kit: Kit): Promise<string | undefined> {
  const answer = await kit.http.send({ method: 'POST', path: '/certification/resetDataSet', operationId: 'resetCertificationDataSet', token: 'certificationToken' });
  if (!expectStatus(kit, 'certification', 'POST /certification/resetDataSet with the certification token answers 200', answer, 200)) return undefined;
  const day = answer.json().referenceDay;
  return typeof day === 'string' ? day : new Date().toISOString().slice(0, 10);
}

export async function certification(kit: Kit, data: DataSet, day: string): Promise<void> {
  const placedData = placed(data, day);
  const now = Date.now();
  const live = placedData.messages.filter((m) => Date.parse(m.expirationDate) > now);
  const expect: Expect = { kit, data: placedData, live };
  await summaryAndList(expect);
  await criteria(expect);
  await searches(expect);
  await contents(expect);
}

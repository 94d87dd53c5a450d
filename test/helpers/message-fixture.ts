import { DAY, b64, iso } from './seed';
import { APP_ID, ORG_FULL, ORG_NO_DE, referenceFixture } from './reference-fixture';

export const EBOX_A = '0123456749';
export const EBOX_B = '1000000021';
export const A = `dev.${EBOX_A}`;
export const B = `dev.${EBOX_B}`;

export const NON_ASCII_PDF = 'Attestation_sécurité_été_2026.pdf';
export const PDF_BYTES = Buffer.from('%PDF-1.4\n% fixture\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// Far enough for every test run; criteria tests rely on it being after 2030.
const future = '2035-01-01T00:00:00Z';

/** A message of the import format with sensible defaults. */
export function msg(id: string, over: Record<string, unknown> = {}) {
  const message: Record<string, unknown> = {
    eboxId: EBOX_A,
    messageId: id,
    subject: { nl: `Bericht ${id}`, fr: `Message ${id}` },
    receiptDate: '2024-01-10T10:00:00Z',
    expirationDate: future,
    messageTypeId: 'type-02',
    senderOrganizationId: ORG_FULL,
    senderApplicationId: APP_ID,
    ...over,
  };
  for (const key of Object.keys(message)) if (message[key] === undefined) delete message[key];
  return message;
}

export const pdfAttachment = (over: Record<string, unknown> = {}) => ({
  attachmentId: 'main',
  fileName: NON_ASCII_PDF,
  mediaType: 'application/pdf',
  mainContent: true,
  content: b64(PDF_BYTES),
  ...over,
});

export const textAnnex = (id = 'annex', text = 'an annex, in plain text') => ({
  attachmentId: id,
  fileName: `${id}.txt`,
  mediaType: 'text/plain',
  mainContent: false,
  content: b64(text),
});

/**
 * Two e-Boxes. A holds messages chosen for the criteria, the date boundaries
 * (winter and summer midnights in Brussels) and the read rules; B holds a
 * message and attachment that A must never see.
 */
export function messageFixture() {
  return {
    ...referenceFixture(),
    messages: [
      msg('full', {
        receiptDate: '2024-05-01T08:00:00Z',
        subject: { fr: 'Votre attestation' },
        forTheAttentionOf: { id: '85073003328', type: 'person', name: 'Jan Janssens' },
        businessDataList: [{ key: 'dossier', name: { nl: 'Dossier' }, values: [{ nl: 'D-42' }] }],
        paymentData: { paymentDataId: 'pay-1', amount: 120.5, vatAmount: 0, currency: 'EUR', dueDate: '2026-12-31T00:00:00Z', iban: 'BE68539007547034' },
        bodyContent: { fr: 'Le corps du message' },
        bodyMainContent: false,
        registeredMail: true,
        attachments: [pdfAttachment(), textAnnex()],
      }),
      msg('body-main', { receiptDate: '2024-04-01T08:00:00Z', bodyContent: { nl: 'Hoofdinhoud' }, bodyMainContent: true }),
      msg('read-hidden', { receiptDate: '2024-03-01T08:00:00Z', readStatus: true, visible: false, messageTypeId: 'type-03' }),
      msg('other-sender', { receiptDate: '2024-02-01T08:00:00Z', senderOrganizationId: ORG_NO_DE, senderApplicationId: undefined }),
      // Same receipt instant: ordered by messageId, descending.
      msg('tie-a', { receiptDate: '2024-01-15T12:00:00Z' }),
      msg('tie-b', { receiptDate: '2024-01-15T12:00:00Z' }),
      // Around midnight in Brussels, winter (UTC+1) and summer (UTC+2).
      msg('winter-before-midnight', { receiptDate: '2020-02-29T22:59:59Z' }), // 23:59:59 local, 29 Feb
      msg('winter-after-midnight', { receiptDate: '2020-02-29T23:00:00Z' }), // 00:00:00 local, 1 March
      msg('summer-before-midnight', { receiptDate: '2020-06-30T21:59:59Z' }), // 23:59:59 local, 30 June
      msg('summer-after-midnight', { receiptDate: '2020-06-30T22:00:00Z' }), // 00:00:00 local, 1 July
      msg('expires-2030-winter', { receiptDate: '2019-01-01T10:00:00Z', expirationDate: '2030-01-14T23:30:00Z' }), // 00:30 local, 15 Jan
      msg('expires-2030-summer', { receiptDate: '2019-01-01T09:00:00Z', expirationDate: '2030-07-14T21:30:00Z' }), // 23:30 local, 14 July
      msg('expired', { receiptDate: '2024-06-01T08:00:00Z', expirationDate: iso(Date.now() - DAY), attachments: [textAnnex('old')] }),
      msg('b-message', { eboxId: EBOX_B, attachments: [pdfAttachment({ attachmentId: 'b-att' })], bodyContent: { fr: 'secret' }, paymentData: { paymentDataId: 'pay-b', amount: 1, vatAmount: 0, currency: 'EUR', dueDate: '2026-12-31T00:00:00Z', iban: 'BE68539007547034' } }),
    ],
  };
}

/** Ids in A that are live (not expired), newest first. */
export const LIVE_IN_A = [
  'full',
  'body-main',
  'read-hidden',
  'other-sender',
  'tie-b',
  'tie-a',
  'summer-after-midnight',
  'summer-before-midnight',
  'winter-after-midnight',
  'winter-before-midnight',
  'expires-2030-winter',
  'expires-2030-summer',
];

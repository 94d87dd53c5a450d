import fs from 'node:fs';
import path from 'node:path';

export const LOAD_ORG = '0206731645';
export const LOAD_APP = 'load:app';
export const LOAD_TYPE = 'load-type';

/** The reference data every generated message names. */
export function loadReferences(organizationName = 'Load Org') {
  return {
    senderOrganizations: [{ organizationId: LOAD_ORG, organizationShortName: { nl: organizationName, fr: organizationName, de: organizationName } }],
    senderApplications: [{ applicationId: LOAD_APP, applicationName: { nl: 'Load', fr: 'Load' }, senderOrganizationIds: [LOAD_ORG] }],
    messageTypes: [{ messageTypeId: LOAD_TYPE, messageTypeName: { nl: 'Bericht', fr: 'Message' } }],
  };
}

/**
 * Small messages spread over the given e-Boxes, each with its own tiny text
 * attachment (distinct bytes, so every message brings one new blob).
 */
export function loadMessages(count: number, eboxIds: string[], prefix = 'load', from = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      messageId: `${prefix}-${String(i).padStart(6, '0')}`,
      eboxId: eboxIds[i % eboxIds.length],
      subject: { nl: `Bericht ${i}`, fr: `Message ${i}` },
      receiptDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      expirationDate: '2035-01-01T00:00:00Z',
      messageTypeId: LOAD_TYPE,
      senderOrganizationId: LOAD_ORG,
      senderApplicationId: LOAD_APP,
      attachments: [{ attachmentId: 'main', fileName: 'main.txt', mediaType: 'text/plain', mainContent: true, content: Buffer.from(`${prefix} message ${i}\n`).toString('base64') }],
    };
  });
}

/** Writes a complete import file of `count` generated messages into dir and returns its path. */
export function writeLoadFile(dir: string, count: number, eboxIds: string[]): string {
  const file = path.join(dir, `load-${count}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...loadReferences(), messages: loadMessages(count, eboxIds) }));
  return file;
}

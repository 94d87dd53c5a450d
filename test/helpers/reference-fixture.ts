import { PNG, SVG, b64 } from './seed';

export const ORG_FULL = '0206731645';
export const ORG_NO_DE = '0354616448';
export const ORG_FR_ONLY = '0200065765';
export const APP_ID = 'myminfin';

/** Reference data with gaps in translations, logos, and enough message types for three pages. */
export function referenceFixture() {
  return {
    senderOrganizations: [
      {
        organizationId: ORG_FULL,
        organizationShortName: { nl: 'FOD Financiën', fr: 'SPF Finances', de: 'FÖD Finanzen' },
        organizationLongName: { nl: 'Federale Overheidsdienst Financiën', fr: 'Service public fédéral Finances', de: 'Föderaler Öffentlicher Dienst Finanzen' },
        organizationLogos: [
          { imageId: 'logo-png', mediaType: 'image/png', language: 'nl', content: b64(PNG) },
          { imageId: 'logo-svg', mediaType: 'image/svg+xml', content: b64(SVG) },
        ],
      },
      {
        organizationId: ORG_NO_DE,
        organizationShortName: { nl: 'RSZ', fr: 'ONSS' },
      },
      {
        organizationId: ORG_FR_ONLY,
        organizationShortName: { fr: 'Inami' },
      },
    ],
    senderApplications: [
      {
        applicationId: APP_ID,
        applicationName: { nl: 'MyMinfin', fr: 'MyMinfin' },
        applicationLogos: [{ imageId: 'app-logo', mediaType: 'image/png', content: b64(PNG) }],
        senderOrganizationIds: [ORG_FULL],
      },
    ],
    messageTypes: Array.from({ length: 60 }, (_, i) => ({
      messageTypeId: `type-${String(i + 1).padStart(2, '0')}`,
      messageTypeName: i === 0 ? { nl: 'Aanslagbiljet' } : { nl: `Type ${i + 1}`, fr: `Type ${i + 1}`, de: `Typ ${i + 1}` },
      validityPeriod: { validityPeriodNumber: 1, validityPeriodUnit: 'year' },
    })),
  };
}

/**
 * The three kinds of reference data (glossary: organization → application →
 * message type), described once. Every module that treats them alike (routes,
 * import file, storage, search, logos) reads this table instead of keeping a
 * map of its own.
 */
export interface ReferenceKindInfo {
  /** How error messages name one object. */
  label: string;
  /** The collection: the path segment under /referenceData and the key in an import file. */
  collection: string;
  /** The contract property holding the object's id. */
  idProperty: string;
  /** The property of a Message naming one such object. */
  messageProperty: string;
  /** The contract property listing its logos; message types have none. */
  logosProperty?: string;
  /** Storage: the table, its id column, and the column of messages naming it. */
  table: string;
  idColumn: string;
  messageColumn: string;
}

export const REFERENCE_KINDS = {
  senderOrganization: {
    label: 'Sender organization',
    collection: 'senderOrganizations',
    idProperty: 'organizationId',
    messageProperty: 'senderOrganizationId',
    logosProperty: 'organizationLogos',
    table: 'sender_organizations',
    idColumn: 'organization_id',
    messageColumn: 'sender_organization_id',
  },
  senderApplication: {
    label: 'Sender application',
    collection: 'senderApplications',
    idProperty: 'applicationId',
    messageProperty: 'senderApplicationId',
    logosProperty: 'applicationLogos',
    table: 'sender_applications',
    idColumn: 'application_id',
    messageColumn: 'sender_application_id',
  },
  messageType: {
    label: 'Message type',
    collection: 'messageTypes',
    idProperty: 'messageTypeId',
    messageProperty: 'messageTypeId',
    table: 'message_types',
    idColumn: 'message_type_id',
    messageColumn: 'message_type_id',
  },
} as const satisfies Record<string, ReferenceKindInfo>;

export type ReferenceKind = keyof typeof REFERENCE_KINDS;

/** The kinds that carry logos. */
export type LogoOwner = 'senderOrganization' | 'senderApplication';

export const REFERENCE_KIND_NAMES = Object.keys(REFERENCE_KINDS) as ReferenceKind[];

import type { AttachmentToPublish, MessageToPublish, TranslatedString, ValidityPeriod } from '../../contract/types';
import { messageToPublishValidator } from '../../contract/message-to-publish';
import { findMessage } from '../../db/repositories/messages';
import { findReference, type ReferenceRecord } from '../../db/repositories/reference-data';
import type { Db } from '../../db/types';
import { hasValidCbeCheckDigits, normalizeCbe } from '../../domain/cbe';
import { addPeriod, toDateTime } from '../../domain/dates';
import { PUBLICATION_LIMIT_SETTINGS, type PublicationLimits } from '../../domain/limits';
import { isPlainObject } from '../../domain/plain-object';
import { REFERENCE_KINDS, type ReferenceKind } from '../../domain/reference-kinds';
import { LANGUAGES } from '../../domain/translated-string';
import { ApiError, badRequest } from '../../http/errors';
import { jsonDepth } from '../../http/json-depth';
import { FILE_PART, MESSAGE_PART, type ExpectedFiles } from './multipart';

/** A messageToPublish that passed every check, with what the publication needs of it. */
export interface CheckedMessage {
  /** As sent, null-valued properties dropped. */
  message: MessageToPublish;
  recipientEboxId: string;
  senderOrganizationId: string;
  messageTypeId: string;
  /** The message type's validity period, when it has one. */
  validity: ValidityPeriod | undefined;
  /** The expirationDate the sender chose, epoch ms. */
  requestedExpirationAt: number | undefined;
  /** The attachments in their order, each naming its file part. */
  attachments: AttachmentToPublish[];
  files: ExpectedFiles;
}

/** JSON nesting accepted in messageToPublish: the contract's schema needs five levels. */
const MAX_DEPTH = 16;

const SHA256_BYTES = 32;

/**
 * Every rule a messageToPublish must meet before anything of it is stored:
 * the contract's schema, then who may publish what to whom. Run as soon as
 * the part arrives, whatever the order of the parts.
 */
export class MessageChecker {
  private readonly validate = messageToPublishValidator();

  constructor(
    private readonly db: Db,
    private readonly limits: PublicationLimits,
  ) {}

  async check(senderEboxId: string, text: string, now: number): Promise<CheckedMessage> {
    const message = this.parse(text);
    const senderOrganizationId = this.sender(senderEboxId, message);
    const recipientEboxId = recipientOf(message.recipient);
    this.checkSubject(message);
    const attachments = message.attachments ?? [];
    const files = this.files(attachments);
    checkMainContent(message, attachments);
    if (message.messageTypeId === undefined) throw badRequest(`${MESSAGE_PART}.messageTypeId is required: every message in an e-Box has a message type`);
    const messageType = await this.references(senderOrganizationId, message.messageTypeId, message.senderApplicationId);
    if (message.originalMessageId !== undefined) await this.checkReply(senderEboxId, recipientEboxId, message.originalMessageId, now);
    const validity = messageType.document.validityPeriod as ValidityPeriod | undefined;
    const requestedExpirationAt = message.expirationDate === undefined ? undefined : Date.parse(message.expirationDate);
    const checked: CheckedMessage = {
      message,
      recipientEboxId,
      senderOrganizationId,
      messageTypeId: message.messageTypeId,
      validity,
      requestedExpirationAt,
      attachments,
      files,
    };
    expirationOf(checked, now);
    return checked;
  }

  private parse(text: string): MessageToPublish {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw badRequest(`${MESSAGE_PART} is not JSON: ${(err as Error).message}`);
    }
    if (jsonDepth(value, MAX_DEPTH) > MAX_DEPTH) throw badRequest(`${MESSAGE_PART} is nested deeper than ${MAX_DEPTH} levels`);
    const result = this.validate(withoutNulls(value));
    if (!result.ok) throw badRequest(result.problem);
    return result.message;
  }

  /** The token's enterprise is the sender: a message cannot be published in another organization's name. */
  private sender(senderEboxId: string, message: MessageToPublish): string {
    if (message.senderOrganizationId !== undefined && message.senderOrganizationId !== senderEboxId) {
      throw new ApiError('SENDER_MISMATCH', 'senderOrganizationId must be the enterprise the access token was issued to');
    }
    return senderEboxId;
  }

  private checkSubject(message: MessageToPublish): void {
    const languages = LANGUAGES.filter((lang) => (message.subject[lang] ?? '') !== '');
    if (languages.length === 0) throw badRequest(`${MESSAGE_PART}.subject needs a text in at least one of nl, fr, de`);
    const max = this.limits.maxSubjectLength;
    for (const lang of languages) {
      if ([...(message.subject[lang] as string)].length > max) {
        throw new ApiError('LIMIT_EXCEEDED', `${MESSAGE_PART}.subject.${lang} is longer than ${max} characters (limit ${PUBLICATION_LIMIT_SETTINGS.maxSubjectLength})`);
      }
    }
  }

  /** The file parts the attachments name, with the digests they announce. */
  private files(attachments: AttachmentToPublish[]): ExpectedFiles {
    if (attachments.length > this.limits.maxFiles) {
      throw new ApiError('LIMIT_EXCEEDED', `${MESSAGE_PART} has more than ${this.limits.maxFiles} attachments (limit ${PUBLICATION_LIMIT_SETTINGS.maxFiles})`);
    }
    const files: ExpectedFiles = new Map();
    attachments.forEach((a, i) => {
      const where = `${MESSAGE_PART}.attachments.${i}`;
      if (!FILE_PART.test(a.httpPartName)) throw badRequest(`${where}.httpPartName must be one of the parts upfile1 to upfile6`);
      if (files.has(a.httpPartName)) throw badRequest(`${where}.httpPartName ${a.httpPartName} is named by two attachments`);
      let digest: Buffer | undefined;
      if (a.digest !== undefined) {
        // base64url as the contract says; padded or standard base64 decodes to the same bytes.
        digest = Buffer.from(a.digest.digestValue, 'base64');
        if (digest.length !== SHA256_BYTES || !/^[A-Za-z0-9_\-+/]+=*$/.test(a.digest.digestValue)) {
          throw badRequest(`${where}.digest.digestValue is not a SHA-256 in base64url`);
        }
      }
      files.set(a.httpPartName, digest);
    });
    return files;
  }

  /**
   * The sender organization, the message type and the application must be in
   * the reference data; where they list each other (which organizations and
   * applications may publish a message type…), the publication must fit.
   */
  private async references(organizationId: string, messageTypeId: string, applicationId: string | undefined): Promise<ReferenceRecord> {
    const organization = await this.reference('senderOrganization', organizationId);
    const messageType = await this.reference('messageType', messageTypeId);
    const application = applicationId === undefined ? undefined : await this.reference('senderApplication', applicationId);
    const refuses = (record: ReferenceRecord, property: string, id: string | undefined) => {
      const allowed = record.document[property];
      return id !== undefined && Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(id);
    };
    const notAllowed = (what: string) => new ApiError('SENDER_NOT_ALLOWED', `The reference data do not allow ${what}`);
    if (refuses(messageType, 'senderOrganizationIds', organizationId) || refuses(organization, 'messageTypeIds', messageTypeId)) {
      throw notAllowed(`sender organization ${organizationId} to publish message type ${messageTypeId}`);
    }
    if (application !== undefined) {
      if (refuses(application, 'senderOrganizationIds', organizationId) || refuses(organization, 'senderApplicationIds', applicationId)) {
        throw notAllowed(`sender organization ${organizationId} to publish through application ${applicationId}`);
      }
      if (refuses(messageType, 'senderApplicationIds', applicationId) || refuses(application, 'messageTypeIds', messageTypeId)) {
        throw notAllowed(`application ${applicationId} to publish message type ${messageTypeId}`);
      }
    }
    return messageType;
  }

  private async reference(kind: ReferenceKind, id: string): Promise<ReferenceRecord> {
    const record = await findReference(this.db, kind, id);
    if (!record) throw new ApiError('UNKNOWN_REFERENCE', `${REFERENCE_KINDS[kind].label} ${JSON.stringify(id)} is not in the reference data of this provider`);
    return record;
  }

  /**
   * A reply answers a message its sender received: one of the sender's own
   * e-Box, that allows replies, and it goes back to that message's sender.
   */
  private async checkReply(senderEboxId: string, recipientEboxId: string, originalMessageId: string, now: number): Promise<void> {
    const original = await findMessage(this.db, senderEboxId, originalMessageId, now);
    const refused = (why: string) => new ApiError('INVALID_ORIGINAL_MESSAGE', `originalMessageId: ${why}`);
    if (!original) throw refused('no such message in the e-Box of the sender');
    if (!original.replyAuthorized) throw refused('that message does not allow replies');
    if (original.senderOrganizationId !== recipientEboxId) throw refused('a reply goes to the sender of the message it answers');
  }
}

/**
 * When the message expires if received at `receiptAt`: the sender's
 * expirationDate, within the message type's validity period; otherwise the
 * end of that period.
 */
export function expirationOf(checked: CheckedMessage, receiptAt: number): number {
  const { validity, requestedExpirationAt } = checked;
  const latest = validity === undefined ? undefined : addPeriod(receiptAt, validity.validityPeriodNumber, validity.validityPeriodUnit);
  const refused = (why: string) => new ApiError('INVALID_EXPIRATION_DATE', why);
  if (requestedExpirationAt === undefined) {
    if (latest === undefined) throw refused(`Message type ${checked.messageTypeId} has no validity period: give an expirationDate`);
    return latest;
  }
  if (requestedExpirationAt <= receiptAt) throw refused('expirationDate is not in the future');
  if (latest !== undefined && requestedExpirationAt > latest) {
    const period = `${validity?.validityPeriodNumber} ${validity?.validityPeriodUnit}(s)`;
    throw refused(`expirationDate is after ${toDateTime(latest)}, the end of the ${period} validity period of message type ${checked.messageTypeId}`);
  }
  return requestedExpirationAt;
}

/** The recipient: an enterprise e-Box, by a valid CBE number. */
function recipientOf(recipient: MessageToPublish['recipient']): string {
  if (recipient.eboxType === 'citizen') {
    throw new ApiError('CITIZEN_RECIPIENT', 'This provider holds enterprise e-Boxes only: a citizen is reached through the e-Box citizen');
  }
  const cbe = normalizeCbe(recipient.eboxIdValue);
  if (cbe === undefined || !hasValidCbeCheckDigits(cbe)) {
    throw new ApiError('INVALID_RECIPIENT', 'recipient.eboxIdValue is not a valid CBE number (10 digits, starting with 0 or 1, with valid check digits)');
  }
  return cbe;
}

function checkMainContent(message: MessageToPublish, attachments: AttachmentToPublish[]): void {
  const body = hasText(message.bodyContent);
  if (message.bodyMainContent && !body) throw new ApiError('NO_MAIN_CONTENT', 'bodyMainContent is true but there is no bodyContent');
  if (!attachments.some((a) => a.mainContent) && !message.bodyMainContent) {
    throw new ApiError('NO_MAIN_CONTENT', 'A message needs a main content: an attachment with mainContent true, or a bodyContent with bodyMainContent true');
  }
}

/** A TranslatedString with a text in at least one language. */
export function hasText(value: TranslatedString | undefined): value is TranslatedString {
  return value !== undefined && LANGUAGES.some((lang) => (value[lang] ?? '') !== '');
}

/**
 * Many JSON libraries (Jackson's default, for one) write unset properties as
 * null; the contract has no nullable property, so null can only mean absent.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

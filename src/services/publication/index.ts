import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobStore, StoredBlob } from '../../blobs/blob-store';
import type {
  BusinessData,
  BusinessDataToPublish,
  EboxId,
  LinkResponse,
  MessageIdEboxId,
  MessageStatus,
  MessageToLink,
  PublicationStatusMessage,
  TranslatedString,
} from '../../contract/types';
import { attachmentsOf, type AttachmentRecord, type MessageRecord } from '../../db/repositories/messages';
import { blobInUse, eboxesHolding, findSenderMessage, insertLinks, lastConsultationOf, linkSourceOf, publishedStatuses } from '../../db/repositories/publication';
import type { Db } from '../../db/types';
import { hasValidCbeCheckDigits, normalizeCbe } from '../../domain/cbe';
import { toDateTime } from '../../domain/dates';
import { MAX_LINK_RECIPIENTS, MAX_STATUS_ITEMS, type PublicationLimits } from '../../domain/limits';
import { kb } from '../../domain/units';
import { ApiError, badRequest, notFound } from '../../http/errors';
import { safeError, type Logger } from '../../log';
import { expirationOf, hasText, MessageChecker, type CheckedMessage } from './message';
import { receiveUpload, type ReceivedFile } from './multipart';
import { writePublishedMessages, type PublishedMessage } from './write';

export { writePublishedMessages } from './write';

/** Writes the audit record of a successful call inside the transaction of its write. */
export type RecordWrite = (trx: Db, details: unknown) => Promise<void>;

/** What the audit record of a publication says: ids, media types, sizes and digests, never content. */
export interface PublicationDetails {
  messageId?: string;
  originalMessageId?: string;
  attachments: {
    attachmentId?: string;
    httpPartName: string;
    mediaType: string;
    /** kB, as the contract's Attachment.size. */
    size: number;
    digest: { digestMethod: 'sha_256'; digestValue: string };
  }[];
}

export interface PublicationRequest {
  contentType: string | undefined;
  /** The multipart body, unread. */
  body: Readable;
}

/** Told what a publication is as it is read, so that a refused one is audited with what it carried. */
export type NoteDetails = (details: PublicationDetails) => void;

export const NO_DIGITAL_USER = 'NO_DIGITAL_USER';

/**
 * The publication profile: a sender (the enterprise of the access token)
 * publishes messages into the enterprise e-Boxes this provider holds, links
 * them to more e-Boxes, and asks what became of them.
 */
export class PublicationService {
  private readonly checker: MessageChecker;

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    private readonly limits: PublicationLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.checker = new MessageChecker(db, limits);
  }

  /**
   * POST /publishMessage. All or nothing: the files are staged while they
   * arrive and stored only once the whole request is read and checked; the
   * message, its attachments, its search rows and the call's audit record
   * commit in one transaction. A refusal or failure at any point leaves no
   * row and no bytes of this request.
   */
  async publish(senderEboxId: string, request: PublicationRequest, note: NoteDetails, record: RecordWrite): Promise<PublicationStatusMessage> {
    const details: PublicationDetails = { attachments: [] };
    note(details);
    let checked: CheckedMessage | undefined;
    const files = await receiveUpload({
      source: request.body,
      contentType: request.contentType,
      limits: this.limits,
      blobs: this.blobs,
      onMessage: async (text) => {
        checked = await this.checker.check(senderEboxId, text, this.now());
        if (checked.message.originalMessageId !== undefined) details.originalMessageId = checked.message.originalMessageId;
        return checked.files;
      },
      onFile: (file) => details.attachments.push(fileDetails(file)),
    });
    // receiveUpload resolves only once the JSON part was checked.
    const message = checked as CheckedMessage;
    const stored: StoredBlob[] = [];
    try {
      const receiptAt = this.now();
      const published = publishedMessage(message, files, receiptAt);
      // Bytes first, then the rows naming them: no reader ever finds a row without its bytes.
      for (const file of files.values()) stored.push(await this.blobs.commit(file.blob));
      return await this.db.transaction(async (trx) => {
        const consulted = await lastConsultationOf(trx, message.recipientEboxId);
        await writePublishedMessages(trx, [published]);
        details.messageId = published.record.messageId;
        details.attachments = published.attachments.map((a) => ({ ...fileDetails(files.get(partOf(message, a)) as ReceivedFile), attachmentId: a.attachmentId }));
        await record(trx, details);
        return {
          messageId: published.record.messageId,
          expirationDate: toDateTime(published.record.expirationAt),
          // The owner never opened this e-Box: the sender may want to reach the enterprise another way.
          ...(consulted == null ? { code: NO_DIGITAL_USER, message: 'The recipient has never consulted its e-Box' } : {}),
        };
      });
    } catch (err) {
      await Promise.allSettled([...files.values()].map((file) => this.blobs.discard(file.blob)));
      await this.removeUnused(stored);
      throw err;
    }
  }

  /**
   * POST /linkEboxMessage: the sender's message appears in more e-Boxes. Each
   * gets a message of its own (read status, visibility) pointing at the same
   * stored bytes. An e-Box that holds the message already counts as linked,
   * so a retried call changes nothing; recipients that cannot hold it (a
   * citizen, an invalid CBE number) are the error cases. One transaction.
   */
  async link(senderEboxId: string, body: MessageToLink | undefined, record: RecordWrite): Promise<LinkResponse> {
    if (body === undefined) throw badRequest('A MessageToLink body is required');
    if (body.recipients.length > MAX_LINK_RECIPIENTS) {
      throw new ApiError('LIMIT_EXCEEDED', `A link names at most ${MAX_LINK_RECIPIENTS} recipients`);
    }
    const now = this.now();
    return this.db.transaction(async (trx) => {
      const source = await this.linkable(trx, senderEboxId, body.messageId, now);
      const holding = await eboxesHolding(trx, source);
      const attachments = (await attachmentsOf(trx, [source.messageId])).get(source.messageId) ?? [];
      const errorCases: EboxId[] = [];
      const linked = new Set<string>();
      const copies: PublishedMessage[] = [];
      for (const recipient of body.recipients) {
        const eboxId = recipient.eboxType === 'enterprise' ? normalizeCbe(recipient.eboxIdValue) : undefined;
        if (eboxId === undefined || !hasValidCbeCheckDigits(eboxId)) {
          errorCases.push(recipient);
          continue;
        }
        if (linked.has(eboxId)) continue;
        linked.add(eboxId);
        if (!holding.has(eboxId)) copies.push(copyOf(source, attachments, eboxId, now));
      }
      await writePublishedMessages(trx, copies);
      await insertLinks(trx, copies.map((c) => ({ messageId: c.record.messageId, sourceMessageId: source.messageId, eboxId: c.record.eboxId })));
      await record(trx, { messageId: source.messageId, copies: copies.map((c) => ({ eboxId: c.record.eboxId, messageId: c.record.messageId })), errorCases: errorCases.length });
      return { messageId: source.messageId, expirationDate: toDateTime(source.expirationAt), nbSuccessLinks: linked.size, errorCases };
    });
  }

  /**
   * POST /searchMessageStatus: read status, visibility and expiry of the
   * sender's own messages, per e-Box. A pair naming another sender's message,
   * a citizen or an unknown e-Box is answered like an unknown message: left out.
   */
  async status(senderEboxId: string, body: MessageIdEboxId[] | undefined): Promise<MessageStatus[]> {
    if (body === undefined) throw badRequest('A MessagesStatusRequest body is required');
    if (body.length > MAX_STATUS_ITEMS) throw new ApiError('LIMIT_EXCEEDED', `A status request names at most ${MAX_STATUS_ITEMS} messages`);
    const asked = body.map((pair, i) => {
      if (pair.messageId === undefined || pair.eboxId === undefined) throw badRequest(`requestBody.${i} needs a messageId and an eboxId`);
      const eboxId = pair.eboxId.eboxType === 'enterprise' ? normalizeCbe(pair.eboxId.eboxIdValue) : undefined;
      return { messageId: pair.messageId, eboxId };
    });
    const found = new Map<string, MessageStatus>();
    const statuses = await publishedStatuses(this.db, senderEboxId, asked.map((a) => a.messageId));
    const byPair = new Map(statuses.map((s) => [`${s.messageId}\u0000${s.eboxId}`, s]));
    for (const { messageId, eboxId } of asked) {
      const key = `${messageId}\u0000${eboxId}`;
      const status = eboxId === undefined ? undefined : byPair.get(key);
      if (status === undefined || found.has(key)) continue;
      found.set(key, {
        messageId,
        eboxId: { eboxType: 'enterprise', eboxIdValue: status.eboxId },
        expirationDate: toDateTime(status.expirationAt),
        readStatus: status.readStatus,
        visible: status.visible,
      });
    }
    if (asked.length > 0 && found.size === 0) throw notFound('Messages');
    return [...found.values()];
  }

  /** The message a link is about: the sender's own, live; a linked copy stands for the message it copies. */
  private async linkable(trx: Db, senderEboxId: string, messageId: string, now: number): Promise<MessageRecord> {
    let message = await findSenderMessage(trx, senderEboxId, messageId);
    const source = message && (await linkSourceOf(trx, message.messageId));
    if (source !== undefined) message = await findSenderMessage(trx, senderEboxId, source);
    if (!message || message.expirationAt <= now) throw notFound('Message');
    return message;
  }

  /**
   * Bytes this request stored whose rows never committed. Other requests may
   * have stored the same bytes meanwhile (they are content-addressed): only
   * bytes no row names are removed.
   */
  private async removeUnused(stored: StoredBlob[]): Promise<void> {
    for (const blob of stored.filter((b) => b.created)) {
      try {
        if (!(await blobInUse(this.db, blob.key))) await this.blobs.remove(blob.key);
      } catch (err) {
        this.log.error({ err: safeError(err), blobKey: blob.key }, 'bytes of a failed publication could not be removed');
      }
    }
  }
}

function fileDetails(file: ReceivedFile): PublicationDetails['attachments'][number] {
  return {
    httpPartName: file.partName,
    mediaType: file.mediaType,
    size: kb(file.blob.size),
    digest: { digestMethod: 'sha_256', digestValue: file.blob.digest },
  };
}

function partOf(message: CheckedMessage, attachment: AttachmentRecord): string {
  return message.attachments[attachment.position].httpPartName;
}

const everyLanguage = (text: string): TranslatedString => ({ nl: text, fr: text, de: text });

/** The rows of a checked publication received at `receiptAt`. */
function publishedMessage(checked: CheckedMessage, files: Map<string, ReceivedFile>, receiptAt: number): PublishedMessage {
  const { message } = checked;
  const messageId = randomUUID();
  const body = hasText(message.bodyContent) ? message.bodyContent : undefined;
  const record: MessageRecord = {
    messageId,
    eboxId: checked.recipientEboxId,
    subject: { ...message.subject },
    receiptAt,
    expirationAt: expirationOf(checked, receiptAt),
    readStatus: false,
    firstReadAt: null,
    visible: true,
    registeredMail: message.registeredMail ?? false,
    forTheAttentionOf: message.forTheAttentionOf as Record<string, unknown> | undefined,
    messageTypeId: checked.messageTypeId,
    senderOrganizationId: checked.senderOrganizationId,
    senderApplicationId: message.senderApplicationId,
    originalMessageId: message.originalMessageId,
    // The contract: "present only if there is a body".
    bodyMainContent: body !== undefined && message.bodyMainContent,
    bodyContent: body as Record<string, unknown> | undefined,
    paymentData: message.paymentData as unknown as Record<string, unknown> | undefined,
    businessData: (message.businessDataList ?? []).map(toBusinessData) as unknown as Record<string, unknown>[],
    replyAuthorized: message.replyAuthorized,
    updatedAt: receiptAt,
  };
  const attachments = checked.attachments.map((a, position): AttachmentRecord => {
    const file = files.get(a.httpPartName) as ReceivedFile;
    return {
      messageId,
      attachmentId: `${messageId}-${position + 1}`,
      position,
      // Without a title of its own, an attachment is shown under its file name.
      title: (hasText(a.attachmentTitle) ? a.attachmentTitle : everyLanguage(file.fileName)) as Record<string, unknown>,
      fileName: file.fileName,
      mainContent: a.mainContent,
      mediaType: file.mediaType,
      sizeBytes: file.blob.size,
      digest: file.blob.digest,
      signed: a.attachmentSigned ?? false,
      blobKey: file.blob.key,
    };
  });
  return { record, attachments };
}

/** Published business data may leave out its name, which the consultation contract requires: the key stands in for it. */
function toBusinessData(data: BusinessDataToPublish): BusinessData {
  return {
    key: data.key,
    name: hasText(data.name) ? data.name : everyLanguage(data.key),
    ...(data.description ? { description: data.description } : {}),
    values: data.values,
  };
}

/** A linked copy: the same message, received now in another e-Box, unread and visible there, naming the same bytes. */
function copyOf(source: MessageRecord, attachments: AttachmentRecord[], eboxId: string, now: number): PublishedMessage {
  const messageId = randomUUID();
  return {
    record: { ...source, messageId, eboxId, receiptAt: now, readStatus: false, firstReadAt: null, visible: true, updatedAt: now },
    attachments: attachments.map((a) => ({ ...a, messageId })),
  };
}

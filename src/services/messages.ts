import type { Readable } from 'node:stream';
import type { BlobStore, ByteRange } from '../blobs/blob-store';
import type { Db } from '../db/types';
import {
  attachmentsOf,
  countMessages,
  findMessage,
  listMessages,
  liveMessageIds,
  markRead,
  recordConsultation,
  setVisible,
  type AttachmentRecord,
  type ExactCriteria,
  type MessageCriteria,
  type MessageRecord,
} from '../db/repositories/messages';
import { ApiError, notFound } from '../http/errors';
import type { Attachment, Attachments, Message, Messages, MessagesToUpdate, PaymentData, TranslatedString } from '../contract/types';
import { endOfDay, startOfDay } from '../domain/dates';
import { toAttachment, toAttachments, toMessage } from './message-shape';
import { offsetOf, type Paging } from '../domain/paging';
import { normalizeForSearch } from '../domain/search-normalize';
import type { Language } from '../domain/translated-string';

/** The list criteria as the contract names them; dates are calendar days (YYYY-MM-DD). */
export interface MessageQuery extends Paging, ExactCriteria {
  receivedAfter?: string;
  receivedBefore?: string;
  expiredAfter?: string;
  expiredBefore?: string;
  q?: string;
  qlang?: Language;
}

export interface AttachmentContent {
  attachment: AttachmentRecord;
  open(range?: ByteRange): Readable;
}

/** How often lastConsultationDate may be rewritten for one e-Box. */
export const CONSULTATION_INTERVAL_MS = 60_000;

/** The consultation of an e-Box's messages, always scoped to the caller's e-Box. */
export class MessageService {
  private readonly consultedAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly now: () => number = Date.now,
  ) {}

  async list(eboxId: string, query: MessageQuery, baseUrl: string): Promise<Messages> {
    if (query.q !== undefined && query.qlang === undefined) {
      throw new ApiError(400, 'INVALID_REQUEST', 'query parameter q needs qlang (fr, nl or de)');
    }
    const criteria = this.criteria(eboxId, query);
    const [records, totalItems] = await Promise.all([
      listMessages(this.db, criteria, offsetOf(query), query.pageSize),
      countMessages(this.db, criteria),
    ]);
    const attachments = await attachmentsOf(this.db, records.map((m) => m.messageId));
    await this.consulted(eboxId);
    return { items: records.map((m) => toMessage(m, attachments.get(m.messageId) ?? [], baseUrl)), totalItems };
  }

  async get(eboxId: string, messageId: string, baseUrl: string): Promise<Message> {
    const message = await this.message(eboxId, messageId);
    const attachments = await attachmentsOf(this.db, [messageId]);
    return toMessage(message, attachments.get(messageId) ?? [], baseUrl);
  }

  async attachments(eboxId: string, messageId: string, baseUrl: string): Promise<Attachments> {
    await this.message(eboxId, messageId);
    return toAttachments((await attachmentsOf(this.db, [messageId])).get(messageId) ?? [], baseUrl);
  }

  async attachment(eboxId: string, messageId: string, attachmentId: string, baseUrl: string): Promise<Attachment> {
    return toAttachment(await this.attachmentRecord(eboxId, messageId, attachmentId), baseUrl);
  }

  /** The bytes of an attachment; reading the main content marks the message read. */
  async content(eboxId: string, messageId: string, attachmentId: string): Promise<AttachmentContent> {
    const attachment = await this.attachmentRecord(eboxId, messageId, attachmentId);
    if (attachment.mainContent) await markRead(this.db, messageId, this.now());
    return { attachment, open: (range) => this.blobs.open(attachment.blobKey, range) };
  }

  /** The body; when it is the main content, reading it marks the message read. */
  async body(eboxId: string, messageId: string): Promise<TranslatedString> {
    const message = await this.message(eboxId, messageId);
    if (!message.bodyContent) throw notFound('Body');
    if (message.bodyMainContent) await markRead(this.db, messageId, this.now());
    return message.bodyContent as TranslatedString;
  }

  async paymentData(eboxId: string, messageId: string): Promise<PaymentData> {
    const message = await this.message(eboxId, messageId);
    if (!message.paymentData) throw notFound('Payment data');
    return message.paymentData as unknown as PaymentData;
  }

  /**
   * Sets `visible` on every listed message, or on none if one is not a live
   * message of the e-Box. `record` writes the audit record in the same transaction.
   */
  async setVisibility(eboxId: string, update: MessagesToUpdate | undefined, record: (trx: Db) => Promise<void>): Promise<void> {
    // The contract leaves the body optional; without one there is nothing to apply.
    if (update === undefined) throw new ApiError(400, 'INVALID_REQUEST', 'A MessagesToUpdate body is required');
    const now = this.now();
    const wanted = update.items.map((i) => i.messageId);
    await this.db.transaction(async (trx) => {
      const live = await liveMessageIds(trx, eboxId, wanted, now);
      if (wanted.some((id) => !live.has(id))) throw notFound('Message');
      for (const visible of [true, false]) {
        const ids = update.items.filter((i) => i.visible === visible).map((i) => i.messageId);
        await setVisible(trx, eboxId, ids, visible, now);
      }
      await record(trx);
    });
    await this.consulted(eboxId);
  }

  private async message(eboxId: string, messageId: string): Promise<MessageRecord> {
    const message = await findMessage(this.db, eboxId, messageId, this.now());
    if (!message) throw notFound('Message');
    await this.consulted(eboxId);
    return message;
  }

  private async attachmentRecord(eboxId: string, messageId: string, attachmentId: string): Promise<AttachmentRecord> {
    await this.message(eboxId, messageId);
    const attachment = (await attachmentsOf(this.db, [messageId])).get(messageId)?.find((a) => a.attachmentId === attachmentId);
    if (!attachment) throw notFound('Attachment');
    return attachment;
  }

  /** lastConsultationDate: remembered here too, so most requests skip the database write. */
  private async consulted(eboxId: string): Promise<void> {
    const now = this.now();
    if (now - (this.consultedAt.get(eboxId) ?? -Infinity) < CONSULTATION_INTERVAL_MS) return;
    if (this.consultedAt.size >= 10_000) {
      for (const [id, at] of this.consultedAt) if (now - at >= CONSULTATION_INTERVAL_MS) this.consultedAt.delete(id);
    }
    this.consultedAt.set(eboxId, now);
    await recordConsultation(this.db, eboxId, now, CONSULTATION_INTERVAL_MS);
  }

  private criteria(eboxId: string, q: MessageQuery): MessageCriteria {
    return {
      eboxId,
      now: this.now(),
      receivedFrom: q.receivedAfter === undefined ? undefined : startOfDay(q.receivedAfter),
      receivedUntil: q.receivedBefore === undefined ? undefined : endOfDay(q.receivedBefore),
      expiresFrom: q.expiredAfter === undefined ? undefined : startOfDay(q.expiredAfter),
      expiresUntil: q.expiredBefore === undefined ? undefined : endOfDay(q.expiredBefore),
      readStatus: q.readStatus,
      visible: q.visible,
      registeredMail: q.registeredMail,
      messageTypeId: q.messageTypeId,
      senderOrganizationId: q.senderOrganizationId,
      senderApplicationId: q.senderApplicationId,
      search: q.q === undefined || q.qlang === undefined ? undefined : { lang: q.qlang, needle: normalizeForSearch(q.q) },
    };
  }
}

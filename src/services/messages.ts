import { pipeline, Transform, type Readable } from 'node:stream';
import type { BlobStore, ByteRange } from '../blobs/blob-store';
import type { Db } from '../db/types';
import {
  attachmentsOf,
  findAttachment,
  findMessage,
  liveMessageIds,
  markRead,
  recordConsultation,
  setVisible,
  type AttachmentRecord,
  type MessageRecord,
} from '../db/repositories/messages';
import { pageAndCount, type MessageCriteria } from '../db/repositories/message-list';
import type { SearchTotals } from '../db/repositories/search-totals';
import { badRequest, contentUnavailable, notFound } from '../http/errors';
import { safeError, type Logger } from '../log';
import { MAX_PATCH_ITEMS } from '../domain/limits';
import type { Attachment, Attachments, Message, Messages, MessagesToUpdate, PaymentData, TranslatedString } from '../contract/types';
import { endOfDay, startOfDay } from '../domain/dates';
import { toAttachment, toAttachments, toMessage } from './message-shape';
import { offsetOf } from '../domain/paging';
import { normalizeForSearch } from '../domain/search-normalize';
import type { ParamsOf } from '../contract/operations';
import { recordFirstRead } from '../notifications/events';

/** The list criteria as the contract names them; dates are calendar days (YYYY-MM-DD). */
export type MessageQuery = ParamsOf<'getMessagesByEBoxId'>;

export interface AttachmentContent {
  attachment: AttachmentRecord;
  open(range?: ByteRange): Promise<Readable>;
}

/** How often lastConsultationDate may be rewritten for one e-Box. */
export const CONSULTATION_INTERVAL_MS = 60_000;

/** The consultation of an e-Box's messages, always scoped to the caller's e-Box. */
export class MessageService {
  private readonly consultedAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly log: Logger,
    private readonly searchTotals?: SearchTotals,
    private readonly now: () => number = Date.now,
  ) {}

  async list(eboxId: string, query: MessageQuery, baseUrl: string): Promise<Messages> {
    if (query.q !== undefined && query.qlang === undefined) {
      throw badRequest('query parameter q needs qlang (fr, nl or de)');
    }
    const criteria = this.criteria(eboxId, query);
    const { records, total: totalItems } = await pageAndCount(this.db, criteria, offsetOf(query), query.pageSize, this.searchTotals);
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
    return toAttachment((await this.attachmentRecord(eboxId, messageId, attachmentId)).attachment, baseUrl);
  }

  /**
   * The bytes of an attachment. Reading the main content marks the message
   * read, once its bytes have all gone out: bytes that cannot be read, or a
   * client gone halfway, leave it unread.
   */
  async content(eboxId: string, messageId: string, attachmentId: string): Promise<AttachmentContent> {
    const { attachment, messageRead } = await this.attachmentRecord(eboxId, messageId, attachmentId);
    const open = async (range?: ByteRange) => {
      let stream: Readable;
      try {
        stream = await this.blobs.open(attachment.blobKey, range);
      } catch (err) {
        this.log.error({ err: safeError(err), blobKey: attachment.blobKey }, 'attachment bytes cannot be read');
        throw contentUnavailable();
      }
      // A message already read has nothing left to record: no transaction, no held-back bytes.
      if (!attachment.mainContent || messageRead) return stream;
      // The last bytes are held back until the read is recorded: a client that
      // has the whole document finds the message read, one gone halfway leaves it unread.
      let last: Buffer | undefined;
      const recordRead = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          const previous = last;
          last = chunk;
          done(null, previous);
        },
        flush: (done) => void this.markReadAfterSending(messageId).then(() => done(null, last)),
      });
      return pipeline(stream, recordRead, () => {});
    };
    return { attachment, open };
  }

  /** The body; when it is the main content, reading it marks the message read. */
  async body(eboxId: string, messageId: string): Promise<TranslatedString> {
    const message = await this.message(eboxId, messageId);
    if (!message.bodyContent) throw notFound('Body');
    if (message.bodyMainContent) await this.recordRead(messageId);
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
    if (update === undefined) throw badRequest('A MessagesToUpdate body is required');
    if (update.items.length > MAX_PATCH_ITEMS) throw badRequest(`A PATCH may change at most ${MAX_PATCH_ITEMS} messages`);
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

  private async attachmentRecord(eboxId: string, messageId: string, attachmentId: string): Promise<{ attachment: AttachmentRecord; messageRead: boolean }> {
    const found = await findAttachment(this.db, eboxId, messageId, attachmentId, this.now());
    if (!found) throw notFound('Message');
    await this.consulted(eboxId);
    if (!found.attachment) throw notFound('Attachment');
    return { attachment: found.attachment, messageRead: found.messageRead };
  }

  /** The response is already on its way: a failure here is logged, and the message stays unread. */
  private async markReadAfterSending(messageId: string): Promise<void> {
    try {
      await this.recordRead(messageId);
    } catch (err) {
      this.log.error({ err: safeError(err) }, 'a read main content could not be recorded as read');
    }
  }

  /** Marks the message read; the first time, its readDocument event commits with it. */
  private async recordRead(messageId: string): Promise<void> {
    const now = this.now();
    await this.db.transaction(async (trx) => {
      if (await markRead(trx, messageId, now)) await recordFirstRead(trx, messageId, now);
    });
  }

  /**
   * lastConsultationDate: remembered here too, so most requests skip the
   * database write. It is bookkeeping: when it cannot be written (store busy,
   * read-only, full), the consultation is served all the same.
   */
  private async consulted(eboxId: string): Promise<void> {
    const now = this.now();
    if (now - (this.consultedAt.get(eboxId) ?? -Infinity) < CONSULTATION_INTERVAL_MS) return;
    if (this.consultedAt.size >= 10_000) {
      for (const [id, at] of this.consultedAt) if (now - at >= CONSULTATION_INTERVAL_MS) this.consultedAt.delete(id);
    }
    this.consultedAt.set(eboxId, now);
    try {
      await recordConsultation(this.db, eboxId, now, CONSULTATION_INTERVAL_MS);
    } catch (err) {
      this.log.warn({ err: safeError(err) }, 'lastConsultationDate could not be written');
    }
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

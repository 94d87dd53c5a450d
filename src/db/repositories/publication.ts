import type { Db } from '../types';
import { bool, chunks, int, intOrNull } from '../rows';
import { attachmentBytesOf, attachmentRow, messageRow, refreshAttachmentBytes, toMessageRecord, type AttachmentRecord, type MessageRecord } from './messages';

/**
 * What the publication profile reads and writes beside the messages
 * themselves: messages by their sender, the copies /linkEboxMessage made, the
 * consultation state of a recipient, and whether stored bytes are still used.
 */

/** A message this sender organization published, in whatever e-Box; others' messages are absent alike. */
export async function findSenderMessage(db: Db, senderOrganizationId: string, messageId: string): Promise<MessageRecord | undefined> {
  const row = await db('messages').where({ message_id: messageId, sender_organization_id: senderOrganizationId }).first();
  return row ? toMessageRecord(row) : undefined;
}

/** The message a linked copy stands for; undefined for a message that is not a copy. */
export async function linkSourceOf(db: Db, messageId: string): Promise<string | undefined> {
  const row = await db('message_links').where('message_id', messageId).first('source_message_id');
  return row ? String(row.source_message_id) : undefined;
}

/** The e-Boxes already holding a message: the one it was published to and those it was linked to. */
export async function eboxesHolding(db: Db, source: MessageRecord): Promise<Set<string>> {
  const linked: string[] = await db('message_links').where('source_message_id', source.messageId).pluck('ebox_id');
  return new Set([source.eboxId, ...linked]);
}

/**
 * Rows of many new messages at once, in statements of a bounded number of
 * rows: a link to a thousand e-Boxes is a few statements, not thousands,
 * which keeps its transaction (and SQLite's one connection) short.
 */
const ROWS_PER_STATEMENT = 200;

/** New messages: an id already taken fails the statement rather than overwriting a message. */
export async function insertMessages(db: Db, messages: MessageRecord[], attachments: AttachmentRecord[] = []): Promise<void> {
  const bytes = attachmentBytesOf(attachments);
  for (const part of chunks(messages, ROWS_PER_STATEMENT)) await db('messages').insert(part.map((m) => messageRow(m, bytes.get(m.messageId))));
}

export async function insertAttachments(db: Db, attachments: AttachmentRecord[]): Promise<void> {
  for (const part of chunks(attachments, ROWS_PER_STATEMENT)) await db('attachments').insert(part.map(attachmentRow));
  await refreshAttachmentBytes(
    db,
    attachments.map((a) => a.messageId),
  );
}

export interface MessageLink {
  messageId: string;
  sourceMessageId: string;
  eboxId: string;
}

export async function insertLinks(db: Db, links: MessageLink[]): Promise<void> {
  for (const part of chunks(links, ROWS_PER_STATEMENT)) {
    await db('message_links').insert(part.map((l) => ({ message_id: l.messageId, source_message_id: l.sourceMessageId, ebox_id: l.eboxId })));
  }
}

export interface PublishedStatus {
  /** The id the sender published: the message itself, or the message a linked copy stands for. */
  messageId: string;
  eboxId: string;
  readStatus: boolean;
  visible: boolean;
  expirationAt: number;
}

const STATUS_COLUMNS = ['messages.ebox_id', 'messages.read_status', 'messages.visible', 'messages.expiration_at'];

/**
 * The status of every message (or linked copy) of this sender whose
 * published id is among `messageIds`, in every e-Box holding it; the caller
 * picks the pairs it was asked about.
 */
export async function publishedStatuses(db: Db, senderOrganizationId: string, messageIds: string[]): Promise<PublishedStatus[]> {
  const out: PublishedStatus[] = [];
  const push = (messageId: unknown, row: Record<string, unknown>) =>
    out.push({ messageId: String(messageId), eboxId: String(row.ebox_id), readStatus: bool(row.read_status), visible: bool(row.visible), expirationAt: int(row.expiration_at) });
  for (const ids of chunks([...new Set(messageIds)])) {
    const originals = await db('messages')
      .where('messages.sender_organization_id', senderOrganizationId)
      .whereIn('messages.message_id', ids)
      .select('messages.message_id', ...STATUS_COLUMNS);
    for (const row of originals) push(row.message_id, row);
    const copies = await db('message_links')
      .join('messages', 'messages.message_id', 'message_links.message_id')
      .where('messages.sender_organization_id', senderOrganizationId)
      .whereIn('message_links.source_message_id', ids)
      .select('message_links.source_message_id', ...STATUS_COLUMNS);
    for (const row of copies) push(row.source_message_id, row);
  }
  return out;
}

/**
 * When the owner of an e-Box last consulted it: null when it never did
 * (the e-Box exists only through what was published to it), undefined when
 * this provider has never heard of it.
 */
export async function lastConsultationOf(db: Db, eboxId: string): Promise<number | null | undefined> {
  const row = await db('eboxes').where('ebox_id', eboxId).first('last_consultation_at');
  return row ? intOrNull(row.last_consultation_at) : undefined;
}

/** Whether any attachment or logo row names these bytes: only unused bytes may be removed. */
export async function blobInUse(db: Db, blobKey: string): Promise<boolean> {
  const attachment = await db('attachments').where('blob_key', blobKey).first('blob_key');
  if (attachment) return true;
  const image = await db('images').where('blob_key', blobKey).first('blob_key');
  return image !== undefined;
}

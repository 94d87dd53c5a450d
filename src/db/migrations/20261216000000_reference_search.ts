import type { Knex } from 'knex';
import { REFERENCE_KIND_NAMES, REFERENCE_KINDS } from '../../domain/reference-kinds';
import { FIELD_SEPARATOR, messageSearchTexts, referenceSearchTexts } from '../../domain/search-text';
import { LANGUAGES, type Language } from '../../domain/translated-string';
import type { SearchRow } from '../dialects';
import { replaceSearchRows } from '../search-index';
import { json, jsonOrUndefined } from '../rows';
import { engineOf } from '../types';

/**
 * Search texts without the names of reference data in every message.
 *
 * Until now each message and language had one text holding its own fields
 * and the names and descriptions of its sender organization, application and
 * message type: three quarters of the text (and of its trigram index) were
 * those names, repeated in every message naming them, and renaming an
 * organization rewrote every message naming it. Now:
 *
 * - reference_search holds one row per reference-data object and language
 *   with its names and description, normalized and joined by the field
 *   separator, as they were within a message's text;
 * - message_search keeps one row per message and language, with the
 *   message's own fields only, and none where those are empty.
 *
 * A needle matches a message when it is a substring of one of its fields, as
 * before: every field is in exactly one of the two texts, and no match can
 * span two fields there either. The three (reference id, message_id) indexes
 * on messages, which only served rewriting the messages of a renamed object,
 * go. The e-Box's index (messages_ebox_receipt) carries the three reference
 * ids and registered_mail too: the search's reference branch and every list
 * criterion are then decided from the index alone, reading no table row (an
 * index per reference id led by the e-Box, tried first, left SQLite reading
 * every row of the e-Box: 200 ms for 20,000 messages).
 *
 * messages.attachment_bytes (the sum of the message's attachment sizes, kept
 * by every writer of attachments) joins that index too: the e-Box summary's
 * eboxSize was a join over every attachment of the e-Box (a quarter of a
 * second for 20,000 messages on the loaded development machine); it is now
 * read from the index with the other figures of the summary.
 *
 * Existing stores are converted here: reference_search is filled from the
 * stored objects and every message's rows are rewritten, a few thousand
 * messages per statement.
 */

const BATCH = 2_000;

/** The messages' search rows, rewritten by message_id order; `text` says what each message's rows hold. */
async function rewriteMessageRows(db: Knex, text: (row: Record<string, unknown>) => Record<Language, string>): Promise<void> {
  let after = '';
  for (;;) {
    const rows: Record<string, unknown>[] = await db('messages')
      .where('message_id', '>', after)
      .orderBy('message_id')
      .limit(BATCH)
      .select('message_id', 'ebox_id', 'subject', 'business_data', 'for_the_attention_of', 'sender_organization_id', 'sender_application_id', 'message_type_id');
    if (rows.length === 0) return;
    const searchRows: SearchRow[] = [];
    for (const row of rows) {
      const texts = text(row);
      for (const lang of LANGUAGES) {
        if (texts[lang] !== '') searchRows.push({ messageId: String(row.message_id), eboxId: String(row.ebox_id), lang, text: texts[lang] });
      }
    }
    const ids = rows.map((r) => String(r.message_id));
    await replaceSearchRows(db, ids, searchRows);
    after = ids[ids.length - 1];
  }
}

const ownTexts = (row: Record<string, unknown>) =>
  messageSearchTexts({ subject: json(row.subject), businessData: json(row.business_data), forTheAttentionOf: jsonOrUndefined(row.for_the_attention_of) });

const OLD_INDEXES = {
  senderOrganization: 'messages_sender_organization',
  senderApplication: 'messages_sender_application',
  messageType: 'messages_message_type',
} as const;

const EBOX_INDEX = 'messages_ebox_receipt';
const EBOX_COLUMNS = ['ebox_id', 'receipt_at', 'message_id', 'expiration_at', 'read_status', 'visible'];
const EBOX_COLUMNS_NOW = [...EBOX_COLUMNS, 'registered_mail', 'message_type_id', 'sender_organization_id', 'sender_application_id', 'attachment_bytes'];

async function rebuildEboxIndex(db: Knex, columns: string[]): Promise<void> {
  await db.schema.alterTable('messages', (t) => t.dropIndex([], EBOX_INDEX));
  await db.schema.alterTable('messages', (t) => t.index(columns, EBOX_INDEX));
}

export async function up(db: Knex): Promise<void> {
  const text = engineOf(db) === 'postgresql' ? 'text COLLATE "C"' : 'varchar(255)';
  await db.schema.createTable('reference_search', (t) => {
    t.specificType('kind', text).notNullable();
    t.specificType('reference_id', text).notNullable();
    t.specificType('lang', text).notNullable();
    t.text('text').notNullable();
    t.primary(['kind', 'lang', 'reference_id']);
  });
  for (const kind of REFERENCE_KIND_NAMES) {
    const { table, idColumn } = REFERENCE_KINDS[kind];
    const stored: Record<string, unknown>[] = await db(table).select(idColumn, 'document');
    for (const row of stored) {
      const texts = referenceSearchTexts(kind, json(row.document));
      const rows = LANGUAGES.filter((lang) => texts[lang] !== '').map((lang) => ({ kind, reference_id: row[idColumn], lang, text: texts[lang] }));
      if (rows.length > 0) await db('reference_search').insert(rows);
    }
  }
  await rewriteMessageRows(db, ownTexts);
  for (const kind of REFERENCE_KIND_NAMES) await db.schema.alterTable('messages', (t) => t.dropIndex([], OLD_INDEXES[kind]));
  await db.schema.alterTable('messages', (t) => t.bigInteger('attachment_bytes').notNullable().defaultTo(0));
  await db('messages').update({ attachment_bytes: db.raw('coalesce((SELECT sum(size_bytes) FROM attachments WHERE attachments.message_id = messages.message_id), 0)') });
  await rebuildEboxIndex(db, EBOX_COLUMNS_NOW);
}

/** Back to one text per message and language holding the names of its reference data too, in the former field order. */
export async function down(db: Knex): Promise<void> {
  const names = new Map<string, string>();
  const found: { kind: string; reference_id: string; lang: string; text: string }[] = await db('reference_search').select();
  for (const r of found) names.set(`${r.kind}\u0000${r.reference_id}\u0000${r.lang}`, r.text);
  const name = (kind: string, id: unknown, lang: Language) => (id === null || id === undefined ? '' : (names.get(`${kind}\u0000${String(id)}\u0000${lang}`) ?? ''));
  await rewriteMessageRows(db, (row) => {
    const own = ownTexts(row);
    const joined = {} as Record<Language, string>;
    for (const lang of LANGUAGES) {
      joined[lang] = [own[lang], name('senderApplication', row.sender_application_id, lang), name('senderOrganization', row.sender_organization_id, lang), name('messageType', row.message_type_id, lang)]
        .filter((t) => t !== '')
        .join(FIELD_SEPARATOR);
    }
    return joined;
  });
  await rebuildEboxIndex(db, EBOX_COLUMNS);
  // Native on both engines: knex rebuilds a SQLite table to drop a column, which would cascade-delete its dependants.
  await db.raw('ALTER TABLE messages DROP COLUMN attachment_bytes');
  for (const kind of REFERENCE_KIND_NAMES) {
    await db.schema.alterTable('messages', (t) => t.index([REFERENCE_KINDS[kind].messageColumn, 'message_id'], OLD_INDEXES[kind]));
  }
  await db.schema.dropTableIfExists('reference_search');
}

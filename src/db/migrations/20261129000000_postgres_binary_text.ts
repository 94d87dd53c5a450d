import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * PostgreSQL only: the string columns behave as they do on SQLite.
 *
 * - Order: SQLite compares text byte by byte (BINARY), i.e. by code point; a
 *   PostgreSQL database compares with its own collation (en_US, fr-BE ICU…),
 *   under which 'a_b' < 'ab' < 'B' rather than 'B' < 'a_b' < 'ab'. Reference
 *   data is listed by id and messages received at the same instant by
 *   messageId, so each engine would page differently. COLLATE "C" is code-point
 *   order on every server; set on the columns (not in each ORDER BY) so that
 *   the indexes built on them keep serving the list order, e.g.
 *   messages_ebox_receipt for (receipt_at, message_id).
 * - Length: SQLite ignores declared lengths and the contract sets none, so a
 *   messageId of 300 characters, or a long client_id in the audit trail, is
 *   stored on SQLite; varchar(255) would refuse it on PostgreSQL alone. The
 *   lengths were never a rule of the application, only knex's defaults.
 *
 * SQLite keeps the columns of the earlier migrations as they are.
 */
const COLUMNS: Record<string, [column: string, length: number][]> = {
  sender_organizations: [['organization_id', 10]],
  sender_applications: [['application_id', 255]],
  message_types: [['message_type_id', 255]],
  images: [['owner_type', 20], ['owner_id', 255], ['image_id', 255], ['media_type', 255], ['language', 2], ['digest', 43], ['blob_key', 255]],
  eboxes: [['ebox_id', 10]],
  messages: [
    ['message_id', 255], ['ebox_id', 10], ['message_type_id', 255], ['sender_organization_id', 10],
    ['sender_application_id', 255], ['original_message_id', 255],
  ],
  attachments: [['message_id', 255], ['attachment_id', 255], ['file_name', 255], ['media_type', 255], ['digest', 43], ['blob_key', 255]],
  message_search: [['message_id', 255], ['ebox_id', 10], ['lang', 2]],
  audit_records: [['timestamp', 40], ['subject_token_hashed', 64], ['client_id', 255], ['request_method', 10]],
};

async function retype(db: Knex, type: (length: number) => string): Promise<void> {
  for (const [table, columns] of Object.entries(COLUMNS)) {
    const changes = columns.map(([column, length]) => db.raw(`ALTER COLUMN ?? TYPE ${type(length)}`, [column]).toQuery());
    await db.raw(`ALTER TABLE ?? ${changes.join(', ')}`, [table]);
  }
}

export async function up(db: Knex): Promise<void> {
  if (engineOf(db) === 'postgresql') await retype(db, () => 'text COLLATE "C"');
}

export async function down(db: Knex): Promise<void> {
  if (engineOf(db) === 'postgresql') await retype(db, (length) => `varchar(${length}) COLLATE "default"`);
}

import type { Knex } from 'knex';

/**
 * The messages of one sender organization in an e-Box, in list order: the
 * portal's other filter (senderOrganizationId), as 20261218000000 did for
 * the message type. Before, counting one organization's 33,000 messages in
 * an e-Box of 100,000 walked all 100,000 entries: 14 ms on SQLite, 17 ms on
 * PostgreSQL, in-process, at 1,000,000 messages. The sender application,
 * which the portal does not filter on, stays on the e-Box index.
 */
const INDEX = 'messages_ebox_organization';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('messages', (t) =>
    t.index(['ebox_id', 'sender_organization_id', 'receipt_at', 'message_id', 'expiration_at', 'read_status', 'visible'], INDEX),
  );
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('messages', (t) => t.dropIndex([], INDEX));
}

import type { Knex } from 'knex';
import { engineOf } from '../types';

// POST /linkEboxMessage gives each further recipient a message row of its own
// (its own read status and visibility) pointing at the same blobs. The sender
// keeps knowing the message by the id it published; this table says which
// copy in which e-Box stands for it, and the unique pair makes a repeated or
// concurrent link of the same message to the same e-Box a no-op.
export async function up(db: Knex): Promise<void> {
  // Ids as the other tables keep them on each engine (20261129000000): code-point order, no length limit on PostgreSQL.
  const text = engineOf(db) === 'postgresql' ? 'text COLLATE "C"' : 'varchar(255)';
  await db.schema.createTable('message_links', (t) => {
    t.specificType('message_id', text).primary().references('message_id').inTable('messages').onDelete('CASCADE');
    t.specificType('source_message_id', text).notNullable();
    t.specificType('ebox_id', text).notNullable();
    t.unique(['source_message_id', 'ebox_id'], { indexName: 'message_links_source_ebox' });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('message_links');
}

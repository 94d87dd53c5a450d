import type { Knex } from 'knex';

// Instants are stored as epoch milliseconds (bigint): portable across engines,
// ordered and compared without time-zone parsing. Contract objects that the
// registry stores as a whole (reference data, TranslatedStrings, business data)
// are JSON text.
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('sender_organizations', (t) => {
    t.string('organization_id', 10).primary();
    t.text('document').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await db.schema.createTable('sender_applications', (t) => {
    t.string('application_id').primary();
    t.text('document').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await db.schema.createTable('message_types', (t) => {
    t.string('message_type_id').primary();
    t.text('document').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
  await db.schema.createTable('images', (t) => {
    t.string('owner_type', 20).notNullable(); // 'senderOrganization' | 'senderApplication'
    t.string('owner_id').notNullable();
    t.string('image_id').notNullable();
    t.integer('position').notNullable();
    t.string('media_type').notNullable();
    t.string('language', 2);
    t.bigInteger('size_bytes').notNullable();
    t.string('digest', 43).notNullable();
    t.string('blob_key').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['owner_type', 'owner_id', 'image_id']);
  });
  await db.schema.createTable('eboxes', (t) => {
    t.string('ebox_id', 10).primary();
    t.bigInteger('last_consultation_at');
  });
  await db.schema.createTable('messages', (t) => {
    t.string('message_id').primary();
    t.string('ebox_id', 10).notNullable();
    t.text('subject').notNullable();
    t.bigInteger('receipt_at').notNullable();
    t.bigInteger('expiration_at').notNullable();
    t.boolean('read_status').notNullable().defaultTo(false);
    t.bigInteger('first_read_at');
    t.boolean('visible').notNullable().defaultTo(true);
    t.boolean('registered_mail').notNullable().defaultTo(false);
    t.text('for_the_attention_of');
    t.string('message_type_id').notNullable();
    t.string('sender_organization_id', 10).notNullable();
    t.string('sender_application_id');
    t.string('original_message_id');
    t.boolean('body_main_content').notNullable().defaultTo(false);
    t.text('body_content');
    t.text('payment_data');
    t.text('business_data').notNullable();
    t.boolean('reply_authorized').notNullable().defaultTo(false);
    t.bigInteger('updated_at').notNullable();
    // The one index on ebox_id: it yields a page in list order (newest first) and
    // carries the columns of the usual filters and of the e-Box summary, so
    // counting and filtering read no table row. A second index on
    // (ebox_id, expiration_at) made SQLite sort the whole e-Box for every page.
    t.index(['ebox_id', 'receipt_at', 'message_id', 'expiration_at', 'read_status', 'visible'], 'messages_ebox_receipt');
  });
  await db.schema.createTable('attachments', (t) => {
    t.string('message_id').notNullable().references('message_id').inTable('messages').onDelete('CASCADE');
    t.string('attachment_id').notNullable();
    t.integer('position').notNullable();
    t.text('title');
    t.string('file_name').notNullable();
    t.boolean('main_content').notNullable();
    t.string('media_type').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('digest', 43).notNullable();
    t.boolean('signed').notNullable().defaultTo(false);
    t.string('blob_key').notNullable();
    t.primary(['message_id', 'attachment_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['attachments', 'messages', 'eboxes', 'images', 'message_types', 'sender_applications', 'sender_organizations']) {
    await db.schema.dropTableIfExists(table);
  }
}

import type { Knex } from 'knex';
import { engineOf } from '../types';

/**
 * PostgreSQL: the references of attachments and search rows to their message
 * may be checked at commit instead of at each statement (DEFERRABLE,
 * INITIALLY IMMEDIATE: nothing changes for a writer that does not ask).
 *
 * An import asks for it (Dialect.deferMessageReferences) so that a batch can
 * write its messages' attachments and search rows, the larger part of its
 * work, while the batch before it is still committing, and its messages
 * only once that one has committed (importer.ts). Changing the constraints
 * reads no row.
 */
/** The references, as (table, constraint): knex's names for them. */
export const DEFERRABLE_REFERENCES = [
  ['attachments', 'attachments_message_id_foreign'],
  ['message_search', 'message_search_message_id_foreign'],
] as const;

async function alter(db: Knex, how: 'DEFERRABLE INITIALLY IMMEDIATE' | 'NOT DEFERRABLE'): Promise<void> {
  if (engineOf(db) !== 'postgresql') return;
  for (const [table, constraint] of DEFERRABLE_REFERENCES) await db.raw(`ALTER TABLE ?? ALTER CONSTRAINT ?? ${how}`, [table, constraint]);
}

export const up = (db: Knex) => alter(db, 'DEFERRABLE INITIALLY IMMEDIATE');
export const down = (db: Knex) => alter(db, 'NOT DEFERRABLE');

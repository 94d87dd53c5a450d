import type { Db } from '../types';

/** Every message of an e-Box, expired ones included: what a certification reset replaces. */
export async function allMessageIdsOf(db: Db, eboxId: string): Promise<string[]> {
  const rows: { message_id: string }[] = await db('messages').where('ebox_id', eboxId).select('message_id');
  return rows.map((r) => r.message_id);
}

/** The e-Box as never consulted, so that a reset leaves no trace of earlier runs in its summary. */
export async function forgetConsultation(db: Db, eboxId: string): Promise<void> {
  await db('eboxes').where('ebox_id', eboxId).update({ last_consultation_at: null });
}

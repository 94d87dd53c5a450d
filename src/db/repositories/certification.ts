import { chunks } from '../rows';
import type { Db } from '../types';

/** Every message of an e-Box, expired ones included: what a certification reset replaces. */
export async function allMessageIdsOf(db: Db, eboxId: string): Promise<string[]> {
  const rows: { message_id: string }[] = await db('messages').where('ebox_id', eboxId).select('message_id');
  return rows.map((r) => r.message_id);
}

/** Of these message ids, those another e-Box holds. */
export async function idsHeldElsewhere(db: Db, eboxId: string, messageIds: string[]): Promise<string[]> {
  const held: string[] = [];
  for (const ids of chunks(messageIds)) {
    const rows: { message_id: string }[] = await db('messages').whereIn('message_id', ids).whereNot('ebox_id', eboxId).select('message_id');
    held.push(...rows.map((r) => r.message_id));
  }
  return held;
}

/** The e-Box as never consulted, so that a reset leaves no trace of earlier runs in its summary. */
export async function forgetConsultation(db: Db, eboxId: string): Promise<void> {
  await db('eboxes').where('ebox_id', eboxId).update({ last_consultation_at: null });
}

import type { Knex } from 'knex';
import type { Language } from '../../domain/translated-string';
import { engineOf } from '../types';
import { createSearchIndex, hasExtension, SEARCH_INDEX } from './20261129000100_postgres_search';

/**
 * PostgreSQL only: the trigram index keyed by the e-Box and language as one
 * value, instead of two columns (20261129000100), where btree_gin is there.
 *
 * A GIN scan intersects the posting lists of every key the query names.
 * With two columns those were the e-Box's rows in all three languages
 * (300,000 for the large e-Box at 1,000,000 messages) and the language's
 * rows in every e-Box (about a million), beside the needle's trigrams. With
 * one key it is the e-Box's rows in that language (100,000), along which
 * the scan skips through the trigrams' lists.
 *
 * Measured at 1,000,000 messages on the large e-Box, both indexes freshly
 * built (262 MB before, 283 MB after), selecting the matches in fr, median of
 * three: `trimes` 34 → 28 ms, `dimona` 20 → 14, `peeter` 9.4 → 5.2, `cotis`
 * 16 → 11.8. The dossier fragment stays at 22–28 ms: the lists of its
 * trigrams `202` and `025`, in every message of those years, cost the most.
 *
 * The language comes first: two letters, so no two (language, e-Box) pairs
 * make the same key, whatever an e-Box id looks like. Where btree_gin is
 * missing the text-only index stays, and the key is a filter on what it finds.
 *
 * Building it holds off writers of message_search (not readers) until the
 * migration commits: 45 s for 1,000,000 messages on the 2-core development
 * machine.
 */
export const SEARCH_SCOPE = '(lang || ebox_id)';

/** The value of SEARCH_SCOPE for the rows of an e-Box in a language. */
export const searchScope = (eboxId: string, lang: Language): string => lang + eboxId;

async function scoped(db: Knex): Promise<boolean> {
  return engineOf(db) === 'postgresql' && (await hasExtension(db, 'btree_gin'));
}

export async function up(db: Knex): Promise<void> {
  if (!(await scoped(db))) return;
  await db.raw(`DROP INDEX ${SEARCH_INDEX}`);
  await db.raw(`CREATE INDEX ${SEARCH_INDEX} ON message_search USING gin (${SEARCH_SCOPE}, text gin_trgm_ops)`);
}

export async function down(db: Knex): Promise<void> {
  if (!(await scoped(db))) return;
  await db.raw(`DROP INDEX ${SEARCH_INDEX}`);
  await createSearchIndex(db, true);
}

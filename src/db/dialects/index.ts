import type { Knex } from 'knex';
import { engineOf, type Db, type Engine } from '../types';
import type { Language } from '../../domain/translated-string';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

/** One message's searchable text in one language, already normalized (domain/search-normalize.ts). */
export interface SearchRow {
  messageId: string;
  eboxId: string;
  lang: Language;
  text: string;
}

/**
 * What differs between database engines. Services never branch on the engine:
 * the data layer picks the dialect once from the knex client.
 */
export interface Dialect {
  readonly engine: Engine;
  /**
   * A subquery selecting `message_id` of the messages of one e-Box whose search
   * text in `lang` contains `needle` (normalized) as a substring, to be used in
   * `whereIn('messages.message_id', …)`. Served by an index, not a scan of all e-Boxes.
   */
  searchMatches(db: Db, eboxId: string, lang: Language, needle: string): Knex.QueryBuilder;
  /** Replaces every search row of the given messages by `rows` (which may be empty). */
  writeSearchRows(db: Db, messageIds: string[], rows: SearchRow[]): Promise<void>;
}

const chosen = new WeakMap<object, Dialect>();

/** The dialect of a knex instance or transaction, chosen once per client. */
export function dialectOf(db: Db): Dialect {
  let dialect = chosen.get(db.client);
  if (dialect === undefined) {
    dialect = engineOf(db) === 'postgresql' ? postgresDialect : sqliteDialect;
    chosen.set(db.client, dialect);
  }
  return dialect;
}

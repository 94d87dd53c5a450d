import { engineOf, type Db } from '../types';
import type { Dialect } from './dialect';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export type { Dialect, EventClaim, IndexCountedSearch, SearchRow, StorageObject } from './dialect';
export { tooShortForTrigrams } from './dialect';

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

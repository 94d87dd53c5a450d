import type { Knex } from 'knex';
import * as initial from './20261121000000_initial';
import * as messageSearch from './20261121000100_message_search';
import * as auditTrail from './20261121000200_audit_trail';
import * as postgresBinaryText from './20261129000000_postgres_binary_text';
import * as postgresSearch from './20261129000100_postgres_search';
import * as auditNoOverwrite from './20261129000500_audit_no_overwrite';
import * as eesOutbox from './20261130000000_ees_outbox';
import * as messageLinks from './20261215000000_message_links';
import * as referenceSearch from './20261216000000_reference_search';
import * as eboxTallies from './20261217000000_ebox_tallies';
import * as messagesEboxFilters from './20261218000000_messages_ebox_filters';
import * as searchFtsOneColumn from './20261219000000_search_fts_one_column';
import * as postgresDeferrableMessageRefs from './20261219000100_postgres_deferrable_message_refs';
import * as eboxTallyChanges from './20261220000000_ebox_tally_changes';
import * as postgresSearchScope from './20261221000000_postgres_search_scope';

interface Migration {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

// Listed explicitly rather than read from a folder so that the same code runs
// from TypeScript sources (tsx) and from the compiled dist/ tree.
const migrations: Record<string, Migration> = {
  '20261121000000_initial': initial,
  '20261121000100_message_search': messageSearch,
  '20261121000200_audit_trail': auditTrail,
  '20261129000000_postgres_binary_text': postgresBinaryText,
  '20261129000100_postgres_search': postgresSearch,
  '20261129000500_audit_no_overwrite': auditNoOverwrite,
  '20261130000000_ees_outbox': eesOutbox,
  '20261215000000_message_links': messageLinks,
  '20261216000000_reference_search': referenceSearch,
  '20261217000000_ebox_tallies': eboxTallies,
  '20261218000000_messages_ebox_filters': messagesEboxFilters,
  '20261219000000_search_fts_one_column': searchFtsOneColumn,
  '20261219000100_postgres_deferrable_message_refs': postgresDeferrableMessageRefs,
  '20261220000000_ebox_tally_changes': eboxTallyChanges,
  '20261221000000_postgres_search_scope': postgresSearchScope,
};

export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    return migrations[name];
  },
};

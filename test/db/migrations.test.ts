import { expect } from 'chai';
import { connect, migrate } from '../../src/db/connect';
import { migrationSource } from '../../src/db/migrations';
import { hasExtension } from '../../src/db/migrations/20261129000100_postgres_search';
import { describeEachEngine, type TestEngine } from '../helpers/databases';

// The tables whose ids answers are ordered or compared by.
const CONTRACT_TABLES = ['sender_organizations', 'sender_applications', 'message_types', 'images', 'eboxes', 'messages', 'attachments', 'message_search', 'reference_search', 'audit_records', 'message_links'];
// Every table the migrations create: a down() that forgets one fails here.
const TABLES = [...CONTRACT_TABLES, 'ees_events', 'ees_schedule', 'ees_last_answer', 'blob_orphans'];

describeEachEngine('migrations', (engine: TestEngine) => {
  let url: string;
  before(async () => (url = await engine.createUrl()));
  after(() => engine.drop(url));

  it('run up, down to nothing and up again', async () => {
    const db = connect(url);
    try {
      await migrate(db);
      for (const table of TABLES) expect(await db.schema.hasTable(table), table).to.equal(true);
      const names = await migrationSource.getMigrations([]);
      expect(await db('knex_migrations').orderBy('id').pluck('name')).to.deep.equal(names);

      await db.migrate.rollback({ migrationSource }, true);
      for (const table of TABLES) expect(await db.schema.hasTable(table), table).to.equal(false);

      await migrate(db);
      for (const table of TABLES) expect(await db.schema.hasTable(table), table).to.equal(true);
    } finally {
      await db.destroy();
    }
  });

  if (engine.name === 'postgres') {
    // PostgreSQL only: what 20261129000000, 20261129000100 and 20261221000000 do there (nothing on SQLite).
    it('leaves the ids of every table in code-point order and unbounded, and builds the search index', async () => {
      const db = connect(url);
      try {
        const { rows } = await db.raw(
          `SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ANY(?) AND (column_name LIKE '%\\_id' OR data_type = 'character varying')`,
          [CONTRACT_TABLES],
        );
        expect(rows.length).to.be.greaterThan(15);
        for (const row of rows) {
          if (row.column_name === 'id') continue;
          expect(row, `${row.table_name}.${row.column_name}`).to.include({ data_type: 'text', collation_name: 'C' });
        }
        const { rows: index } = await db.raw(`SELECT indexdef FROM pg_indexes WHERE indexname = 'message_search_trgm'`);
        // The scoped shape wherever btree_gin could be created, as on the development machines and CI.
        const columns = (await hasExtension(db, 'btree_gin')) ? '((lang || ebox_id)), text gin_trgm_ops' : 'text gin_trgm_ops';
        expect(index.map((r: { indexdef: string }) => r.indexdef)).to.deep.equal([`CREATE INDEX message_search_trgm ON public.message_search USING gin (${columns})`]);
      } finally {
        await db.destroy();
      }
    });

    it('keys the scoped search index by (language, e-Box) from 20261221000000, and by two columns again below it', async () => {
      const db = connect(url);
      const indexdef = async () => (await db.raw(`SELECT indexdef FROM pg_indexes WHERE indexname = 'message_search_trgm'`)).rows.map((r: { indexdef: string }) => r.indexdef);
      const shape = (columns: string) => [`CREATE INDEX message_search_trgm ON public.message_search USING gin (${columns})`];
      try {
        await migrate(db);
        // Without btree_gin the text-only index stays, below and from the migration.
        const scoped = await hasExtension(db, 'btree_gin');
        await db.migrate.down({ migrationSource, name: '20261221000000_postgres_search_scope' });
        expect(await indexdef()).to.deep.equal(shape(scoped ? 'ebox_id, lang, text gin_trgm_ops' : 'text gin_trgm_ops'));
        await migrate(db);
        expect(await indexdef()).to.deep.equal(shape(scoped ? '((lang || ebox_id)), text gin_trgm_ops' : 'text gin_trgm_ops'));
      } finally {
        await db.destroy();
      }
    });
  }
});

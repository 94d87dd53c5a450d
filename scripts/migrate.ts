// npm run migrate: brings the database named by DATABASE_URL to the latest schema.
import { loadStoreConfig } from '../src/config';
import { connect, migrate } from '../src/db/connect';

async function main(): Promise<void> {
  const config = loadStoreConfig();
  const db = connect(config.databaseUrl);
  try {
    await migrate(db);
    console.log(`database ${config.databaseUrl}: schema up to date`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

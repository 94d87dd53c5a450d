// npm run migrate: brings the database named by DATABASE_URL to the latest schema.
import { loadConfig } from '../src/config';
import { withDatabase } from '../src/db/connect';

async function main(): Promise<void> {
  const config = loadConfig();
  await withDatabase(config.databaseUrl, async () => {});
  console.log(`database ${config.databaseUrl}: schema up to date`);
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

#!/usr/bin/env node
import { loadStoreConfig } from '../config';
import { maskDatabaseUrl, withDatabase } from '../db/connect';
import { runCommand } from './command';

void runCommand(
  {
    name: 'ebox-migrate',
    usage: `usage: ebox-migrate

Brings the database named by DATABASE_URL to the latest schema.`,
    options: {},
  },
  async () => {
    const config = loadStoreConfig();
    await withDatabase(config.databaseUrl, async () => {});
    console.log(`database ${maskDatabaseUrl(config.databaseUrl)}: schema up to date`);
  },
);

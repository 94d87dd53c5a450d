import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { connect, migrate } from '../../src/db/connect';
import { tempDir } from './temp-dirs';

/**
 * The database engines the tests run on: SQLite always, PostgreSQL when it
 * answers at PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * the admin connection used to create and drop one database per test suite.
 *
 * Without PostgreSQL the suites run on SQLite and one line says the PostgreSQL
 * half was skipped, except when CI=true or REQUIRE_POSTGRES=1: then loading the
 * tests fails, so that CI never passes on one engine by accident.
 */
export type EngineName = 'sqlite' | 'postgres';

export interface TestEngine {
  name: EngineName;
  /** A new, empty database (not migrated), as a DATABASE_URL. */
  createUrl(): Promise<string>;
  /** Removes a database made by createUrl. */
  drop(url: string): Promise<void>;
}

export const PG_ADMIN_URL = process.env.PG_TEST_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export const sqlite: TestEngine = {
  name: 'sqlite',
  async createUrl() {
    return path.join(tempDir('ebox-db-test-'), 'ebox.sqlite');
  },
  async drop(url) {
    fs.rmSync(path.dirname(url), { recursive: true, force: true });
  },
};

async function admin<T>(run: (db: Knex) => Promise<T>): Promise<T> {
  const db = knex({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  // Only databases this helper made may be dropped.
  if (!/^ebox_test_[0-9a-f]{16}$/.test(name)) throw new Error(`not a test database: ${name}`);
  return name;
}

export const postgres: TestEngine = {
  name: 'postgres',
  async createUrl() {
    const name = `ebox_test_${crypto.randomBytes(8).toString('hex')}`;
    await admin(async (db) => {
      // A linguistic collation where the server has ICU, as production databases
      // often use one: ordering must then still be SQLite's (code points), which
      // a database in the C locale would hide.
      try {
        await db.raw(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'fr-BE' LOCALE 'C.UTF-8'`);
      } catch {
        await db.raw(`CREATE DATABASE ${name}`);
      }
    });
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return url.toString();
  },
  async drop(url) {
    const name = databaseName(url);
    await admin((db) => db.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  },
};

/** Whether PostgreSQL answers, asked once per test run; synchronous so that suites can be declared per engine. */
function postgresReachable(): boolean {
  const probe = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', probe, PG_ADMIN_URL], { stdio: 'ignore', timeout: 10_000, cwd: path.join(__dirname, '..', '..') });
    return true;
  } catch {
    return false;
  }
}

let available: TestEngine[] | undefined;

/** The engines to run the database tests on (see above). */
export function engines(): TestEngine[] {
  if (available !== undefined) return available;
  if (postgresReachable()) {
    available = [sqlite, postgres];
  } else if (process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL is required (CI=true or REQUIRE_POSTGRES=1) but does not answer at ${masked(PG_ADMIN_URL)}`);
  } else {
    console.warn(`PostgreSQL does not answer at ${masked(PG_ADMIN_URL)} (PG_TEST_URL): database tests run on SQLite only, the PostgreSQL half is skipped.`);
    available = [sqlite];
  }
  return available;
}

function masked(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable PG_TEST_URL)';
  }
}

/** Declares `body` once per engine, in a describe titled `title [engine]`. */
export function describeEachEngine(title: string, body: (engine: TestEngine) => void): void {
  for (const engine of engines()) describe(`${title} [${engine.name}]`, () => body(engine));
}

export interface TestDatabase {
  url: string;
  db: Knex;
  close(): Promise<void>;
}

/** A new migrated database on `engine`, with its connection; close() removes it. */
export async function testDatabase(engine: TestEngine): Promise<TestDatabase> {
  const url = await engine.createUrl();
  const db = connect(url);
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    await engine.drop(url);
    throw err;
  }
  return {
    url,
    db,
    async close() {
      await db.destroy();
      await engine.drop(url);
    },
  };
}

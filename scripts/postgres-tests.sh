#!/usr/bin/env bash
# The API suite again, each test server on a PostgreSQL database of its own
# (TEST_DATABASE=postgres). The database suites already run on both engines in
# `npm test`. Without PostgreSQL this says so in one line and passes, except
# under CI=true or REQUIRE_POSTGRES=1, where it fails.
set -euo pipefail
url="${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
probe='const { Client } = require("pg"); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));'
if node -e "$probe" "$url" 2>/dev/null; then
  TEST_DATABASE=postgres exec npx mocha --config .mocharc.postgres.json
fi
shown="$(node -e 'try { const u = new URL(process.argv[1]); if (u.password) u.password = "***"; console.log(u.toString()) } catch { console.log("(PG_TEST_URL)") }' "$url")"
if [ "${CI:-}" = "true" ] || [ "${REQUIRE_POSTGRES:-}" = "1" ]; then
  echo "postgres-tests: FAILED - PostgreSQL is required (CI=true or REQUIRE_POSTGRES=1) but does not answer at $shown" >&2
  exit 1
fi
echo "postgres-tests: PostgreSQL does not answer at $shown (PG_TEST_URL): the API tests ran on SQLite only."

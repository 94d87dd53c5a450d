#!/usr/bin/env bash
# Fails when generated/ is not exactly what scripts/generate.sh produces from
# the current spec (someone edited the spec without `make generate`, or edited
# generated/ by hand). Both generators must be present: without Java the check
# fails rather than passing unchecked (set SKIP_MODEL_GENERATOR=1 on a machine
# without Java to check the operation types alone, loudly).
set -euo pipefail

if ! command -v java >/dev/null 2>&1; then
  if [ "${SKIP_MODEL_GENERATOR:-}" != "1" ]; then
    echo "check-generated: FAILED - java not found, openapi-generator cannot run (install a JRE, e.g. Java 17; or SKIP_MODEL_GENERATOR=1 to check operations.ts only)." >&2
    exit 1
  fi
  echo "check-generated: WARNING - java not found: generated/model is NOT checked, only generated/operations.ts."
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  cd "$(dirname "$0")/.."
  npx --no-install tsx scripts/generate-operations.ts "$tmp/operations.ts"
  diff -u generated/operations.ts "$tmp/operations.ts" || { echo "check-generated: FAILED - generated/operations.ts is stale; run 'make generate'." >&2; exit 1; }
  exit 0
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bash scripts/generate.sh "$tmp/generated" >/dev/null

if diff -ru generated "$tmp/generated" >"$tmp/drift.diff"; then
  echo "check-generated: generated/ is up to date with spec/message-registry.yaml."
else
  cat "$tmp/drift.diff"
  echo "check-generated: FAILED - generated/ differs from what spec/message-registry.yaml produces; run 'make generate' and commit generated/." >&2
  exit 1
fi

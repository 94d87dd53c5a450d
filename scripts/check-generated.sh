#!/usr/bin/env bash
# Fails when generated/ is not exactly what scripts/generate.sh produces from
# the current spec (someone edited the spec without `make generate`, or edited
# generated/ by hand). Skipped, successfully, when no Java runtime is installed.
set -euo pipefail

if ! command -v java >/dev/null 2>&1; then
  echo "check-generated: SKIPPED - java not found, cannot run openapi-generator (install a JRE, e.g. Java 17, to enable this check)."
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

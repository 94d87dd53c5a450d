#!/usr/bin/env bash
# Generate the TypeScript types of the contract from spec/message-registry.yaml:
#   <outdir>/model/       one interface per schema (openapi-generator 4.3.1, needs Java)
#   <outdir>/operations.ts the operations by operationId: parameters, bodies,
#                          responses (openapi-typescript, Node only)
#
#   bash scripts/generate.sh <outdir>      (make generate -> generated/)
#
# The models come from the openapi-generator jar shipped in node_modules.
# Generator: typescript-angular, restricted to models: it emits one plain
# interface per schema (enums as string-literal unions plus a same-named const
# object, no imports outside the folder, no runtime dependency) and an index,
# <outdir>/model/models.ts. Nothing else (no Angular services) is generated.
#
# The output is deterministic: the templates carry no timestamp, the files
# depend only on the spec and the pinned generator version. Version 4.3.1 has
# no switch to skip its metadata (.openapi-generator/VERSION and the stock
# .openapi-generator-ignore), so those two files are kept as emitted.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <outdir>" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
outdir="$1"
spec="$root/spec/message-registry.yaml"
generator="$root/node_modules/.bin/openapi-generator"

if ! command -v java >/dev/null 2>&1; then
  echo "generate.sh: java not found; openapi-generator needs a Java runtime (17 works)." >&2
  exit 1
fi

# Start from an empty directory so that models of removed schemas disappear.
rm -rf "$outdir"
mkdir -p "$outdir"

# -Dmodels                      generate models only (no APIs) ...
# -DsupportingFiles=models.ts   ... plus the model index, and no other supporting file
# -DskipFormModel=true          no model for the inline multipart form of /publishMessage
#                               (not a schema of the contract)
# -DmodelDocs/-DmodelTests      off: no documentation or test files
"$generator" generate \
  --generator-name typescript-angular \
  --input-spec "$spec" \
  --output "$outdir" \
  -Dmodels \
  -DsupportingFiles=models.ts \
  -DskipFormModel=true \
  -DmodelDocs=false \
  -DmodelTests=false \
  >"$outdir.log" 2>&1 || { cat "$outdir.log" >&2; rm -f "$outdir.log"; exit 1; }
rm -f "$outdir.log"
# The generator leaves an empty api/ folder; git cannot keep empty folders, so a
# fresh clone would always differ from a fresh generation.
find "$outdir" -type d -empty -delete

npx --no-install tsx "$root/scripts/generate-operations.ts" "$outdir/operations.ts"

echo "generate.sh: models written to $outdir/model (index: $outdir/model/models.ts), operations to $outdir/operations.ts"

// Writes generated/operations.ts: the contract's operations as TypeScript types
// (path and query parameters, request bodies, responses by status, keyed by
// operationId), from spec/message-registry.yaml. openapi-typescript does the
// translation; it needs no Java, unlike the models' generator.
//
//   npx tsx scripts/generate-operations.ts <outfile>
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';

const HEADER = `// Generated from spec/message-registry.yaml by scripts/generate-operations.ts
// (openapi-typescript). Do not edit: run \`make generate\`.
`;

interface Parameter {
  name: string;
  in: string;
  schema?: { default?: unknown };
}

/**
 * openapi-typescript keeps a query parameter optional even when the contract
 * gives it a default; the server fills defaults in, so handlers see them as
 * present. This map, per operation, names the parameters that always arrive.
 */
function queryDefaults(spec: OpenAPI3): string {
  const lines: string[] = [];
  for (const item of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { operationId?: string; parameters?: Parameter[] }>)) {
      if (typeof operation !== 'object' || !operation?.operationId) continue;
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.default !== undefined).map((p) => `'${p.name}'`);
      if (names.length > 0) lines.push(`  ${operation.operationId}: ${names.join(' | ')};`);
    }
  }
  return `\n/** Per operationId, the query parameters that have a default in the contract. */\nexport interface QueryDefaults {\n${lines.join('\n')}\n}\n`;
}

async function main(outFile: string): Promise<void> {
  const spec = yaml.load(fs.readFileSync(path.resolve(__dirname, '../spec/message-registry.yaml'), 'utf8')) as OpenAPI3;
  const ast = await openapiTS(JSON.parse(JSON.stringify(spec)) as OpenAPI3, {
    alphabetize: false,
    // Properties with a default stay optional, as in the models of generated/model.
    defaultNonNullable: false,
    // An object schema without properties is `object`, as in generated/model, so
    // that the models and the operations agree.
    transform(schema) {
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties) {
        return ts.factory.createKeywordTypeNode(ts.SyntaxKind.ObjectKeyword);
      }
      return undefined;
    },
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, HEADER + astToString(ast) + queryDefaults(spec));
}

const outFile = process.argv[2];
if (!outFile) {
  console.error('usage: tsx scripts/generate-operations.ts <outfile>');
  process.exit(2);
}
main(outFile).catch((err: unknown) => {
  console.error(`generate-operations: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

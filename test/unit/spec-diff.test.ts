// spec-diff: normalization, diff, delta table, and a comparison run end to end
// on a miniature contract (test/fixtures/spec-diff). The real published
// contract is compared by `make spec-diff` in .ci/run, not here: these tests
// need nothing outside the repository.
// (node:assert rather than chai: chai 6 ships no type declarations here.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  applyDeltas,
  compare,
  diff,
  matchesPattern,
  normalize,
  parseDeltaTable,
  readYaml,
  report,
  toPointer,
  type Delta,
} from '../../scripts/spec-diff/index';

const root = resolve(__dirname, '../..');
const deltas = parseDeltaTable(readFileSync(resolve(root, 'spec/README.md'), 'utf8'));

// A Swagger 2.0 upstream, its OpenAPI 3 rendition, and the deltas that separate them.
const fixtures = resolve(__dirname, '../fixtures/spec-diff');
const ours = readYaml(resolve(fixtures, 'ours.openapi.yaml'));
const fixtureDeltas = parseDeltaTable(readFileSync(resolve(fixtures, 'deltas.md'), 'utf8'));

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh upstream document, for a test to change. */
function upstream(): Doc {
  return readYaml(resolve(fixtures, 'upstream.swagger.yaml')) as Doc;
}

function pointers(result: { unexcused: Array<{ pointer: string }> }): string[] {
  return result.unexcused.map((d) => d.pointer);
}

describe('spec-diff', function () {
  this.timeout(20000);

  describe('pointers and patterns', () => {
    it('escapes tokens as RFC 6901 says', () => {
      assert.equal(toPointer(['paths', '/ebox/messages', 'a~b']), '/paths/~1ebox~1messages/a~0b');
    });

    it('matches at or under a pattern, * standing for one token', () => {
      assert.ok(matchesPattern('/paths/*/*/responses/403', '/paths/~1ebox/get/responses/403'));
      assert.ok(matchesPattern('/paths/*/*/responses/403', '/paths/~1ebox/get/responses/403/content'));
      assert.ok(!matchesPattern('/paths/*/*/responses/403', '/paths/~1ebox/get/responses/404'));
      assert.ok(!matchesPattern('/paths/*/*/responses/403', '/paths/~1ebox/get'));
      // `*~1*` is the media range */*, not a wildcard.
      assert.ok(!matchesPattern('/a/*~1*', '/a/application~1json'));
      assert.ok(matchesPattern('/a/*~1*', '/a/*~1*'));
    });
  });

  describe('normalize', () => {
    it('drops documentation but keeps properties named like annotations', () => {
      const n = normalize({
        openapi: '3.0.0',
        info: { title: 'x', version: '1' },
        components: {
          schemas: {
            A: {
              description: 'doc',
              example: {},
              'x-vendor': 1,
              properties: { description: { type: 'string', description: 'doc' } },
            },
          },
        },
      });
      assert.deepEqual(n, {
        openapi: '3.0',
        components: { schemas: { A: { properties: { description: { type: 'string' } } } } },
      });
    });

    it('treats 1.0 and 1, set order, $ref siblings and default false as equal', () => {
      const a = normalize({
        paths: {
          '/x': {
            get: {
              parameters: [
                { name: 'b', in: 'query', required: false, schema: { type: 'integer', minimum: 1.0 } },
                { name: 'a', in: 'query', schema: { enum: ['fr', 'nl'] } },
              ],
              responses: { '200': { content: { 'application/json': { schema: { $ref: '#/s', type: 'object' } } } } },
            },
          },
        },
        components: { schemas: { S: { required: ['b', 'a'] } } },
      });
      const b = normalize({
        paths: {
          '/x': {
            get: {
              parameters: [
                { name: 'a', in: 'query', schema: { enum: ['nl', 'fr'] } },
                { name: 'b', in: 'query', schema: { type: 'integer', minimum: 1 } },
              ],
              responses: { '200': { content: { 'application/json': { schema: { $ref: '#/s' } } } } },
            },
          },
        },
        components: { schemas: { S: { required: ['a', 'b'] } } },
      });
      assert.deepEqual(diff(a, b), []);
    });

    it('keys parameters by location and name', () => {
      const n = normalize({ paths: { '/x': { get: { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] } } } });
      assert.deepEqual(n, { paths: { '/x': { get: { parameters: { query: { q: { schema: { type: 'string' } } } } } } } });
    });
  });

  describe('diff', () => {
    it('reports added, removed and changed with pointers', () => {
      const d = diff({ a: 1, b: { c: [1, 2] }, gone: true }, { a: 2, b: { c: [2, 3] }, 'new/key': 'x' });
      assert.deepEqual(d, [
        { kind: 'changed', pointer: '/a', upstream: 1, ours: 2 },
        { kind: 'changed', pointer: '/b/c', upstream: [1, 2], ours: [2, 3] },
        { kind: 'removed', pointer: '/gone', upstream: true },
        { kind: 'added', pointer: '/new~1key', ours: 'x' },
      ]);
    });
  });

  describe('deltas table', () => {
    it('is read from the "Deliberate deltas" section of spec/README.md', () => {
      assert.ok(deltas.length >= 20);
      assert.ok(deltas.some((d) => d.pattern === '/paths/*/*/responses/403'));
      for (const d of deltas) assert.match(d.pattern, /^\//);
    });

    it('rejects a README without the section or with a bad pattern', () => {
      assert.throws(() => parseDeltaTable('# Title\n\nno table\n'), /Deliberate deltas/);
      assert.throws(() => parseDeltaTable('## Deliberate deltas\n\n| p | why |\n|---|---|\n| paths/x | y |\n'), /JSON pointer/);
    });

    it('parses backticked patterns and stops at the next heading', () => {
      const md = '## Deliberate deltas\n\n| p | n |\n|---|---|\n| `/a/*` | one |\n| /b | two |\n\n## Next\n\n| /c | x |\n';
      assert.deepEqual(
        parseDeltaTable(md).map((d) => [d.pattern, d.note]),
        [
          ['/a/*', 'one'],
          ['/b', 'two'],
        ],
      );
    });
  });

  describe('comparing a Swagger 2.0 upstream with our OpenAPI 3 rendition', () => {
    it('finds no unexcused difference and no stale delta when every difference is excused', async () => {
      const result = await compare(upstream(), ours, fixtureDeltas);
      assert.deepEqual(pointers(result), []);
      assert.deepEqual(result.stale, []);
      assert.ok(result.excused.length > 0);
      assert.deepEqual(
        result.notCompared.map((d) => d.pattern),
        ['/servers'],
      );
      assert.equal(report(result).exitCode, 0);
    });

    it('reports a property removed upstream', async () => {
      const up = upstream();
      delete up.definitions.Message.properties.visible;
      const result = await compare(up, ours, fixtureDeltas);
      assert.deepEqual(pointers(result), ['/components/schemas/Message/properties/visible']);
      assert.equal(result.unexcused[0].kind, 'added');
      assert.equal(report(result).exitCode, 1);
    });

    it('reports a changed enum', async () => {
      const up = upstream();
      up.definitions.Digest.properties.digestMethod.enum.push('sha_512');
      const result = await compare(up, ours, fixtureDeltas);
      assert.deepEqual(pointers(result), ['/components/schemas/Digest/properties/digestMethod/enum']);
      assert.deepEqual(result.unexcused[0].upstream, ['sha_256', 'sha_512']);
      assert.deepEqual(result.unexcused[0].ours, ['sha_256']);
    });

    it('reports a new upstream path', async () => {
      const up = upstream();
      up.paths['/ebox/archive'] = { get: { operationId: 'getArchive', responses: { 200: { description: 'ok' } } } };
      const result = await compare(up, ours, fixtureDeltas);
      assert.deepEqual(pointers(result), ['/paths/~1ebox~1archive']);
      assert.equal(result.unexcused[0].kind, 'removed');
    });

    it('reports a changed parameter type', async () => {
      const up = upstream();
      const page = up.paths['/ebox/messages'].get.parameters.find((p: Doc) => p.name === 'page');
      page.type = 'string';
      delete page.format;
      delete page.minimum;
      delete page.default;
      const result = await compare(up, ours, fixtureDeltas);
      assert.ok(pointers(result).includes('/paths/~1ebox~1messages/get/parameters/query/page/schema/type'));
      assert.ok(pointers(result).every((p) => p.startsWith('/paths/~1ebox~1messages/get/parameters/query/page/schema/')));
    });

    it('reports a new required field upstream', async () => {
      const up = upstream();
      up.definitions.TranslatedString.required = ['fr'];
      const result = await compare(up, ours, fixtureDeltas);
      assert.deepEqual(pointers(result), ['/components/schemas/TranslatedString/required']);
    });

    it('reports a stale delta pattern, and a difference no longer excused', async () => {
      const extra: Delta = { pattern: '/paths/~1nowhere/get', note: 'test', line: 0 };
      const withoutQlang = fixtureDeltas.filter((d) => !d.pattern.includes('qlang'));
      const result = await compare(upstream(), ours, [...withoutQlang, extra]);
      assert.deepEqual(result.stale, [extra]);
      assert.deepEqual(pointers(result), ['/paths/~1ebox~1messages/get/parameters/query/qlang/schema/enum']);
      const { lines, exitCode } = report(result);
      assert.equal(exitCode, 1);
      assert.ok(lines.some((l) => l.startsWith('warning:') && l.includes('/paths/~1nowhere/get')));
      assert.ok(lines.some((l) => l.includes('/qlang/schema/enum') && l.includes('ours=["de","fr","nl"]')));
    });

    it('excuses nothing when the table is empty of matches', () => {
      const r = applyDeltas([{ kind: 'added', pointer: '/x' }], [{ pattern: '/y', note: '', line: 1 }]);
      assert.equal(r.unexcused.length, 1);
      assert.equal(r.stale.length, 1);
    });
  });
});

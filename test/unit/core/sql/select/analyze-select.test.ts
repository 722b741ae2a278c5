import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { analyzeSelect } from '../../../../../src/core/sql/select/analyze-select.js';
import { applyEdits } from '../../../../../src/core/sql/select/apply-edits.js';

const seed = `SELECT contentType, data, extensions FROM google.healthcare.series_series
WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd'
  AND dicomStoresId = 's' AND studiesId = 'st' AND seriesId = 'se'`;

test('the seed query: one provider table and six parameter conjuncts', () => {
  const a = analyzeSelect(seed);
  assert.equal(a.scopes.length, 1);
  const [t] = a.scopes[0].from;
  assert.equal(t.kind, 'provider');
  assert.deepEqual(t.parts, ['google', 'healthcare', 'series_series']);
  assert.equal(seed.slice(t.nameStart, t.nameEnd), 'google.healthcare.series_series');
  assert.deepEqual(
    a.scopes[0].conjuncts.map((c) => [c.column.column, c.values]),
    [
      ['projectsId', ['p']],
      ['locationsId', ['l']],
      ['datasetsId', ['d']],
      ['dicomStoresId', ['s']],
      ['studiesId', ['st']],
      ['seriesId', ['se']],
    ],
  );
  assert.equal(seed.slice(a.scopes[0].conjuncts[1].start, a.scopes[0].conjuncts[1].end), "locationsId = 'l'");
});

test('IN lists, reversed equality, qualified columns, and terms that are not parameters', () => {
  const sql = `select i.name from google.compute.instances as i
    where i.project = 'p' and zone in ('a', 'b') and 'x' = i.name and i.status like 'RUN%' and (a = 1 or b = 2) and n between 1 and 3 and i.id = -5`;
  const [s] = analyzeSelect(sql).scopes;
  assert.equal(s.from[0].alias, 'i');
  assert.deepEqual(
    s.conjuncts.map((c) => [c.column.qualifier ?? '', c.column.column, c.values]),
    [
      ['i', 'project', ['p']],
      ['', 'zone', ['a', 'b']],
      ['i', 'name', ['x']],
      ['i', 'id', [-5]],
    ],
  );
});

test('joins: aliases without AS, ON equalities, local tables and json_each', () => {
  const sql = `SELECT z.name, i.name FROM google.compute.zones z
    INNER JOIN google.compute.instances i ON i.zone = z.name AND i.project = z.project
    LEFT OUTER JOIN mytable t ON t.x = i.id, json_each(i.disks) AS d
    WHERE z.project = 'p'`;
  const [s] = analyzeSelect(sql).scopes;
  assert.deepEqual(
    s.from.map((f) => [f.kind, f.parts.join('.'), f.alias]),
    [
      ['provider', 'google.compute.zones', 'z'],
      ['provider', 'google.compute.instances', 'i'],
      ['local', 'mytable', 't'],
      ['local', 'json_each', 'd'],
    ],
  );
  assert.deepEqual(
    s.joinEqualities.map(
      (e) => `${e.left.qualifier}.${e.left.column}=${e.right.qualifier}.${e.right.column}`,
    ),
    ['i.zone=z.name', 'i.project=z.project', 't.x=i.id'],
  );
});

test('CTEs, subqueries and UNION each get their own scope; CTE names are not provider tables', () => {
  const sql = `WITH b AS (SELECT name FROM google.storage.buckets WHERE project = 'p1')
    SELECT * FROM b WHERE name IN (SELECT name FROM google.storage.buckets WHERE project = 'p2')
    UNION ALL SELECT name FROM (SELECT name FROM google.pubsub.topics WHERE projectsId = 'p3') t`;
  const a = analyzeSelect(sql);
  const providers = a.scopes.flatMap((s) =>
    s.from
      .filter((f) => f.kind === 'provider')
      .map((f) => [f.parts.join('.'), s.conjuncts.map((c) => c.values[0])]),
  );
  assert.deepEqual(providers, [
    ['google.storage.buckets', ['p1']],
    ['google.storage.buckets', ['p2']],
    ['google.pubsub.topics', ['p3']],
  ]);
  assert.ok(a.cteNames.has('b'));
});

test('stars: bare and qualified, not count(*)', () => {
  const sql = 'SELECT *, t.*, count(*) FROM google.a.b t';
  const [s] = analyzeSelect(sql).scopes;
  assert.deepEqual(
    s.stars.map((x) => [sql.slice(x.start, x.end), x.qualifier]),
    [
      ['*', undefined],
      ['t.*', 't'],
    ],
  );
});

test('applyEdits splices non-overlapping replacements', () => {
  assert.equal(
    applyEdits('abcdef', [
      { start: 4, end: 5, text: 'E' },
      { start: 0, end: 1, text: 'A' },
    ]),
    'AbcdEf',
  );
  assert.throws(() =>
    applyEdits('abc', [
      { start: 0, end: 2, text: '' },
      { start: 1, end: 3, text: '' },
    ]),
  );
});

test('AND terms: parenthesised operands split, a top-level OR keeps the whole, CASE stays whole', () => {
  const terms = (where: string) =>
    analyzeSelect(`SELECT 1 FROM google.a.b WHERE ${where}`).scopes[0].conjuncts.map((c) => c.column.column);
  assert.deepEqual(terms("(p = 'x') AND ((q = 'y' AND r IN ('z')))"), ['p', 'q', 'r']);
  assert.deepEqual(terms("p = 'x' AND q = 'y' OR r = 'z'"), []);
  assert.deepEqual(terms("(p = 'x' OR q = 'y') AND r = 'z'"), ['r']);
  assert.deepEqual(terms("CASE WHEN a = 1 OR b = 2 THEN 1 END AND p = 'x'"), ['p']);
});

test('full-name qualifiers: columns, conjuncts and stars', () => {
  const sql = `SELECT google.a.b.*, google.a.b.c FROM google.a.b WHERE google.a.b.p = 'x'`;
  const a = analyzeSelect(sql);
  assert.deepEqual(
    a.fullQualifiers.map((q) => sql.slice(q.start, q.end)),
    ['google.a.b', 'google.a.b'],
  );
  assert.deepEqual(
    a.scopes[0].stars.map((s) => [sql.slice(s.start, s.end), s.qualifier]),
    [['google.a.b.*', 'google.a.b']],
  );
  assert.deepEqual(
    a.scopes[0].conjuncts.map((c) => [c.column.qualifier, c.column.column]),
    [['google.a.b', 'p']],
  );
});

test('nesting past 200 parentheses is SQL_TOO_DEEP at the first level too many; 200 are analysed', () => {
  let ok = 'SELECT 1';
  for (let i = 0; i < 200; i++) ok = `SELECT * FROM (${ok})`;
  assert.equal(analyzeSelect(ok).scopes.length, 201);
  assert.throws(
    () => analyzeSelect(`SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)}`),
    (e: unknown) => isSkyqlError(e, 'SQL_TOO_DEEP') && e.position?.offset === 7 + 200,
  );
});

test('unbalanced parentheses are a PARSE_ERROR at the parenthesis, not an internal error', () => {
  for (const [sql, column] of [
    ['SELECT count(*) FROM (SELEC AND T 1 UNION ALL SELECT', 22],
    ['SELECT 1)', 9],
  ] as const) {
    assert.throws(
      () => analyzeSelect(sql),
      (e: unknown) => isSkyqlError(e, 'PARSE_ERROR') && e.position?.column === column,
      sql,
    );
  }
});

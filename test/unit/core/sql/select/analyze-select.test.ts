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

test("a wire client's numeric parameter, inlined as (5) or (-5), is a parameter value", () => {
  const sql = `SELECT name FROM google.compute.instances WHERE project = 'p' AND id = (-5) AND n IN ((7), 8) AND (2.5) = x`;
  const [s] = analyzeSelect(sql).scopes;
  assert.deepEqual(
    s.conjuncts.map((c) => [c.column.column, c.values]),
    [
      ['project', ['p']],
      ['id', [-5]],
      ['n', [7, 8]],
      ['x', [2.5]],
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

test('an OR of = and IN terms on one column is one term with every value, across parentheses', () => {
  const bound = (where: string) =>
    analyzeSelect(`SELECT 1 FROM google.a.b i WHERE p = 'x' AND ${where}`).scopes[0].conjuncts.map((c) => [
      c.column.qualifier ?? '',
      c.column.column,
      c.values,
    ]);
  const zones = [
    ['', 'p', ['x']],
    ['', 'zone', ['a', 'b']],
  ];
  assert.deepEqual(bound("(zone = 'a' OR zone = 'b')"), zones);
  assert.deepEqual(bound("((zone = 'a') OR (zone = 'b'))"), zones);
  assert.deepEqual(bound("(zone = 'a' OR 'b' = zone)"), zones);
  assert.deepEqual(bound("(zone = 'a' OR zone IN ('b', 'c') OR (zone = 'd' OR zone = 'a'))"), [
    ['', 'p', ['x']],
    ['', 'zone', ['a', 'b', 'c', 'd', 'a']],
  ]);
  assert.deepEqual(bound("(i.zone = 'a' OR i.zone = 'b')"), [
    ['', 'p', ['x']],
    ['i', 'zone', ['a', 'b']],
  ]);
  // other columns, other spellings of the column, AND or LIKE inside: nothing binds
  for (const where of [
    "(zone = 'a' OR status = 'b')",
    "(zone = 'a' OR i.zone = 'b')",
    "(zone = 'a' OR (zone = 'b' AND status = 'c'))",
    "(zone = 'a' OR zone LIKE 'b%')",
    "(zone = 'a' OR zone = other)",
  ]) {
    assert.deepEqual(bound(where), [['', 'p', ['x']]], where);
  }
  const sql = "SELECT 1 FROM google.a.b WHERE (zone = 'a' OR zone = 'b')";
  const [c] = analyzeSelect(sql).scopes[0].conjuncts;
  assert.equal(sql.slice(c.start, c.end), "zone = 'a' OR zone = 'b'", 'the span inside the parentheses');
});

test('parameters named like SQL words keep their spelling and are not taken for clauses', () => {
  const where = (w: string) =>
    analyzeSelect(`SELECT title FROM google.iam.roles WHERE ${w}`).scopes[0].conjuncts.map((c) => [
      c.column.column,
      c.values,
    ]);
  assert.deepEqual(where("view = 'FULL'"), [['view', ['FULL']]]);
  assert.deepEqual(where('"view" = \'FULL\' AND version = 3'), [
    ['view', ['FULL']],
    ['version', [3]],
  ]);
  assert.deepEqual(where("p = 'x' AND order = 'COUNT_DESC' ORDER BY title"), [
    ['p', ['x']],
    ['order', ['COUNT_DESC']],
  ]);
  assert.deepEqual(where("limit IN (1, 2) AND level = 'a' AND table = 't' AND key = 'k' LIMIT 5"), [
    ['limit', [1, 2]],
    ['level', ['a']],
    ['table', ['t']],
    ['key', ['k']],
  ]);
  const [c] = analyzeSelect("SELECT 1 FROM google.a.b WHERE order = 'x'").scopes[0].conjuncts;
  assert.equal(c.column.bareAt, 31, 'a bare name records where it starts (the rewrite may quote it)');
  const [q] = analyzeSelect(`SELECT 1 FROM google.a.b WHERE "order" = 'x'`).scopes[0].conjuncts;
  assert.equal(q.column.bareAt, undefined);
});

test('other WHERE and ON terms are filters with their column references; the outer SELECT names the result', () => {
  const sql = `WITH c AS (SELECT 1 AS one) SELECT i.name, 'x' || i.name FROM google.a.b i
    JOIN google.a.c d ON d.k = i.k AND d.zone <> 'z'
    WHERE i.p = 'x' AND lower(i.zone) LIKE 'us%' AND (zone = 'a' OR status = 'b')
      AND i.n > (SELECT max(n) FROM google.a.d WHERE q = 1) UNION SELECT 1, 2`;
  const a = analyzeSelect(sql);
  const outer = a.scopes[a.outputScope as number];
  assert.deepEqual(
    outer.from.map((f) => f.alias),
    ['i', 'd'],
  );
  assert.deepEqual(
    outer.filters.map((f) => [f.clause, sql.slice(f.start, f.end), f.columns.map((c) => c.column)]),
    [
      ['ON', "d.zone <> 'z'", ['zone']],
      ['WHERE', "lower(i.zone) LIKE 'us%'", ['zone']],
      ['WHERE', "zone = 'a' OR status = 'b'", ['zone', 'status']],
      ['WHERE', 'i.n > (SELECT max(n) FROM google.a.d WHERE q = 1)', ['n']],
    ],
  );
  assert.deepEqual(
    outer.items.map((i) => [sql.slice(i.start, i.end), i.named]),
    [
      ['i.name', true],
      ["'x' || i.name", false],
    ],
  );
});

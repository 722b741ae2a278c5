import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandTag } from '../../../../src/front/pgwire/command-tag.js';
import { pgColumnNames, withPgColumnNames } from '../../../../src/front/pgwire/pg-column-names.js';

/**
 * The names PostgreSQL gives (checked with psql against PostgreSQL 15; `true` → `bool` is 14's, the
 * version the wire server reports), undefined where the engine's name stands.
 */
const CASES: [string, (string | undefined)[]][] = [
  ['SELECT count(*) FROM t', ['count']],
  ['select COUNT(DISTINCT x), max(y), pg_catalog.version() from t', ['count', 'max', 'version']],
  ['SELECT name, t.zone, "Mixed" FROM t', [undefined, undefined, undefined]],
  ['SELECT count(*) AS n, count(*) n2, 1 one FROM t', [undefined, undefined, undefined]],
  ["SELECT 1, 'a', NULL, 1 + 2, -1, a || b, a = b FROM t", Array(7).fill('?column?')],
  ['SELECT true, false, current_date, CURRENT_USER', ['bool', 'bool', 'current_date', 'current_user']],
  [
    "SELECT '1'::int, 2::bigint, x::text, 'a'::varchar(3), 1.5::double precision",
    ['int4', 'int8', undefined, 'varchar', 'float8'],
  ],
  [
    "SELECT now()::timestamp with time zone, '1'::pg_catalog.regclass, CAST(x AS integer), CAST('1' AS boolean)",
    ['now', 'regclass', undefined, 'bool'],
  ],
  [
    'SELECT count(*)::int, (count(*)), (1 + 2), (1 + 2)::int, 1 + 2::int, -x::int',
    ['count', 'count', '?column?', 'int4', '?column?', '?column?'],
  ],
  [
    'SELECT CASE WHEN x::int = 1 THEN 1 END::text, CASE WHEN a THEN 1 END + 1, x::double precision, x::double precision d',
    ['text', '?column?', undefined, undefined],
  ],
  [
    'SELECT ARRAY(SELECT 1)::text, ROW(1, 2)::text, true::text, (SELECT max(x) FROM u)::text',
    ['array', 'row', 'text', 'max'],
  ],
  [
    'SELECT CASE WHEN a THEN 1 ELSE 2 END, coalesce(a, b), nullif(a, b), EXISTS (SELECT 1), NOT EXISTS (SELECT 1)',
    ['case', 'coalesce', 'nullif', 'exists', '?column?'],
  ],
  [
    'SELECT (SELECT max(x) FROM u), (SELECT y AS z FROM u), (SELECT w FROM u), ARRAY(SELECT 1), x IS NULL FROM t',
    ['max', 'z', 'w', 'array', '?column?'],
  ],
  ['SELECT row_number() OVER (ORDER BY x), count(*) FILTER (WHERE x > 1) FROM t', ['row_number', 'count']],
  ['WITH c (a) AS (SELECT 1), d AS MATERIALIZED (SELECT 2) SELECT count(*) FROM c, d', ['count']],
  ['SELECT DISTINCT ON (a) a, upper(b) FROM t UNION SELECT 1, 2', [undefined, 'upper']],
  ['(SELECT lower(x) FROM t) UNION ALL (SELECT y FROM u)', ['lower']],
  ['SELECT /*+ NOCACHE */ sum(x) FROM t', ['sum']],
];

test("output columns nobody named get PostgreSQL's names", () => {
  for (const [sql, want] of CASES) assert.deepEqual(pgColumnNames(sql, want.length), want, sql);
});

test('stars: items before the first and after the last star are matched; other statements are left alone', () => {
  assert.deepEqual(pgColumnNames('SELECT count(*), *, upper(x) FROM t', 5), [
    'count',
    undefined,
    undefined,
    undefined,
    'upper',
  ]);
  assert.deepEqual(pgColumnNames('SELECT t.*, 1 FROM t', 3), [undefined, undefined, '?column?']);
  assert.equal(pgColumnNames('SELECT a, b FROM t', 3), undefined, 'counts that do not match: no guess');
  assert.equal(pgColumnNames('VALUES (1)', 1), undefined);
  assert.equal(pgColumnNames('SHOW SERVICES IN google', 2), undefined);
  assert.equal(pgColumnNames('SELECT ARRAY[1]', 1), undefined, 'SQL skyql cannot read keeps its names');
  const r = withPgColumnNames('SELECT count(*), name FROM t', {
    columns: [
      { name: 'count(*)', type: 'integer' },
      { name: 'name', type: 'text' },
    ],
    rows: [[1, 'a']],
  });
  assert.deepEqual(
    r?.columns.map((c) => c.name),
    ['count', 'name'],
  );
});

test('command tags follow PostgreSQL, with the rows a statement changed', () => {
  const rows = { columns: [{ name: 'x', type: 'integer' as const }], rows: [[1], [2]] };
  assert.equal(commandTag('select 1', rows), 'SELECT 2');
  assert.equal(commandTag('create or replace view v as select 1', undefined), 'CREATE VIEW');
  assert.equal(commandTag('CREATE MATERIALIZED VIEW m AS SELECT 1', undefined), 'CREATE MATERIALIZED VIEW');
  assert.equal(commandTag('drop table t', undefined), 'DROP TABLE');
  assert.equal(commandTag('insert into t values (1), (2)', undefined, 2), 'INSERT 0 2');
  assert.equal(
    commandTag('INSERT /*+ AWAIT */ INTO g.s.r (a) VALUES (1) RETURNING name', rows, 1),
    'INSERT 0 1',
  );
  assert.equal(commandTag('update t set a = 1', undefined, 3), 'UPDATE 3');
  assert.equal(commandTag('DELETE FROM g.s.r WHERE a IN (1, 2)', undefined, 2), 'DELETE 2');
  assert.equal(commandTag('REPLACE g.s.r SET data__a = 1 WHERE b = 2', undefined, 1), 'UPDATE 1');
  assert.equal(commandTag('REPLACE INTO t VALUES (1)', undefined, 1), 'INSERT 0 1');
  assert.equal(commandTag('insert into t select * from u', undefined), 'INSERT 0 0', 'nothing reported: 0');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../../src/core/sql/select/apply-edits.js';
import { castEdits } from '../../../../../src/core/sql/select/pg-casts.js';

const rewrite = (sql: string) => applyEdits(sql, castEdits(sql));

test('::type becomes CAST for SQLite types, nests when chained, and is dropped otherwise', () => {
  assert.equal(
    rewrite('SELECT a::text, t.b::int FROM t'),
    'SELECT CAST(a AS TEXT), CAST(t.b AS INTEGER) FROM t',
  );
  assert.equal(
    rewrite('SELECT f(x, 1)::varchar(5), (a + 1)::numeric'),
    'SELECT CAST(f(x, 1) AS TEXT), CAST((a + 1) AS NUMERIC)',
  );
  assert.equal(rewrite("SELECT '1'::text::double precision"), "SELECT CAST(CAST('1' AS TEXT) AS REAL)");
  assert.equal(rewrite('SELECT CASE WHEN a THEN 1 END::text'), 'SELECT CAST(CASE WHEN a THEN 1 END AS TEXT)');
  assert.equal(
    rewrite('SELECT labels::jsonb, ok::boolean, ts::timestamp with time zone FROM t'),
    'SELECT labels, ok, ts FROM t',
  );
  assert.equal(rewrite("SELECT 'a::text' -- x::int"), "SELECT 'a::text' -- x::int");
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSelect } from '../../../../../src/core/sql/select/analyze-select.js';
import { hasExecSubquery } from '../../../../../src/core/sql/select/exec-subquery.js';

test('(EXEC ...) alias is a local row source that knows where its EXEC text is', () => {
  const sql =
    "SELECT t.role, b.name FROM (EXEC /*+ SHOWRESULTS */ google.crm.policies.get @projectsId = 'p') t JOIN google.storage.buckets b ON b.project = 'p'";
  const a = analyzeSelect(sql);
  assert.equal(a.scopes.length, 1);
  const [exec, buckets] = a.scopes[0].from;
  assert.equal(exec.kind, 'local');
  assert.equal(exec.alias, 't');
  assert.ok(exec.exec);
  assert.equal(
    sql.slice(exec.exec.start, exec.exec.end),
    "EXEC /*+ SHOWRESULTS */ google.crm.policies.get @projectsId = 'p'",
  );
  assert.equal(sql.slice(exec.nameStart, exec.nameEnd), `(${sql.slice(exec.exec.start, exec.exec.end)})`);
  assert.deepEqual([buckets.kind, buckets.parts], ['provider', ['google', 'storage', 'buckets']]);
  assert.deepEqual(
    a.scopes[0].conjuncts.map((c) => c.column.column),
    ['project'],
    'nothing inside the EXEC is taken for a WHERE/ON term',
  );
});

test('without an alias, and in a nested query', () => {
  const a = analyzeSelect('SELECT * FROM (SELECT role FROM (exec google.a.b.c @x = 1) GROUP BY role) q');
  const execs = a.scopes.flatMap((s) => s.from.filter((r) => r.exec));
  assert.equal(execs.length, 1);
  assert.equal(execs[0].alias, undefined);
});

test('hasExecSubquery looks at tokens, not at text in strings or comments', () => {
  assert.ok(hasExecSubquery('SELECT 1 FROM ( EXEC google.a.b.c ) t'));
  assert.ok(hasExecSubquery('select 1 from (/*+ x */ exec google.a.b.c)'));
  assert.ok(!hasExecSubquery("SELECT '(EXEC x)' AS s"));
  assert.ok(!hasExecSubquery('SELECT 1 -- (EXEC x)'));
  assert.ok(!hasExecSubquery('SELECT exec FROM t'));
});

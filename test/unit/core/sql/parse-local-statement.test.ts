import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLocalStatement } from '../../../../src/core/sql/local/parse-local-statement.js';

test('UPDATE splits into the target, the new values, FROM and the filter (DISTINCT FROM stays a value)', () => {
  assert.deepEqual(
    parseLocalStatement(
      'UPDATE OR IGNORE t AS x SET a = (SELECT max(b) FROM u), c = x.d IS DISTINCT FROM 1 FROM v WHERE v.id = x.id LIMIT 2',
    ),
    {
      kind: 'localTable',
      verb: 'UPDATE',
      table: 't',
      text: 'UPDATE OR IGNORE t AS x SET a = (SELECT max(b) FROM u), c = x.d IS DISTINCT FROM 1 FROM v WHERE v.id = x.id LIMIT 2',
      conflict: 'IGNORE',
      target: 't AS x',
      qualifier: '"x"',
      set: [
        { column: 'a', value: '(SELECT max(b) FROM u)' },
        { column: 'c', value: 'x.d IS DISTINCT FROM 1' },
      ],
      from: 'v',
      filter: 'WHERE v.id = x.id LIMIT 2',
    },
  );
});

test('INSERT keeps its columns and query; DELETE its filter; CREATE TABLE its definitions', () => {
  assert.deepEqual(parseLocalStatement('REPLACE INTO "my t" (a, "b c") VALUES (1, 2)'), {
    kind: 'localTable',
    verb: 'INSERT',
    table: 'my t',
    text: 'REPLACE INTO "my t" (a, "b c") VALUES (1, 2)',
    conflict: 'REPLACE',
    columns: ['a', 'b c'],
    query: 'VALUES (1, 2)',
  });
  const del = parseLocalStatement('DELETE FROM t WHERE a IN (SELECT a FROM u WHERE b) ORDER BY a');
  assert.equal(
    del?.kind === 'localTable' && del.verb === 'DELETE' && del.filter,
    'WHERE a IN (SELECT a FROM u WHERE b) ORDER BY a',
  );
  const create = parseLocalStatement(
    'CREATE TEMP TABLE IF NOT EXISTS t (a INTEGER, b TEXT DEFAULT (1)) STRICT',
  );
  assert.ok(create?.kind === 'localTable' && create.verb === 'CREATE');
  assert.deepEqual(
    [create.definition, create.ifNotExists, create.strict],
    ['a INTEGER, b TEXT DEFAULT (1)', true, true],
  );
  assert.equal(parseLocalStatement("INSERT INTO google.storage.buckets (name) VALUES ('x')"), undefined);
});

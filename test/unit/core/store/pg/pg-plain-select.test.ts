import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainScratchSelect } from '../../../../../src/core/store/pg/pg-plain-select.js';

const P = '__skyql_';

test('columns of one skyql table, nothing computed, are plain', () => {
  assert.deepEqual(
    plainScratchSelect('SELECT "i"."name", "i"."id" FROM "__skyql_1" AS "i" WHERE TRUE AND TRUE', P),
    { table: '__skyql_1', columns: ['name', 'id'], star: false },
  );
  assert.deepEqual(plainScratchSelect('SELECT * FROM pg_temp."__skyql_2"', P), {
    table: '__skyql_2',
    columns: [],
    star: true,
  });
  assert.deepEqual(plainScratchSelect('select "t".*, "a" from "__skyql_3" as "t" where true', P), {
    table: '__skyql_3',
    columns: ['a'],
    star: true,
  });
});

test('anything that could run code, or another table, is not plain', () => {
  for (const sql of [
    'SELECT "i"."name" FROM "instances" AS "i"', // not a skyql table
    'SELECT current_user FROM "__skyql_1"', // a call without parentheses
    'SELECT name FROM "__skyql_1"', // unquoted names are refused altogether
    'SELECT "f"("x") FROM "__skyql_1"',
    'SELECT "a" FROM "__skyql_1" WHERE "a" = 1',
    'SELECT "a"::text FROM "__skyql_1"',
    'SELECT "a" FROM "__skyql_1" WHERE TRUE OR TRUE',
    'SELECT "a" FROM "__skyql_1", "__skyql_2"',
    'SELECT "a" FROM "__skyql_1" JOIN "__skyql_2" USING ("a")',
    'SELECT "a" FROM "__skyql_1" LIMIT 1',
    'SELECT "a" FROM "__skyql_1"; SELECT 1',
    'SELECT "a" FROM public."__skyql_1"',
    'SELECT "a" FROM "__SKYQL_1"',
    'WITH x AS (SELECT 1) SELECT "a" FROM "__skyql_1"',
    'SELECT "a" FROM "__skyql_1" AS "t" WHERE TRUE AND "t"."a"',
  ])
    assert.equal(plainScratchSelect(sql, P), undefined, sql);
});

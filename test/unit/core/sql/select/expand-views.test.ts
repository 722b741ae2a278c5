import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { expandViews, MAX_EXPANDED_CHARS } from '../../../../../src/core/sql/select/expand-views.js';

test('views over views expand in place, each use re-running the query', () => {
  const views = new Map([
    ['v0', 'SELECT 1 AS x'],
    ['v1', 'SELECT x FROM v0'],
  ]);
  assert.equal(
    expandViews('SELECT * FROM v1', (n) => views.get(n)),
    'SELECT * FROM (SELECT x FROM (SELECT 1 AS x) AS "v0") AS "v1"',
  );
});

test('views that use other views many times are refused before their text is built (a hostile view cannot hold the server)', () => {
  // v(i) joins v(i-1) 32 times: four levels are a million copies of v0
  const views = new Map<string, string>([['v0', 'SELECT 1 AS x']]);
  for (let i = 1; i <= 4; i++)
    views.set(
      `v${i}`,
      `SELECT 1 AS x FROM ${Array.from({ length: 32 }, (_, k) => `v${i - 1} t${k}`).join(', ')}`,
    );
  assert.throws(
    () => expandViews('SELECT count(*) FROM v4', (n) => views.get(n)),
    (e: unknown) => isSkyqlError(e, 'VIEW_TOO_LARGE') && e.message.includes(String(MAX_EXPANDED_CHARS)),
  );
});

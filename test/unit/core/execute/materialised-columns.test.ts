import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referencedNames } from '../../../../src/core/execute/materialised-columns.js';
import { analyzeSelect } from '../../../../src/core/sql/select/analyze-select.js';

const names = (sql: string) => {
  const r = referencedNames(sql, analyzeSelect(sql));
  return r === undefined ? undefined : [...r].sort();
};

test('every word, quoted name and string of the statement, lower-cased; COUNT(*) is no star', () => {
  assert.deepEqual(
    names(
      `SELECT COUNT(*), "selfLink", json_extract(Disks, '$[0].source') FROM google.compute.instances WHERE project = 'p'`,
    ),
    [
      '$[0].source',
      'compute',
      'count',
      'disks',
      'from',
      'google',
      'instances',
      'json_extract',
      'p',
      'project',
      'select',
      'selflink',
      'where',
    ],
  );
});

test('a star anywhere, qualified or in a subquery, or a NATURAL join keeps every column', () => {
  assert.equal(names('SELECT * FROM google.compute.instances'), undefined);
  assert.equal(names('SELECT i.* FROM google.compute.instances i'), undefined);
  assert.equal(names('SELECT n FROM (SELECT *, 1 AS n FROM google.compute.instances)'), undefined);
  assert.equal(
    names('SELECT name FROM google.compute.instances NATURAL JOIN google.compute.disks'),
    undefined,
  );
  assert.ok(names(`SELECT name FROM google.compute.instances WHERE name = 'natural'`)?.includes('natural'));
});

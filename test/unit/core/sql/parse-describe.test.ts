import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { shape } from './ast-shape.js';
import { parseErrorOf } from './parse-error-of.js';

const GCI = ['google', 'compute', 'instances'];

const GOLDEN: Array<[string, Record<string, unknown>]> = [
  ['DESCRIBE google.compute.instances', { kind: 'describe', extended: false, target: GCI }],
  ['desc google.compute.instances', { kind: 'describe', extended: false, target: GCI }],
  ['DESCRIBE EXTENDED google.compute.instances', { kind: 'describe', extended: true, target: GCI }],
  ['DESC EXTENDED google.compute.instances', { kind: 'describe', extended: true, target: GCI }],
  [
    'DESCRIBE google.container."projects.aggregated.usableSubnetworks"',
    {
      kind: 'describe',
      extended: false,
      target: ['google', 'container', 'projects.aggregated.usableSubnetworks'],
    },
  ],
  ['DESCRIBE my_view', { kind: 'describe', extended: false, target: ['my_view'] }],
  [
    'DESCRIBE google.pubsub.subscriptions',
    { kind: 'describe', extended: false, target: ['google', 'pubsub', 'subscriptions'] },
  ],
  ['DESCRIBE method.x.select', { kind: 'describe', extended: false, target: ['method', 'x', 'select'] }],
  [
    'DESCRIBE METHOD google.compute.instances.insert',
    { kind: 'describeMethod', extended: false, target: [...GCI, 'insert'] },
  ],
  [
    'DESCRIBE METHOD EXTENDED google.compute.instances.insert',
    { kind: 'describeMethod', extended: true, target: [...GCI, 'insert'] },
  ],
  [
    'describe extended method google.compute.instances.insert',
    { kind: 'describeMethod', extended: true, target: [...GCI, 'insert'] },
  ],
  [
    'DESC METHOD google.sql.instances.update',
    { kind: 'describeMethod', extended: false, target: ['google', 'sql', 'instances', 'update'] },
  ],
];

describe('parseStatement: DESCRIBE', () => {
  for (const [sql, expected] of GOLDEN) {
    test(sql, () => assert.deepEqual(shape(parseStatement(sql)), expected));
  }

  test('target offsets', () => {
    const stmt = parseStatement('DESCRIBE  google.compute.instances');
    assert.deepEqual(stmt.kind === 'describe' && stmt.target, { parts: GCI, start: 10, end: 34 });
  });

  const ERRORS: Array<[string, string]> = [
    [
      'DESCRIBE google.compute',
      'syntax error at line 1, column 10: DESCRIBE needs <provider>.<service>.<resource> (or a view name), got google.compute',
    ],
    [
      'DESCRIBE METHOD google.compute.instances',
      'syntax error at line 1, column 17: DESCRIBE METHOD needs <provider>.<service>.<resource>.<method>, got google.compute.instances',
    ],
    [
      'DESCRIBE',
      'syntax error at line 1, column 9: expected <provider>.<service>.<resource> after DESCRIBE, found end of statement',
    ],
    [
      'DESCRIBE google.compute.instances x',
      "syntax error at line 1, column 35: expected end of statement after DESCRIBE google.compute.instances, found 'x'",
    ],
  ];
  for (const [sql, message] of ERRORS) {
    test(`error: ${sql}`, () => assert.equal(parseErrorOf(sql).message, message));
  }
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { shape } from './ast-shape.js';
import { parseErrorOf } from './parse-error-of.js';

const GOLDEN: Array<[string, Record<string, unknown>]> = [
  ['REGISTRY LIST', { kind: 'registryList' }],
  ['registry list google', { kind: 'registryList', provider: 'google' }],
  ['REGISTRY PULL google', { kind: 'registryPull', provider: 'google' }],
  ['REGISTRY PULL google v1.0.4', { kind: 'registryPull', provider: 'google', version: 'v1.0.4' }],
  [
    'REGISTRY PULL google v25.07.00000',
    { kind: 'registryPull', provider: 'google', version: 'v25.07.00000' },
  ],
  ["REGISTRY PULL google 'v1.0.4'", { kind: 'registryPull', provider: 'google', version: 'v1.0.4' }],
  [
    'registry pull google v24.11.00274 -- pin',
    { kind: 'registryPull', provider: 'google', version: 'v24.11.00274' },
  ],
  ['REGISTRY PULL google 1.0.4', { kind: 'registryPull', provider: 'google', version: '1.0.4' }],
  ['REGISTRY PULL "googleadmin"', { kind: 'registryPull', provider: 'googleadmin' }],
];

describe('parseStatement: REGISTRY', () => {
  for (const [sql, expected] of GOLDEN) {
    test(sql, () => assert.deepEqual(shape(parseStatement(sql)), expected));
  }

  test('the statement text is the source without trailing ; or comments', () => {
    const stmt = parseStatement('  REGISTRY PULL google v1.0.4 ; ');
    assert.deepEqual([stmt.text, stmt.start], ['REGISTRY PULL google v1.0.4', 2]);
  });

  const ERRORS: Array<[string, string]> = [
    [
      'REGISTRY',
      'syntax error at line 1, column 9: expected LIST or PULL after REGISTRY, found end of statement',
    ],
    [
      'REGISTRY PUSH google',
      "syntax error at line 1, column 10: expected LIST or PULL after REGISTRY, found 'PUSH'",
    ],
    [
      'REGISTRY PULL',
      'syntax error at line 1, column 14: expected a provider name after REGISTRY PULL, found end of statement',
    ],
    [
      'REGISTRY PULL google v1.0.4 extra',
      "syntax error at line 1, column 29: expected end of statement after the version 'v1.0.4', found 'extra'",
    ],
    [
      'REGISTRY PULL google.compute',
      "syntax error at line 1, column 21: expected a version after the provider name, found '.'",
    ],
    [
      'REGISTRY LIST google aws',
      "syntax error at line 1, column 22: expected end of statement after REGISTRY LIST google, found 'aws'",
    ],
  ];
  for (const [sql, message] of ERRORS) {
    test(`error: ${sql}`, () => assert.equal(parseErrorOf(sql).message, message));
  }
});

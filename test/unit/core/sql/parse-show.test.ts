import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStatement } from '../../../../src/core/sql/parser/parse-statement.js';
import { shape } from './ast-shape.js';
import { parseErrorOf } from './parse-error-of.js';

const show = (object: string, extra: Record<string, unknown> = {}) => ({
  kind: 'show',
  object,
  extended: false,
  ...extra,
});

/** Input → expected statement (without offsets; see ast-shape.ts). */
const GOLDEN: Array<[string, Record<string, unknown>]> = [
  ['SHOW PROVIDERS', show('providers')],
  ['show extended providers', show('providers', { extended: true })],
  ["SHOW PROVIDERS LIKE 'goo%'", show('providers', { like: 'goo%' })],
  ['SHOW SERVICES IN google', show('services', { target: ['google'] })],
  ['SHOW SERVICES FROM google', show('services', { target: ['google'] })],
  ['SHOW EXTENDED SERVICES IN google', show('services', { extended: true, target: ['google'] })],
  [
    "SHOW SERVICES IN google WHERE name = 'compute' AND title LIKE '%Engine%'",
    show('services', { target: ['google'], where: "name = 'compute' AND title LIKE '%Engine%'" }),
  ],
  ['SHOW RESOURCES IN google.compute', show('resources', { target: ['google', 'compute'] })],
  [
    "show resources in google.healthcare like 'series%'",
    show('resources', { target: ['google', 'healthcare'], like: 'series%' }),
  ],
  [
    "SHOW RESOURCES IN google.compute LIKE 'it''s'",
    show('resources', { target: ['google', 'compute'], like: "it's" }),
  ],
  [
    "SHOW EXTENDED RESOURCES IN google.pubsub WHERE id LIKE '%subscriptions%'",
    show('resources', { extended: true, target: ['google', 'pubsub'], where: "id LIKE '%subscriptions%'" }),
  ],
  [
    'SHOW METHODS IN google.compute.instances',
    show('methods', { target: ['google', 'compute', 'instances'] }),
  ],
  [
    'SHOW EXTENDED METHODS IN google.pubsub.subscriptions',
    show('methods', { extended: true, target: ['google', 'pubsub', 'subscriptions'] }),
  ],
  [
    'SHOW METHODS IN google.container."projects.aggregated.usableSubnetworks"',
    show('methods', { target: ['google', 'container', 'projects.aggregated.usableSubnetworks'] }),
  ],
  ['SHOW METHODS IN `google`.storage.buckets', show('methods', { target: ['google', 'storage', 'buckets'] })],
  ['SHOW METHODS IN google.sql.update', show('methods', { target: ['google', 'sql', 'update'] })],
  ['SHOW VERSION', { kind: 'showVersion', extended: false }],
  ['show extended version', { kind: 'showVersion', extended: true }],
  [
    'SHOW INSERT INTO google.compute.disks',
    {
      kind: 'showInsert',
      extended: false,
      required: false,
      json: false,
      target: ['google', 'compute', 'disks'],
    },
  ],
  [
    'SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.compute.disks',
    {
      kind: 'showInsert',
      extended: true,
      required: true,
      json: false,
      target: ['google', 'compute', 'disks'],
    },
  ],
  [
    'SHOW INSERT /*+ JSON, REQUIRED */ INTO google.compute.disks',
    {
      kind: 'showInsert',
      extended: false,
      required: true,
      json: true,
      target: ['google', 'compute', 'disks'],
    },
  ],
  ['SHOW TRANSACTION ISOLATION LEVEL', { kind: 'showTransactionIsolation' }],
];

describe('parseStatement: SHOW', () => {
  for (const [sql, expected] of GOLDEN) {
    test(sql, () => assert.deepEqual(shape(parseStatement(sql)), expected));
  }

  test('offsets of target and WHERE fragment are in the full source', () => {
    const sql = "SHOW SERVICES IN google WHERE name = 'compute' AND title LIKE '%Engine%'";
    const stmt = parseStatement(sql);
    assert.equal(stmt.kind, 'show');
    if (stmt.kind !== 'show') return;
    assert.deepEqual(stmt.target, { parts: ['google'], start: 17, end: 23 });
    assert.deepEqual(stmt.where, { text: "name = 'compute' AND title LIKE '%Engine%'", start: 30, end: 72 });
    assert.equal(sql.slice(stmt.where?.start, stmt.where?.end), stmt.where?.text);
    assert.deepEqual([stmt.text, stmt.start], [sql, 0]);
  });

  test('WHERE keeps comments inside the expression as written', () => {
    const stmt = parseStatement("SHOW PROVIDERS WHERE name /* x */ = 'google' -- done");
    assert.equal(stmt.kind === 'show' && stmt.where?.text, "name /* x */ = 'google'");
  });
});

/** Input → [message, line, column] of the PARSE_ERROR. */
const ERRORS: Array<[string, string, number, number]> = [
  [
    'SHOW RESOURCES google',
    "syntax error at line 1, column 16: expected IN or FROM after SHOW RESOURCES, found 'google'",
    1,
    16,
  ],
  [
    'SHOW RESOURCES IN google',
    'syntax error at line 1, column 19: SHOW RESOURCES needs IN <provider>.<service>, got google',
    1,
    19,
  ],
  [
    'SHOW SERVICES IN google.compute',
    'syntax error at line 1, column 18: SHOW SERVICES needs IN <provider>, got google.compute',
    1,
    18,
  ],
  [
    'SHOW METHODS\n  IN google.compute',
    'syntax error at line 2, column 6: SHOW METHODS needs IN <provider>.<service>.<resource>, got google.compute',
    2,
    6,
  ],
  [
    'SHOW SERVICES',
    'syntax error at line 1, column 14: expected IN or FROM after SHOW SERVICES, found end of statement',
    1,
    14,
  ],
  ['SHOW PROVIDERS IN google', 'syntax error at line 1, column 16: SHOW PROVIDERS takes no IN clause', 1, 16],
  [
    'SHOW RESOURCES IN google.',
    "syntax error at line 1, column 26: expected a name after '.', found end of statement",
    1,
    26,
  ],
  [
    'SHOW RESOURCES IN google.compute LIKE x',
    "syntax error at line 1, column 39: expected a quoted pattern after LIKE, found 'x'",
    1,
    39,
  ],
  [
    'SHOW RESOURCES IN google.compute WHERE',
    'syntax error at line 1, column 39: expected an expression after WHERE, found end of statement',
    1,
    39,
  ],
  [
    "SHOW PROVIDERS LIKE 'a' b",
    "syntax error at line 1, column 25: expected end of statement after the LIKE pattern, found 'b'",
    1,
    25,
  ],
  [
    'SHOW PROVIDERS ORDER BY name',
    "syntax error at line 1, column 16: expected LIKE, WHERE or end of statement after SHOW PROVIDERS, found 'ORDER'",
    1,
    16,
  ],
  [
    'SHOW TABLES',
    "syntax error at line 1, column 6: expected PROVIDERS, SERVICES, RESOURCES, METHODS, VERSION or INSERT after SHOW, found 'TABLES'",
    1,
    6,
  ],
  [
    'SHOW INSERT google.compute.disks',
    "syntax error at line 1, column 13: expected INTO after SHOW INSERT, found 'google'",
    1,
    13,
  ],
  [
    'SHOW INSERT INTO google.compute',
    'syntax error at line 1, column 18: SHOW INSERT needs INTO <provider>.<service>.<resource>, got google.compute',
    1,
    18,
  ],
  [
    'SHOW INSERT /*+ AWAIT */ INTO google.compute.disks',
    "syntax error at line 1, column 13: unknown hint 'AWAIT' for SHOW INSERT in '/*+ AWAIT */'",
    1,
    13,
  ],
  [
    "SHOW PROVIDERS 'goo%'",
    "syntax error at line 1, column 16: expected LIKE, WHERE or end of statement after SHOW PROVIDERS, found 'goo%'",
    1,
    16,
  ],
  [
    'SHOW VERSION x',
    "syntax error at line 1, column 14: expected end of statement after SHOW VERSION, found 'x'",
    1,
    14,
  ],
];

describe('parseStatement: SHOW errors', () => {
  for (const [sql, message, line, column] of ERRORS) {
    test(sql, () => {
      const err = parseErrorOf(sql);
      assert.equal(err.message, message);
      assert.deepEqual([err.position?.line, err.position?.column], [line, column]);
    });
  }

  test('errors carry a hint on how to write the statement', () => {
    assert.equal(
      parseErrorOf('SHOW RESOURCES IN google').hint,
      'write SHOW RESOURCES IN <provider>.<service>',
    );
  });
});

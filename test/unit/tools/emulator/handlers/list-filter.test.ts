import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type FilterDialect,
  FilterError,
  matchesFilter,
  parseFilter,
} from '../../../../../src/tools/emulator/handlers/list-filter.js';
import { parseOrderBy, shapeRows } from '../../../../../src/tools/emulator/handlers/list-query.js';

const VMS = [
  {
    name: 'web-1',
    status: 'RUNNING',
    labels: { env: 'prod', role: 'web' },
    cpus: 2,
    deletionProtection: false,
    creationTimestamp: '2025-01-15T09:30:00.000Z',
    networkInterfaces: [
      { network: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/default' },
    ],
    scheduling: { automaticRestart: true },
  },
  {
    name: 'web-2',
    status: 'TERMINATED',
    labels: { env: 'dev', role: 'web' },
    cpus: 4,
    deletionProtection: true,
    creationTimestamp: '2025-03-01T00:00:00.000Z',
    networkInterfaces: [
      { network: 'https://www.googleapis.com/compute/v1/projects/p/global/networks/other' },
    ],
    scheduling: { automaticRestart: false },
  },
  { name: 'db-1', status: 'RUNNING', labels: { env: 'prod', owner: 'ann' }, cpus: 16 },
];

function names(filter: string, dialect: FilterDialect = 'aip160'): string[] {
  const node = parseFilter(filter, dialect);
  assert.ok(node, filter);
  return VMS.filter((v) => matchesFilter(node, v)).map((v) => v.name);
}

test('AIP-160 comparisons: =, !=, wildcards, quoted and bare values, numbers, booleans, ordering', () => {
  assert.deepEqual(names('name = "web-*"'), ['web-1', 'web-2']);
  assert.deepEqual(names("name = 'db-1'"), ['db-1']);
  assert.deepEqual(names('status != TERMINATED'), ['web-1', 'db-1']);
  assert.deepEqual(names('labels.env = prod'), ['web-1', 'db-1']);
  assert.deepEqual(names('cpus > 2'), ['web-2', 'db-1']);
  assert.deepEqual(names('cpus <= 4'), ['web-1', 'web-2']);
  assert.deepEqual(names('deletionProtection = true'), ['web-2']);
  assert.deepEqual(names('scheduling.automaticRestart = false'), ['web-2']);
  assert.deepEqual(names('creationTimestamp >= "2025-02-01"'), ['web-2']);
  assert.deepEqual(
    names('networkInterfaces.network = "*/networks/default"'),
    ['web-1'],
    'lists: any element',
  );
  assert.deepEqual(names('name = web'), [], 'no wildcard: the whole value');
});

test('AIP-160 has (:), presence, NOT and -, implicit AND, AND, OR (OR binds tighter)', () => {
  assert.deepEqual(names('labels.owner:*'), ['db-1']);
  assert.deepEqual(names('labels:owner'), ['db-1']);
  assert.deepEqual(names('labels.env:prod'), ['web-1', 'db-1']);
  assert.deepEqual(names('NOT labels.owner:*'), ['web-1', 'web-2']);
  assert.deepEqual(names('-status = RUNNING'), ['web-2']);
  assert.deepEqual(names('(status = RUNNING) (labels.role = web)'), ['web-1']);
  assert.deepEqual(names('status = RUNNING AND labels.role = web'), ['web-1']);
  assert.deepEqual(names('name = db-1 OR name = web-2'), ['web-2', 'db-1']);
  // (a OR b) AND c, as Compute documents it
  assert.deepEqual(names('(name = web-1) OR (name = web-2) AND (cpus > 2)'), ['web-2']);
  assert.deepEqual(names('labels.env = dev OR labels.owner:* status = RUNNING'), ['db-1']);
  assert.equal(parseFilter('   ', 'aip160'), undefined, 'an empty filter keeps everything');
});

test("Compute's regular-expression form: eq / ne, anchored, quoted or not", () => {
  assert.deepEqual(names('name eq web-.*', 'compute'), ['web-1', 'web-2']);
  assert.deepEqual(names("name ne '.*-1'", 'compute'), ['web-2']);
  assert.deepEqual(names('(status eq RUNNING) (name eq "db.*")', 'compute'), ['db-1']);
  assert.deepEqual(names('name eq web', 'compute'), [], 'the whole value must match');
});

test('what cannot be evaluated is an error, never an ignored filter', () => {
  for (const [bad, dialect] of [
    ['prod', 'aip160'],
    ['name =', 'aip160'],
    ['regex(name, "x")', 'aip160'],
    ['(name = a', 'aip160'],
    ['name = "unterminated', 'aip160'],
    ['name eq web', 'aip160'],
    ['name eq web status = RUNNING', 'compute'],
    ['name eq (unclosed', 'compute'],
    ['name eq "a("', 'compute'],
    ['= x', 'aip160'],
    ['a.b..c = 1', 'aip160'],
  ] as const) {
    assert.throws(() => parseFilter(bad, dialect), FilterError, bad);
  }
});

test('orderBy: fields with asc/desc, rows without the field last; bad syntax is an error', () => {
  const order = (text: string) => shapeRows(VMS, (v) => v, { order: parseOrderBy(text) }).map((v) => v.name);
  assert.deepEqual(order('name'), ['db-1', 'web-1', 'web-2']);
  assert.deepEqual(order('creationTimestamp desc'), ['web-2', 'web-1', 'db-1']);
  assert.deepEqual(order('labels.env, cpus desc'), ['web-2', 'db-1', 'web-1']);
  assert.deepEqual(order('cpus'), ['web-1', 'web-2', 'db-1'], 'numbers compare as numbers');
  for (const bad of ['name sideways', '', 'a,,b', '1abc'])
    assert.throws(() => parseOrderBy(bad), FilterError);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitWords, stem } from '../../../../../src/front/mcp/search/index-entry.js';

test('names split into words at dots, underscores and camelCase', () => {
  assert.deepEqual(splitWords('google.compute.firewalls.sourceRanges'), [
    'google',
    'compute',
    'firewalls',
    'sourceranges',
    'source',
    'ranges',
  ]);
  assert.deepEqual(splitWords('buckets_iam_policies.IPProtocol'), [
    'buckets',
    'iam',
    'policies',
    'ipprotocol',
    'ip',
    'protocol',
  ]);
});

test('singular and plural meet', () => {
  assert.deepEqual(
    ['policies', 'policy', 'buckets', 'addresses', 'address', 'keys', 'iam', 'access'].map(stem),
    ['policy', 'policy', 'bucket', 'address', 'address', 'key', 'iam', 'access'],
  );
});

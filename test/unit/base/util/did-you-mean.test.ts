import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestNames, editDistance } from '../../../../src/base/util/did-you-mean.js';

test('editDistance counts single-character edits', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('closestNames prefers case-insensitive, prefix, then near names', () => {
  const names = ['series', 'series_series', 'series_metadata', 'studies', 'datasets'];
  assert.deepEqual(closestNames('Series_Series', names).slice(0, 1), ['series_series']);
  assert.ok(closestNames('serie_series', names).includes('series_series'));
  assert.deepEqual(closestNames('zzzzzz', names), []);
});

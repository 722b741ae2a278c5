import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { branchKey, inShard, parseShard } from '../../../../src/core/execute/shard.js';

test('parseShard reads K/N and refuses what is not 0 <= K < N', () => {
  assert.deepEqual(parseShard('1/3'), { index: 1, count: 3 });
  assert.deepEqual(parseShard(' 0 / 1 '), { index: 0, count: 1 });
  for (const bad of ['3/3', '1/0', '-1/3', '1', 'a/b', '1/3/4', '']) {
    assert.throws(
      () => parseShard(bad),
      (e) => isSkyqlError(e) && e.code === 'BAD_FLAG' && e.message.includes('K/N'),
      bad,
    );
  }
});

test('every branch lands in exactly one of N shards, spread over all of them', () => {
  const combos = Array.from(
    { length: 300 },
    (_, i) =>
      new Map<string, unknown>([
        ['project', `p-${i}`],
        ['zone', 'z'],
      ]),
  );
  for (const count of [1, 2, 3, 7]) {
    const sizes = Array.from(
      { length: count },
      (_, index) => combos.filter((c) => inShard(c, { index, count })).length,
    );
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      combos.length,
      `N=${count}: each once`,
    );
    for (const n of sizes)
      assert.ok(n > combos.length / count / 2, `N=${count}: no shard starved (${sizes})`);
  }
});

test('the branch key does not depend on the order the parameters were bound in', () => {
  const a = new Map<string, unknown>([
    ['project', 'p'],
    ['zone', 'z'],
  ]);
  const b = new Map<string, unknown>([
    ['zone', 'z'],
    ['project', 'p'],
  ]);
  assert.equal(branchKey(a), branchKey(b));
  assert.notEqual(
    branchKey(a),
    branchKey(
      new Map([
        ['project', 'z'],
        ['zone', 'p'],
      ]),
    ),
  );
  assert.equal(branchKey(new Map([['n', 10n]])), '[["n","10"]]');
});

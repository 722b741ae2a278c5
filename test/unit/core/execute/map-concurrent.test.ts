import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapConcurrent } from '../../../../src/core/execute/map-concurrent.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

test('at most `limit` calls hold a place; results keep the order of the items', async () => {
  let running = 0;
  let most = 0;
  const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
    most = Math.max(most, ++running);
    for (let i = 0; i < n; i++) await tick();
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(most, 2);
});

test('a call that releases its place lets the next start while it finishes; all are awaited', async () => {
  const started: number[] = [];
  const finished: number[] = [];
  let gate!: () => void;
  const held = new Promise<void>((r) => (gate = r));
  const run = mapConcurrent([0, 1, 2], 1, async (n, _i, release) => {
    started.push(n);
    if (n === 0) {
      release(); // its last response came: the rest is local work
      await held;
    }
    finished.push(n);
    return n;
  });
  for (let i = 0; i < 5; i++) await tick();
  // call 1 went out while call 0 was still finishing; call 2 waits for call 0
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(finished, [1]);
  gate();
  assert.deepEqual(await run, [0, 1, 2]);
  assert.deepEqual(finished, [1, 0, 2]);
});

test('each place holds at most two calls: one in flight and one finishing', async () => {
  const gates: Array<() => void> = [];
  let finishing = 0;
  let most = 0;
  const run = mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (n, _i, release) => {
    release();
    most = Math.max(most, ++finishing);
    await new Promise<void>((r) => gates.push(r));
    finishing--;
    return n;
  });
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(gates.length, 4, 'two places, two calls each: the fifth waits');
  while (gates.length > 0) {
    gates.shift()?.();
    for (let i = 0; i < 3; i++) await tick();
  }
  assert.deepEqual(await run, [0, 1, 2, 3, 4, 5]);
  assert.equal(most, 4);
});

test('the first failure rejects after the others settle; with keepGoing failures come back in place', async () => {
  const settled: number[] = [];
  await assert.rejects(
    mapConcurrent([0, 1, 2], 3, async (n, _i, release) => {
      release();
      await tick();
      settled.push(n);
      if (n === 1) throw new Error('boom');
      return n;
    }),
    /boom/,
  );
  assert.deepEqual(settled.sort(), [0, 1, 2]);
  const out = await mapConcurrent(
    [0, 1],
    1,
    async (n) => {
      if (n === 0) throw new Error('first');
      return n;
    },
    true,
  );
  assert.ok(out[0] instanceof Error && out[0].message === 'first');
  assert.equal(out[1], 1);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PgConnectionSlots } from '../../../../../src/core/store/pg/pg-connection-slots.js';

test('past the cap a session waits for a released slot, in order', async () => {
  const slots = new PgConnectionSlots(2, 60_000);
  await slots.acquire();
  await slots.acquire();
  const order: number[] = [];
  const third = slots.acquire().then(() => order.push(3));
  const fourth = slots.acquire().then(() => order.push(4));
  slots.release();
  await third;
  assert.deepEqual(order, [3]);
  slots.release();
  await fourth;
  assert.deepEqual(order, [3, 4]);
  assert.equal(slots.inUse, 2);
  slots.release();
  slots.release();
  assert.equal(slots.inUse, 0);
});

test('a session that waits too long gets SQL_BACKEND_BUSY (53300) naming the flag', async () => {
  const slots = new PgConnectionSlots(1, 20);
  await slots.acquire();
  await assert.rejects(
    slots.acquire(),
    (e: Error & { code?: string }) =>
      e.code === 'SQL_BACKEND_BUSY' &&
      /all 1 PostgreSQL connections of this server are in use/.test(e.message),
  );
  slots.release();
  await slots.acquire(); // the one that gave up does not hold a slot
  assert.equal(slots.inUse, 1);
});

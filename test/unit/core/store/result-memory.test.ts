import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { defaultResultMemoryBytes, ResultMemory } from '../../../../src/core/store/result-memory.js';

test('sessions share the budget: a charge past it is SERVER_BUSY naming what the others hold and the setting', () => {
  const memory = new ResultMemory(100, '--pgsrv.resultMemory');
  const a = memory.account();
  const b = memory.account();
  a.charge(60);
  b.charge(30);
  assert.throws(
    () => b.charge(20),
    (e: unknown) =>
      e instanceof SkyqlError &&
      e.code === 'SERVER_BUSY' &&
      /held by other queries/.test(e.message) &&
      /--pgsrv\.resultMemory/.test(e.hint ?? ''),
  );
  assert.equal(memory.used, 90, 'a refused charge takes nothing');
  b.drop();
  assert.equal(memory.used, 60);
  b.charge(40);
  assert.equal(memory.free, 0);
});

test('a kept result holds its bytes until released (once); closing the session gives back everything', () => {
  const memory = new ResultMemory(100);
  const a = memory.account();
  a.charge(50);
  const hold = a.keep();
  assert.equal(hold.bytes, 50);
  a.drop(); // the next statement's drop leaves the kept result alone
  assert.equal(memory.used, 50);
  hold.release();
  hold.release();
  assert.equal(memory.used, 0);
  a.charge(10);
  a.keep();
  a.charge(20);
  assert.equal(a.held, 30);
  a.close();
  assert.equal(memory.used, 0);
});

test('the oldest statement charging may wait for memory; it gets it when another gives it back', async () => {
  const memory = new ResultMemory(100);
  const first = memory.account();
  const second = memory.account();
  first.charge(40);
  second.charge(60);
  assert.equal(first.oldest, true);
  assert.equal(second.oldest, false);
  const waited = first.waitToCharge(30);
  second.drop(); // the younger one failed and gave its rows back
  assert.equal(await waited, true);
  assert.equal(memory.used, 70);
  const aborted = new AbortController();
  const never = first.waitToCharge(1000, aborted.signal);
  aborted.abort();
  assert.equal(await never, false);
});

test('the default budget is a quarter of the heap limit', () => {
  assert.ok(defaultResultMemoryBytes() > 64 * 1024 * 1024);
  assert.equal(new ResultMemory().limit, defaultResultMemoryBytes());
});

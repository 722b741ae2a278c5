import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestCancel } from '../../../../src/core/http/request-cancel.js';

test('a cancel reaches the listener once, with the first reason; a late listener hears it at once', () => {
  const c = new RequestCancel();
  const heard: unknown[] = [];
  c.listen((r) => heard.push(r));
  assert.equal(c.cancelled, false);
  c.cancel('timeout');
  c.cancel('second');
  assert.deepEqual(heard, ['timeout']);
  assert.equal(c.cancelled, true);
  c.listen((r) => heard.push(`late ${String(r)}`));
  assert.deepEqual(heard, ['timeout', 'late timeout']);
});

test('a forgotten listener is not called; toSignal follows the cancel', () => {
  const c = new RequestCancel();
  let called = false;
  c.listen(() => {
    called = true;
  });
  c.forget();
  const signal = c.toSignal();
  c.cancel(new Error('stop'));
  assert.equal(called, false);
  assert.equal(signal.aborted, true);
  assert.equal((signal.reason as Error).message, 'stop');
});

/**
 * The evaluator's limits, which the public wrapper cannot reach: an endless loop of tail calls ends
 * like jsonnet's (non-tailstrict calls count as frames), or, with tailstrict (where jsonnet itself
 * loops forever), after the configured number of calls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateToJs, JsonnetError } from '../../../../../src/core/template/jsonnet/engine.js';

function fails(program: string, message: RegExp, maxTailstrictCalls?: number) {
  assert.throws(
    () =>
      evaluateToJs(program, { file: 'loop.jsonnet', ...(maxTailstrictCalls ? { maxTailstrictCalls } : {}) }),
    (err: unknown) =>
      err instanceof JsonnetError && message.test(err.message) && err.where() === 'loop.jsonnet:1:14',
  );
}

test('an endless tail call without tailstrict ends as "max stack frames exceeded."', () => {
  fails('local f(x) = f(x); f(1)', /^max stack frames exceeded\.$/);
});

test('an endless tailstrict loop stops after the allowed number of calls', () => {
  fails(
    'local f(x) = f(x + 1) tailstrict; f(1)',
    /^more than 5000 tailstrict calls: runaway recursion\?$/,
    5000,
  );
});

test('the limit leaves room for real tailstrict loops', () => {
  const sum = 'local sum(n, acc) = if n == 0 then acc else sum(n - 1, acc + n) tailstrict; sum(4000, 0)';
  assert.equal(evaluateToJs(sum, { file: 'sum.jsonnet', maxTailstrictCalls: 5000 }), 8002000);
});

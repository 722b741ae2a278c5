import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execInput } from '../../../src/cli/exec-input.js';

test('exec reads the argument, else -i, else stdin when it is not a terminal, else prints help', () => {
  const piped = () => false;
  const tty = () => true;
  assert.deepEqual(execInput('SELECT 1', undefined, piped), { from: 'argument', text: 'SELECT 1' });
  assert.deepEqual(execInput(undefined, 'q.iql', tty), { from: 'file', path: 'q.iql' });
  assert.deepEqual(execInput('SELECT 1', 'q.iql', piped), { from: 'file', path: 'q.iql' });
  assert.deepEqual(execInput('SELECT 1', '-', piped), { from: 'argument', text: 'SELECT 1' });
  assert.deepEqual(execInput(undefined, '-', tty), { from: 'stdin', implicit: false });
  assert.deepEqual(execInput(undefined, 'stdin', piped), { from: 'stdin', implicit: false });
  // no query: `echo "SELECT 1" | skyql exec`, `skyql exec < file.iql`; a blank query is none
  assert.deepEqual(execInput(undefined, undefined, piped), { from: 'stdin', implicit: true });
  assert.deepEqual(execInput('  ', undefined, piped), { from: 'stdin', implicit: true });
  assert.deepEqual(execInput(undefined, undefined, tty), { from: 'help' });
  assert.deepEqual(execInput('', undefined, tty), { from: 'help' });
});

test('with a query or a file, whether stdin is a terminal is never asked', () => {
  const never = () => assert.fail('stdin was consulted');
  assert.deepEqual(execInput('SELECT 1', undefined, never), { from: 'argument', text: 'SELECT 1' });
  assert.deepEqual(execInput(undefined, 'q.iql', never), { from: 'file', path: 'q.iql' });
  assert.deepEqual(execInput(undefined, '-', never), { from: 'stdin', implicit: false });
});

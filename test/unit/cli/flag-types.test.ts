import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { FLAGS } from '../../../src/cli/flag-table.js';
import { addFlags, integer, list, readFlag, seconds } from '../../../src/cli/flag-types.js';
import { DEFAULT_CONCURRENCY } from '../../../src/core/execute/fetch-step.js';
import { DEFAULT_TIMEOUT_MS } from '../../../src/core/http/transport.js';

const badFlag = (e: unknown) => isSkyqlError(e, 'BAD_FLAG');

/** The options commander stores for `args` given to a command with `flags`. */
function parse(flags: Parameters<typeof addFlags>[1], args: string[]): Record<string, unknown> {
  const cmd = addFlags(new Command('t').exitOverride(), flags);
  cmd.parse(args, { from: 'user' });
  return cmd.opts();
}

test('one integer parser: bounds, range message, flag name in the message', () => {
  const port = integer(0, 65535);
  assert.equal(port.read('5466', 'pgsrv.port'), 5466);
  assert.throws(
    () => port.read('70000', 'pgsrv.port'),
    /--pgsrv\.port must be an integer from 0 to 65535, got '70000'/,
  );
  assert.throws(() => integer(1).read('1.5', 'n'), /--n must be an integer >= 1, got '1.5'/);
  assert.throws(() => integer(-1).read('abc', 'n'), badFlag);
});

test('seconds read fractions into milliseconds and show defaults in seconds', () => {
  assert.equal(seconds.read('0.25', 'apirequesttimeout'), 250);
  assert.equal(seconds.show?.(DEFAULT_TIMEOUT_MS), '45');
  assert.throws(() => seconds.read('-1', 'apirequesttimeout'), badFlag);
});

test('a repeatable flag collects every use; comma-separated only when asked', () => {
  const split = { syntax: '--pin <p>', help: '', type: list(true) };
  const whole = { syntax: '--fault <json>', help: '', type: list(false) };
  const opts = parse([split, whole], ['--pin', 'a=1,b=2', '--pin', 'c=3', '--fault', '{"a":1,"b":2}']);
  assert.deepEqual(readFlag(opts, split), ['a=1', 'b=2', 'c=3']);
  assert.deepEqual(readFlag(opts, whole), ['{"a":1,"b":2}']);
});

test('an absent flag reads as the default of the module that owns it', () => {
  assert.equal(readFlag({}, FLAGS.concurrency), DEFAULT_CONCURRENCY);
  assert.equal(readFlag(parse([FLAGS.concurrency], []), FLAGS.concurrency), DEFAULT_CONCURRENCY);
  assert.equal(
    readFlag(parse([FLAGS.concurrency], ['--execution.concurrency.limit', '0']), FLAGS.concurrency),
    0,
  );
  assert.equal(readFlag({}, FLAGS.maxColWidth), undefined);
});

test('switches: a bare switch, an optional boolean value and a --no- flag', () => {
  const opts = parse(
    [FLAGS.allowInsecure, FLAGS.emulatorAuth, FLAGS.dryrun],
    ['--tls.allowInsecure', 'false'],
  );
  assert.equal(readFlag(opts, FLAGS.allowInsecure), false);
  assert.equal(readFlag(opts, FLAGS.emulatorAuth), true);
  assert.equal(readFlag(opts, FLAGS.dryrun), undefined);
  const on = parse([FLAGS.allowInsecure, FLAGS.emulatorAuth], ['--tls.allowInsecure', '--no-auth']);
  assert.equal(readFlag(on, FLAGS.allowInsecure), true);
  assert.equal(readFlag(on, FLAGS.emulatorAuth), false);
});

test('one of a few words', () => {
  assert.equal(readFlag({ layout: 'nested' }, FLAGS.docsLayout), 'nested');
  assert.throws(
    () => readFlag({ layout: 'deep' }, FLAGS.docsLayout),
    /--layout must be flat or nested, got 'deep'/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { FLAGS } from '../../../src/cli/flag-table.js';
import { addFlags, readFlag } from '../../../src/cli/flag-types.js';
import { pflagArgs } from '../../../src/cli/pflag-args.js';

const COMMANDS = ['exec', 'shell', 'srv', 'registry'];
const args = (...a: string[]) => pflagArgs(a, COMMANDS);

/** What commander reads from `words` (after `skyql`) for an exec-like command: its query and flags. */
function parseExec(...words: string[]): { query: string | undefined; flags: Record<string, unknown> } {
  const program = new Command('skyql').exitOverride();
  const cmd = program.command('exec').argument('[query]');
  addFlags(cmd, [
    FLAGS.output,
    FLAGS.hideHeaders,
    FLAGS.delimiter,
    FLAGS.dryrun,
    FLAGS.verbose,
    FLAGS.infile,
    FLAGS.allowInsecure,
  ]);
  let query: string | undefined;
  cmd.action((q: string | undefined) => {
    query = q;
  });
  program.parse(pflagArgs(['exec', ...words], ['exec']), { from: 'user' });
  return { query, flags: cmd.opts() };
}

test('-X=value of a one-letter flag is its value (pflag), in every form pflag takes', () => {
  assert.deepEqual(args('exec', '-o=csv', 'SELECT 1'), ['exec', '-o', 'csv', 'SELECT 1']);
  assert.deepEqual(args('exec', '-ocsv'), ['exec', '-o', 'csv']);
  assert.deepEqual(args('exec', '-o', 'csv'), ['exec', '-o', 'csv']);
  assert.deepEqual(args('exec', '-d=='), ['exec', '-d', '='], "'-d==' is the delimiter '='");
  assert.deepEqual(
    args('exec', '-Ho=csv'),
    ['exec', '-H', '-o', 'csv'],
    'switches, then a flag and its value',
  );
  const { query, flags } = parseExec('-o=json', '-d=;', 'SELECT 1');
  assert.equal(query, 'SELECT 1');
  assert.equal(readFlag(flags, FLAGS.output), 'json');
  assert.equal(readFlag(flags, FLAGS.delimiter), ';');
});

test('booleans take =true/=false (and the other words of Go ParseBool); the last use wins', () => {
  assert.equal(readFlag(parseExec('-H=false', 'q').flags, FLAGS.hideHeaders), undefined);
  assert.equal(readFlag(parseExec('-H=true', 'q').flags, FLAGS.hideHeaders), true);
  assert.equal(readFlag(parseExec('-H', '--hideheaders=0', 'q').flags, FLAGS.hideHeaders), undefined);
  assert.equal(readFlag(parseExec('--dryrun=T', 'q').flags, FLAGS.dryrun), true);
  assert.equal(readFlag(parseExec('--dryrun=false', '--dryrun', 'q').flags, FLAGS.dryrun), true);
  assert.equal(readFlag(parseExec('-vH=false', 'q').flags, FLAGS.verbose), true);
  assert.throws(
    () => args('exec', '--dryrun=yes'),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG') && /--dryrun takes true or false, got 'yes'/.test(e.message),
  );
  assert.throws(() => args('exec', '-H=no'), /-H takes true or false/);
});

test('an optional boolean never swallows the query; =value, or a boolean word after it, sets it', () => {
  const swallowed = parseExec('--tls.allowInsecure', 'SELECT 1');
  assert.equal(swallowed.query, 'SELECT 1');
  assert.equal(readFlag(swallowed.flags, FLAGS.allowInsecure), true);
  assert.equal(readFlag(parseExec('--tls.allowInsecure=false', 'q').flags, FLAGS.allowInsecure), false);
  assert.equal(readFlag(parseExec('--tls.allowInsecure', 'false', 'q').flags, FLAGS.allowInsecure), false);
  assert.throws(() => readFlag({ 'tls.allowInsecure': 'maybe' }, FLAGS.allowInsecure), /takes true or false/);
});

test('flags after the query, before the command (cobra persistent flags) and after --', () => {
  const after = parseExec('SELECT 1', '-o', 'json', '-H=true');
  assert.equal(after.query, 'SELECT 1');
  assert.equal(readFlag(after.flags, FLAGS.output), 'json');
  assert.deepEqual(args('-o', 'json', '--dryrun', 'exec', 'q'), ['exec', 'q', '-o', 'json', '--dryrun']);
  assert.deepEqual(args('-o=csv', 'registry', 'list'), ['registry', 'list', '-o', 'csv']);
  assert.deepEqual(args('-v', 'exec', '--', '-q'), ['exec', '-v', '--', '-q']);
  assert.deepEqual(args('-i', 'exec', 'exec'), ['exec', '-i', 'exec'], 'a flag value is not the command');
  assert.deepEqual(args('--version'), ['--version']);
  // after --, every word is an argument as written, even one that looks like a flag
  assert.deepEqual(args('exec', '-o', 'csv', '--', '-o=x'), ['exec', '-o', 'csv', '--', '-o=x']);
  assert.equal(parseExec('--', '-H=false').query, '-H=false');
  // unknown flags and stdin's '-' are left for commander
  assert.deepEqual(args('exec', '-z=1', '--nope=2', '-i', '-'), ['exec', '-z=1', '--nope=2', '-i', '-']);
});

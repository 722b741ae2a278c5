/**
 * `--var name=value` values are strings, as in StackQL (a string slice, also split on commas): a
 * numeric printf verb on one is a template error saying so, not `%!d(string=7)` in the SQL, and a
 * list given to --var is refused with a hint to use a data file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli.js';

test('printf "%d" of a --var value: TEMPLATE_ERROR naming the value, suggesting typed data; nothing runs', async () => {
  const r = await runCli(['exec', '-o', 'csv', '--var', 'count=7', `SELECT {{ printf "%d" .count }} AS n`]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^template error at line 1, column \d+: error calling printf: %d cannot format the string "7"\n/,
  );
  assert.match(r.stderr, /hint: --var values are always strings: .*JSON data file \(--iqldata vars\.json\)/);
  assert.doesNotMatch(r.stderr, /%!d/);
  // as a string it works, and a JSON block gives a number
  const s = await runCli(['exec', '-o', 'csv', '--var', 'count=7', `SELECT {{ printf "%s" .count }} AS n`]);
  assert.deepEqual([s.code, s.stdout], [0, 'n\n7\n']);
  const j = await runCli([
    'exec',
    '-o',
    'csv',
    `<<<json {"count": 7} >>>\nSELECT {{ printf "%03d" .count }} AS n`,
  ]);
  assert.deepEqual([j.code, j.stdout], [0, 'n\n7\n']);
});

test('a list given to --var is split on its commas (as StackQL does); the error says to use a data file', async () => {
  const r = await runCli(['exec', '--var', 'zonelist=["a","b"]', 'SELECT 1']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--var expects name=value, got '"b"\]'/);
  assert.match(
    r.stderr,
    /commas separate --var entries .*give lists .* in a JSON data file \(--iqldata vars\.json\)/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { ALL_EXEC_FLAGS } from '../../../src/cli/commands/exec-command.js';
import { addFlags } from '../../../src/cli/flag-types.js';
import { parsePlainArgs } from '../../../src/cli/plain-args.js';

/** What commander reads from `words` (after `skyql exec`) with exec's flags: its argument and options. */
function commanderReads(words: readonly string[]): { args: string[]; flags: Record<string, unknown> } {
  const program = new Command('skyql').exitOverride();
  const cmd = program.command('exec').argument('[query]').exitOverride();
  addFlags(cmd, ALL_EXEC_FLAGS);
  let args: string[] = [];
  cmd.action((q: string | undefined) => {
    args = q === undefined ? [] : [q];
  });
  program.parse(['exec', ...words], { from: 'user' });
  return { args, flags: { ...cmd.opts() } };
}

const plain = (words: readonly string[]) => parsePlainArgs(words, ALL_EXEC_FLAGS, 1);

test('plain command lines read exactly as commander reads them', () => {
  const lines: string[][] = [
    ['SELECT 1'],
    ['-o', 'csv', '-H', 'SELECT 1'],
    ['SELECT 1', '--output', 'json', '--outfile', 'x.json'],
    ['--output=csv', '--delimiter=;', 'SELECT 1'],
    [
      '--execution.concurrency.limit',
      '32',
      '--endpoint',
      'google=http://a',
      '--endpoint',
      'aws=http://b',
      'q',
    ],
    ['--endpoint', 'google=http://a,aws=http://b', '--pin', 'google=v1', 'q'],
    ['--auth', '{"google":{"type":"null_auth"}}', '--registry', '{"url":"file:///x"}', 'q'],
    ['-i', 'script.iql', '--var', 'a=1', '--var', 'b=2', '-q', 'data.jsonnet'],
    ['--tls.allowInsecure', 'true', 'q'],
    ['--tls.allowInsecure=false', 'q'],
    ['--tls.allowInsecure', '--http.log.enabled', 'q'],
    ['q', '--tls.allowInsecure'],
    ['--max-col-width', '20', '--errors-out', 'e.jsonl', '--quiet-notices', 'q'],
    ['-v', '--dryrun', '--execution.keepGoing', '--execution.skip', 'disabled,denied', 'q'],
    ['-o', 'csv', '-o', 'json', 'q'],
    ['--output', '--weird', 'q'],
    ['-d', '-', 'q'],
    ['-', '-o', 'csv'],
    ['--outfile=', 'q'],
    [],
  ];
  for (const words of lines) {
    const got = plain(words);
    assert.ok(got, `read without commander: ${words.join(' ')}`);
    assert.deepEqual({ args: [...got.args], flags: got.flags }, commanderReads(words), words.join(' '));
  }
});

test('anything unusual is left to commander, which reports it or prints help', () => {
  const lines: string[][] = [
    ['--help'],
    ['-h', 'q'],
    ['--version'],
    ['-o', '--version', 'q'], // commander's program prints the version even here
    ['q', '--delimiter', '--version'],
    ['q', 'extra'],
    ['--no-such-flag', 'q'],
    ['-x', 'q'],
    ['-ocsv', 'q'],
    ['--', 'q'],
    ['q', '--output'],
    ['--dryrun=true', 'q'],
    ['-5'],
  ];
  for (const words of lines) assert.equal(plain(words), undefined, words.join(' '));
});

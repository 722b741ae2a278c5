import type { Command } from 'commander';
import { SkyqlError } from '../base/errors/skyql-error.js';
import { boolWord } from './flag-types.js';
import { restoreArg } from './sql-args.js';

/** An argument as shown in a message: quoted, long ones shortened. */
function shown(word: string): string {
  const text = restoreArg(word).replace(/\s+/g, ' ');
  return `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`;
}

/**
 * The error for a command given more arguments than it takes, naming the stray word rather than
 * commander's "Expected 1 argument but got 2". The usual cause is pflag's boolean form typed with a
 * space (`-H false`): a switch takes a value only after `=`, so the word is an argument; the
 * error then says to write `-H=false`. `argv` is the rewritten command line commander parsed.
 * Undefined when the count is fine.
 */
export function excessArgumentsError(command: Command, argv: readonly string[]): SkyqlError | undefined {
  const expected = command.registeredArguments.length;
  const args = command.args;
  if (args.length <= expected) return undefined;
  const name = command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name();
  const takes = `'${name}' takes ${expected === 0 ? 'no arguments' : expected === 1 ? '1 argument' : `${expected} arguments`}`;
  for (const word of args) {
    if (boolWord(word) === undefined) continue;
    const at = argv.indexOf(word);
    const before = at > 0 ? argv[at - 1] : '';
    if (before.startsWith('-') && !before.includes('='))
      return new SkyqlError(
        'BAD_FLAG',
        `too many arguments: ${shown(word)} after ${before} is an extra argument (${takes})`,
        {
          hint: `a switch takes true or false only after '=': write ${before}=${word}`,
        },
      );
  }
  const stray = args.slice(expected);
  return new SkyqlError(
    'BAD_FLAG',
    `too many arguments: ${stray.map(shown).join(', ')} ${stray.length === 1 ? 'is an extra argument' : 'are extra arguments'} (${takes})`,
    {
      hint:
        expected === 1 && command.name() === 'exec'
          ? `give the statements as one quoted argument: skyql exec "SELECT ...; SELECT ..."`
          : `run skyql ${name} --help for its usage`,
    },
  );
}

import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { FLAGS } from '../flag-table.js';
import { addFlags } from '../flag-types.js';
import { addGlobalOptions } from '../global-options.js';
import { runExec } from './exec-command.js';

const NAME = /^[A-Za-z0-9_.-]+$/;

function checkName(kind: string, value: string | undefined): void {
  if (value !== undefined && !NAME.test(value)) {
    throw new SkyqlError('BAD_FLAG', `invalid ${kind} '${value}'`, {
      hint: 'e.g. skyql registry pull google v25.07.00000',
    });
  }
}

/** `skyql registry list [provider]` and `skyql registry pull <provider> [version]`: the REGISTRY statements. */
export function registryCommand(program: Command, setExit: (code: number) => void): void {
  const registry = program.command('registry').description('list and pull providers from the registry');
  const output = { ...FLAGS.output, help: 'table, csv, text, json, jsonl or pptext' };
  const withOutput = (cmd: Command) =>
    addFlags(addGlobalOptions(cmd), [output, FLAGS.hideHeaders, FLAGS.delimiter]);
  const list = registry.command('list').description('providers and their versions').argument('[provider]');
  withOutput(list).action(async (provider: string | undefined, flags) => {
    checkName('provider', provider);
    setExit(
      await runExec({ from: 'argument', text: `REGISTRY LIST${provider ? ` ${provider}` : ''}` }, flags),
    );
  });
  const pull = registry.command('pull').description('download a provider (latest version unless given)');
  pull.argument('<provider>').argument('[version]');
  withOutput(pull).action(async (provider: string, version: string | undefined, flags) => {
    checkName('provider', provider);
    checkName('version', version);
    const text = `REGISTRY PULL ${provider}${version ? ` ${version}` : ''}`;
    setExit(await runExec({ from: 'argument', text }, flags));
  });
}

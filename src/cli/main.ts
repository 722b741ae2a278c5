import { Command, CommanderError } from 'commander';
import { SKYQL_VERSION } from '../engine/version.js';
import { isSkyqlError, toSkyqlError } from '../errors/skyql-error.js';
import { execCommand } from './commands/exec-command.js';
import { registryCommand } from './commands/registry-command.js';
import { renderError } from './print-error.js';
import { hideSqlArgs } from './sql-args.js';

/** Exit codes: 0 ok, 1 a statement failed, 2 bad usage or configuration. */
const EXIT_USAGE = 2;

async function main(rawArgv: string[]): Promise<number> {
  const argv = hideSqlArgs(rawArgv);
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('skyql')
    .description('Query, deploy and manage Google Cloud resources with SQL (StackQL-compatible).')
    .version(SKYQL_VERSION, '--version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  execCommand(program, setExit);
  registryCommand(program, setExit);
  (await import('./commands/shell-command.js')).shellCommand(program, setExit);
  (await import('./commands/srv-command.js')).srvCommand(program, setExit);
  (await import('./commands/docs-command.js')).docsCommand(program, setExit);
  (await import('./commands/emulator-command.js')).emulatorCommand(program, setExit);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const e = toSkyqlError(err);
    process.stderr.write(renderError(e, undefined, argv.includes('--verbose') || argv.includes('-v')));
    return isSkyqlError(err) && err.code !== 'INTERNAL' ? EXIT_USAGE : 1;
  }
  return exitCode;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`skyql: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);

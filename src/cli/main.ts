import { Command, CommanderError } from 'commander';
import { isSkyqlError, toSkyqlError } from '../base/errors/skyql-error.js';
import { SKYQL_VERSION } from '../core/engine/version.js';
import { excessArgumentsError } from './excess-args.js';
import { guardOutput } from './output-guard.js';
import { pflagArgs } from './pflag-args.js';
import { renderError } from './print-error.js';
import { hideSqlArgs } from './sql-args.js';

/** Exit codes: 0 ok, 1 a statement failed, 2 bad usage or configuration. */
const EXIT_USAGE = 2;

type Register = (program: Command, setExit: (code: number) => void) => void;

/**
 * The subcommands, each loaded only when needed: a run of `skyql exec` loads the exec command's code
 * and nothing of the shell, server, docs or emulator (start-up time is a measured target).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  exec: async () => (await import('./commands/exec-command.js')).execCommand,
  registry: async () => (await import('./commands/registry-command.js')).registryCommand,
  shell: async () => (await import('./commands/shell-command.js')).shellCommand,
  srv: async () => (await import('./commands/srv-command.js')).srvCommand,
  docs: async () => (await import('./commands/docs-command.js')).docsCommand,
  emulator: async () => (await import('./commands/emulator-command.js')).emulatorCommand,
  mcp: async () => (await import('./commands/mcp-command.js')).mcpCommand,
};

async function main(rawArgv: string[]): Promise<number> {
  guardOutput(process.stdout, 'to stdout');
  guardOutput(process.stderr, 'to stderr');
  const hidden = hideSqlArgs(rawArgv);
  let argv: string[];
  try {
    argv = [...hidden.slice(0, 2), ...pflagArgs(hidden.slice(2), Object.keys(COMMANDS))];
  } catch (err) {
    process.stderr.write(renderError(toSkyqlError(err), undefined, false));
    return EXIT_USAGE;
  }
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('skyql')
    .description('Query, deploy and manage Google Cloud resources with SQL (StackQL-compatible).')
    .version(SKYQL_VERSION, '--version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    // extra arguments are reported by excessArgumentsError, naming the stray word
    .allowExcessArguments(true)
    .hook('preAction', (_program, command) => {
      const excess = excessArgumentsError(command, argv);
      if (excess) throw excess;
    });
  // The named subcommand alone, or all of them for help and unknown commands.
  const named = argv[2] !== undefined && Object.hasOwn(COMMANDS, argv[2]) ? [argv[2]] : Object.keys(COMMANDS);
  for (const register of await Promise.all(named.map((name) => COMMANDS[name]()))) register(program, setExit);
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

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

/** Adds one subcommand to the program. */
export type Register = (program: Command, setExit: (code: number) => void) => void;

/** Loaders of the subcommands by name. */
export type CommandLoaders = Readonly<Record<string, () => Promise<Register>>>;

/** Every subcommand's name (pflag rewriting must know them all, whichever are loadable). */
export const COMMAND_NAMES = ['exec', 'registry', 'shell', 'srv', 'docs', 'emulator', 'mcp'] as const;

/**
 * A command run without commander (`skyql exec` with a plain command line, see plain-args.ts): given
 * the rewritten argv, what runs the command and resolves to its exit code, or undefined to leave
 * the line to commander (help, an error to report, anything unusual).
 */
export type DirectRun = (argv: readonly string[]) => (() => Promise<number>) | undefined;

let rewritten: { readonly raw: readonly string[]; readonly argv: string[] } | undefined;

/** `argv` (process.argv) with SQL arguments hidden and StackQL's pflag forms rewritten for commander. */
export function cliArgv(rawArgv: string[]): string[] {
  if (rewritten?.raw === rawArgv) return rewritten.argv; // the exec bundle asks before main does
  const hidden = hideSqlArgs(rawArgv);
  const argv = [...hidden.slice(0, 2), ...pflagArgs(hidden.slice(2), COMMAND_NAMES)];
  rewritten = { raw: rawArgv, argv };
  return argv;
}

/** Parses `rawArgv` and runs the command it names with `commands` (or `direct`); resolves to the exit code. */
async function main(rawArgv: string[], commands: CommandLoaders, direct?: DirectRun): Promise<number> {
  guardOutput(process.stdout, 'to stdout');
  guardOutput(process.stderr, 'to stderr');
  let argv: string[];
  try {
    argv = cliArgv(rawArgv);
  } catch (err) {
    process.stderr.write(renderError(toSkyqlError(err), undefined, false));
    return EXIT_USAGE;
  }
  const run = direct?.(argv);
  if (run)
    try {
      return await run();
    } catch (err) {
      return failed(err, argv);
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
  const named = argv[2] !== undefined && Object.hasOwn(commands, argv[2]) ? [argv[2]] : Object.keys(commands);
  for (const register of await Promise.all(named.map((name) => commands[name]()))) register(program, setExit);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return failed(err, argv);
  }
  return exitCode;
}

/** Reports an error a command threw (not a statement's: those the command reports); returns the exit code. */
function failed(err: unknown, argv: readonly string[]): number {
  const e = toSkyqlError(err);
  process.stderr.write(renderError(e, undefined, argv.includes('--verbose') || argv.includes('-v')));
  return isSkyqlError(err) && err.code !== 'INTERNAL' ? EXIT_USAGE : 1;
}

/**
 * Runs the CLI on process.argv with `commands`, setting the exit code. With `exitWhenDone` (the
 * exec bundle) the process exits once the command has ended and stdout and stderr have handed
 * their bytes to the OS, rather than when the event loop empties: Node then skips tearing down the
 * environment and V8's heap, ~5 ms of every run (issue 13, P3) and ~0.4 s after a `SELECT *` of
 * 100k rows to JSON (P2w, a 300 MB heap). 'exit' handlers still run (the session's temporary
 * folder, the code cache).
 */
export function startCli(
  commands: CommandLoaders,
  options: { exitWhenDone?: boolean; direct?: DirectRun } = {},
): void {
  main(process.argv, commands, options.direct).then(
    async (code) => {
      process.exitCode = code;
      if (!options.exitWhenDone) return;
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      process.exit(code);
    },
    (err) => {
      process.stderr.write(`skyql: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * Resolves once `stream` has written everything given to it so far (an empty write's callback
 * comes after the writes before it), or at once when it is closed or failed (a reader that went
 * away: nothing more can be written).
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', resolve);
    stream.write('', () => resolve());
  });
}

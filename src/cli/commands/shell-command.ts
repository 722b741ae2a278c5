import { join } from 'node:path';
import type { Command } from 'commander';
import { CompletionNames } from '../../core/engine/completion-names.js';
import { createSession } from '../../core/engine/create-session.js';
import { runnerPoolFor } from '../../core/store/sql-runner-pool.js';
import { parseOutputFormat } from '../../front/output/formatters.js';
import { startShell } from '../../front/shell/shell-loop.js';
import { FLAGS } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import {
  addApiOptions,
  apiSessionOptions,
  appRoot,
  cacheFromFlags,
  outputOptions,
} from '../global-options.js';
import { renderError } from '../print-error.js';
import { stderrReporter } from '../stderr-reporter.js';

/** Runs the shell until input ends; returns the exit code. */
async function runShellCommand(flags: ParsedFlags): Promise<number> {
  const format = parseOutputFormat(readFlag(flags, FLAGS.output));
  const formatOptions = outputOptions(flags);
  const verbose = readFlag(flags, FLAGS.verbose) === true;
  // Local queries on SQLite run in a runner process, so Ctrl-C (or --execution.timeout) stops them
  // too (PostgreSQL cancels its own).
  const options = apiSessionOptions(flags, stderrReporter());
  const runners = runnerPoolFor(options.sqlBackend, { maxIdle: 1 });
  runners?.warm();
  const session = createSession({
    ...options,
    cache: cacheFromFlags(flags),
    runners,
  });
  try {
    await session.open(); // a bad --sqlBackend fails at start
  } catch (err) {
    await session.close();
    await runners?.close();
    throw err;
  }
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const shell = startShell({
    session,
    names: new CompletionNames(session),
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    terminal,
    format,
    formatOptions,
    historyPath: process.env.SKYQL_HISTORY_FILE || join(appRoot(flags), 'readline', 'readline.tmp'),
    renderError: (err, source) => renderError(err, source, verbose),
  });
  // Piped input has no line editor: Ctrl-C arrives as a signal.
  const onSignal = () => shell.interrupt();
  if (!terminal) process.on('SIGINT', onSignal);
  try {
    return await shell.done;
  } finally {
    process.off('SIGINT', onSignal);
    await session.close();
    await runners?.close();
  }
}

/** `skyql shell`: the interactive shell. */
export function shellCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('shell')
    .description('interactive SQL shell (multi-line statements end with ";"; .help for commands)');
  const output = { ...FLAGS.output, help: `${FLAGS.output.help} (.output switches)` };
  addFlags(cmd, [output, FLAGS.hideHeaders, FLAGS.delimiter, FLAGS.maxColWidth]);
  addFlags(addApiOptions(cmd), [FLAGS.cacheTtl]).action(async (flags: ParsedFlags) => {
    setExit(await runShellCommand(flags));
  });
}

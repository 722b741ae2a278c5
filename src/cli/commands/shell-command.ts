import { join } from 'node:path';
import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { CompletionNames } from '../../core/engine/completion-names.js';
import { createSession } from '../../core/engine/create-session.js';
import { SqlRunnerPool } from '../../core/store/sql-runner-pool.js';
import { parseOutputFormat } from '../../front/output/formatters.js';
import { startShell } from '../../front/shell/shell-loop.js';
import { addCacheOption, type CacheFlags, cacheFromFlags } from '../cache-option.js';
import { type ApiFlags, addApiOptions, apiSessionOptions, appRoot } from '../global-options.js';
import { renderError } from '../print-error.js';
import { stderrReporter } from '../stderr-reporter.js';

interface ShellFlags extends ApiFlags, CacheFlags {
  output: string;
  hideheaders?: boolean;
  delimiter: string;
  maxColWidth?: string;
}

/** Runs the shell until input ends; returns the exit code. */
async function runShellCommand(flags: ShellFlags): Promise<number> {
  const format = parseOutputFormat(flags.output);
  const maxColumnWidth = flags.maxColWidth === undefined ? undefined : Number(flags.maxColWidth);
  if (maxColumnWidth !== undefined && !(maxColumnWidth >= 4))
    throw new SkyqlError('BAD_FLAG', `--max-col-width must be a number >= 4, got '${flags.maxColWidth}'`);
  // Local queries run in a runner process, so Ctrl-C (or --execution.timeout) stops them too.
  const runners = new SqlRunnerPool({ maxIdle: 1 });
  runners.warm();
  const session = createSession({
    ...apiSessionOptions(flags, stderrReporter()),
    cache: cacheFromFlags(flags),
    runners,
  });
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const shell = startShell({
    session,
    names: new CompletionNames(session),
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    terminal,
    format,
    formatOptions: { hideHeaders: flags.hideheaders === true, delimiter: flags.delimiter, maxColumnWidth },
    historyPath: process.env.SKYQL_HISTORY_FILE || join(appRoot(flags), 'readline', 'readline.tmp'),
    renderError: (err, source) => renderError(err, source, flags.verbose === true),
  });
  // Piped input has no line editor: Ctrl-C arrives as a signal.
  const onSignal = () => shell.interrupt();
  if (!terminal) process.on('SIGINT', onSignal);
  try {
    return await shell.done;
  } finally {
    process.off('SIGINT', onSignal);
    await session.close();
    await runners.close();
  }
}

/** `skyql shell`: the interactive shell. */
export function shellCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('shell')
    .description('interactive SQL shell (multi-line statements end with ";"; .help for commands)')
    .option(
      '-o, --output <format>',
      'table, csv, text, json, jsonl (ndjson) or pptext (.output switches)',
      'table',
    )
    .option('-H, --hideheaders', 'omit the header row (csv, text)')
    .option('-d, --delimiter <char>', 'csv delimiter', ',')
    .option('--max-col-width <n>', 'truncate table cells wider than n characters');
  addCacheOption(addApiOptions(cmd)).action(async (flags: ShellFlags) => {
    setExit(await runShellCommand(flags));
  });
}

import { createInterface, type Interface } from 'node:readline';
import type { SkyqlError } from '../../base/errors/skyql-error.js';
import type { CompletionNames } from '../../core/engine/completion-names.js';
import type { Session } from '../../core/engine/session.js';
import { type FormatOptions, formatResult, type OutputFormat } from '../output/formatters.js';
import { complete } from './completer.js';
import { HISTORY_SIZE, loadHistory, saveHistory } from './history-file.js';
import { FORMAT_LIST, parseMetaCommand, SHELL_HELP } from './meta-command.js';
import { endsStatement } from './statement-end.js';
import { TabKeyInput } from './tab-key-input.js';

/** The main prompt. */
const PROMPT = 'skyql> ';
/** The prompt of a continued statement. */
const CONTINUATION_PROMPT = '   -> ';

/** What {@link startShell} needs. */
export interface ShellOptions {
  readonly session: Session;
  readonly names: CompletionNames;
  readonly input: NodeJS.ReadableStream;
  /** Results (and, on a terminal, the prompt). */
  readonly output: NodeJS.WritableStream;
  /** Errors and messages. */
  readonly errors: NodeJS.WritableStream;
  /** Line editing, prompt, completion and history; false for piped input. */
  readonly terminal: boolean;
  readonly format: OutputFormat;
  readonly formatOptions?: FormatOptions;
  /** History file (read at start, written after each statement); none when undefined. */
  readonly historyPath?: string;
  /** Renders a failed statement (the CLI's error printer). */
  readonly renderError: (err: SkyqlError, source: string) => string;
}

/** A running shell. */
export interface RunningShell {
  /** Resolves when input ends (Ctrl-D, `.quit`, end of a pipe) with the exit code. */
  readonly done: Promise<number>;
  /** Ctrl-C: cancels the running statement, or clears the input being typed. */
  interrupt(): void;
}

/**
 * The interactive shell: reads statements (multi-line, ending with `;`), runs them in one session
 * (views, tables and the cache persist between statements) and prints each result as it arrives.
 * Ctrl-C aborts the running statement's HTTP requests and returns to the prompt; Ctrl-D exits.
 * The exit code is 1 when the last statement failed and input was not a terminal, else 0.
 */
export function startShell(o: ShellOptions): RunningShell {
  let format = o.format;
  let buffer = '';
  let running: AbortController | undefined;
  let lastFailed = false;
  const rl: Interface = createInterface({
    input: o.terminal ? new TabKeyInput(o.input) : o.input,
    output: o.terminal ? o.output : undefined,
    terminal: o.terminal,
    history: o.historyPath && o.terminal ? loadHistory(o.historyPath) : [],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: o.terminal
      ? (line: string, cb: (err: null, result: [string[], string]) => void) => {
          complete(o.names, buffer ? `${buffer}\n${line}` : line).then(
            (r) => cb(null, r),
            () => cb(null, [[], line]),
          );
        }
      : undefined,
  });
  const prompt = () => {
    if (!o.terminal) return;
    rl.setPrompt(buffer ? CONTINUATION_PROMPT : PROMPT);
    rl.prompt();
  };
  const interrupt = () => {
    if (running) {
      running.abort();
      return;
    }
    buffer = '';
    if (o.terminal) {
      rl.write('', { ctrl: true, name: 'e' });
      rl.write('', { ctrl: true, name: 'u' });
      o.output.write('^C\n');
      prompt();
    }
  };
  rl.on('SIGINT', interrupt);

  const runStatements = async (source: string) => {
    const ac = new AbortController();
    running = ac;
    try {
      for await (const outcome of o.session.run(source, { signal: ac.signal })) {
        lastFailed = !outcome.ok;
        if (!outcome.ok) o.errors.write(o.renderError(outcome.error, source));
        else if (outcome.result) o.output.write(formatResult(format, outcome.result, o.formatOptions));
      }
    } finally {
      running = undefined;
    }
    if (o.historyPath && o.terminal)
      saveHistory(o.historyPath, (rl as unknown as { history: string[] }).history);
  };

  const meta = (line: string): boolean => {
    let cmd: ReturnType<typeof parseMetaCommand>;
    try {
      cmd = parseMetaCommand(line);
    } catch (err) {
      o.errors.write(`${(err as Error).message}\n`);
      return true;
    }
    if (!cmd) return false;
    if (cmd.kind === 'quit') rl.close();
    else if (cmd.kind === 'help') o.errors.write(SHELL_HELP);
    else if (cmd.kind === 'output') {
      if (cmd.format) format = cmd.format;
      o.errors.write(`output format: ${format} (one of ${FORMAT_LIST})\n`);
    } else o.errors.write(`unknown command '${cmd.text}'; .help lists the commands\n`);
    return true;
  };

  const loop = async (): Promise<number> => {
    prompt();
    for await (const line of rl) {
      if (buffer === '' && meta(line)) {
        prompt();
        continue;
      }
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (buffer.trim() === '') buffer = '';
      else if (endsStatement(buffer, o.session.dialect)) {
        const source = buffer;
        buffer = '';
        await runStatements(source);
      }
      prompt();
    }
    if (buffer.trim() !== '') await runStatements(buffer);
    if (o.terminal) o.output.write('\n');
    return lastFailed && !o.terminal ? 1 : 0;
  };
  return { done: loop(), interrupt };
}

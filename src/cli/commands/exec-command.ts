import type { WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { textResult } from '../../base/result/result-set.js';
import { type ResultSink, sendResult } from '../../base/result/result-sink.js';
import { tightenAfterFromEnv, tightenHeapGrowth } from '../../base/util/heap-growth.js';
import { utf8Text } from '../../base/util/utf8-text.js';
import { createSession } from '../../core/engine/create-session.js';
import { splitStatements } from '../../core/sql/split-statements.js';
import { prepareScript } from '../../core/template/prepare-script.js';
import {
  type FormatOptions,
  type OutputFormat,
  openTextStream,
  parseOutputFormat,
} from '../../front/output/formatters.js';
import { branchFailureReport } from '../branch-failure-report.js';
import type { DirectRun } from '../cli-main.js';
import { execInput, nothingToRun, readExecInput, type StatementsInput } from '../exec-input.js';
import { API_FLAGS, FLAGS, GLOBAL_FLAGS } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addApiOptions, apiSessionOptions, outputOptions } from '../global-options.js';
import { withInterrupt } from '../interrupt.js';
import { openOutfile } from '../output-guard.js';
import { parsePlainArgs } from '../plain-args.js';
import { renderError } from '../print-error.js';
import { restoreArg } from '../sql-args.js';
import { stderrReporter } from '../stderr-reporter.js';
import { templateInput } from '../template-input.js';

/**
 * Runs the statements of `input` (or, with --dryrun, prints them rendered), writing each result as
 * soon as it is ready. Returns the exit code: 0 when all statements succeeded, 1 when any failed
 * (StackQL exits 0; see README).
 */
export async function runExec(input: StatementsInput, flags: ParsedFlags): Promise<number> {
  const format: OutputFormat = parseOutputFormat(readFlag(flags, FLAGS.output));
  const { text: source } = await prepareScript(
    readExecInput(input),
    templateInput(readFlag(flags, FLAGS.iqldata), readFlag(flags, FLAGS.vars) ?? []),
  );
  if (input.from === 'stdin' && input.implicit && splitStatements(source).length === 0) throw nothingToRun();
  const formatOptions = outputOptions(flags);
  const outfile = readFlag(flags, FLAGS.outfile);
  const out: NodeJS.WritableStream | WriteStream =
    outfile && outfile !== 'stdout' ? openOutfile(outfile) : process.stdout;
  openTextStream(format, [], formatOptions); // a bad option fails now, before anything runs
  // the output streams: memory stays flat
  const relaxHeapGrowth = format !== 'table' ? tightenHeapGrowth(tightenAfterFromEnv()) : undefined;
  try {
    // As StackQL: a dry run prints the rendered statements and runs (and sends) nothing.
    if (readFlag(flags, FLAGS.dryrun) === true) {
      const { sink } = textSink(out, format, { ...formatOptions, keepLineBreaks: true });
      await sendResult(textResult(['query'], [[source]]), sink);
      return 0;
    }
    return await runStatements(source, flags, textSink(out, format, formatOptions));
  } finally {
    relaxHeapGrowth?.();
    if (out !== process.stdout) await new Promise<void>((done) => (out as WriteStream).end(done));
  }
}

/**
 * Where results go: each batch of rows is written as soon as it is formatted (see
 * openTextStream), waiting for `out` to drain when it buffers (an --outfile, a slow pipe).
 */
function textSink(out: NodeJS.WritableStream, format: OutputFormat, options: FormatOptions): TextSink {
  const write = (text: string | Buffer): Promise<void> | undefined => {
    if (text.length === 0 || out.write(text)) return undefined;
    return new Promise<void>((drained) => out.once('drain', drained));
  };
  let unfinished = 0;
  return {
    sink: (columns) => {
      const text = openTextStream(format, columns, options);
      unfinished = 0;
      return {
        rows: (batch) => {
          unfinished += batch.length;
          return write(utf8Text(text.rows(batch)));
        },
        end: () => {
          unfinished = 0;
          return write(text.end());
        },
      };
    },
    takeUnfinished: () => {
      const n = unfinished;
      unfinished = 0;
      return n;
    },
  };
}

/** {@link textSink}'s sink, and how many rows the last result wrote without reaching its end. */
interface TextSink {
  readonly sink: ResultSink;
  /** Rows of a result that failed part-way (0 when none); reading resets it. */
  takeUnfinished(): number;
}

/**
 * Runs every statement of `source`, reporting failures on stderr; returns the exit code. A
 * SELECT's rows stream into `sink` as SQLite produces them (a query failing part-way leaves the
 * rows written so far, its error and a note saying so); other statements' results go there whole.
 */
async function runStatements(source: string, flags: ParsedFlags, output: TextSink): Promise<number> {
  const { sink } = output;
  const verbose = readFlag(flags, FLAGS.verbose) === true;
  const failures = branchFailureReport(flags);
  const reporter = stderrReporter(process.stderr, { progress: readFlag(flags, FLAGS.progress) });
  const session = createSession({
    ...apiSessionOptions(flags, reporter),
    onBranchFailure: failures.record,
  });
  let failed = 0;
  try {
    await session.open(); // a bad --sqlBackend fails here, once, not at every statement
    const { interrupted } = await withInterrupt(async (signal) => {
      for await (const outcome of session.run(source, { signal, sink })) {
        if (!outcome.ok) {
          failed++;
          process.stderr.write(renderError(outcome.error, source, verbose));
          const written = output.takeUnfinished();
          if (written > 0)
            process.stderr.write(
              `note: the ${written} rows written before this error are an incomplete result\n`,
            );
        } else if (outcome.result) await sendResult(outcome.result, sink);
        // after the rows: a statement that left calls out says so, and fails the run unless allowed
        if (failures.endStatement((text) => reporter.message(text)) && outcome.ok) failed++;
      }
    });
    if (interrupted) return 130;
  } finally {
    await session.close();
  }
  return failed > 0 ? 1 : 0;
}

/** The flags of `skyql exec` besides the global and API ones. */
const EXEC_FLAGS = [
  FLAGS.infile,
  FLAGS.output,
  FLAGS.outfile,
  FLAGS.hideHeaders,
  FLAGS.delimiter,
  FLAGS.maxColWidth,
  FLAGS.dryrun,
  FLAGS.iqldata,
  FLAGS.vars,
  FLAGS.errorsOut,
  FLAGS.progress,
];

/** Every flag `skyql exec` takes, in the order commander is given them. */
export const ALL_EXEC_FLAGS = [...EXEC_FLAGS, ...GLOBAL_FLAGS, ...API_FLAGS];

/**
 * `skyql exec` without commander when its command line is plain (plain-args.ts) and names what to
 * run (a query or --infile; help and stdin go through commander): the same run as the action below.
 */
export const execDirect: DirectRun = (argv) => {
  if (argv[2] !== 'exec') return undefined;
  const plain = parsePlainArgs(argv.slice(3), ALL_EXEC_FLAGS, 1);
  if (!plain) return undefined;
  let terminalAsked = false;
  const input = execInput(restoreArg(plain.args[0]), readFlag(plain.flags, FLAGS.infile), () => {
    terminalAsked = true; // neither a query nor a file: stdin or help, which commander's path decides
    return true;
  });
  return terminalAsked || input.from === 'help' ? undefined : () => runExec(input, plain.flags);
};

/** `skyql exec "<sql>"` / `skyql exec -i file.iql`. */
export function execCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('exec')
    .description('run SQL statements (";"-separated) and print their results')
    .argument('[query]', 'the statements to run');
  addFlags(cmd, EXEC_FLAGS);
  addApiOptions(cmd).action(async (query: string | undefined, flags: ParsedFlags) => {
    const input = execInput(
      restoreArg(query),
      readFlag(flags, FLAGS.infile),
      () => process.stdin.isTTY === true,
    );
    // As StackQL: on a terminal, `exec` with neither a query nor --infile prints its help and succeeds.
    if (input.from === 'help') {
      cmd.outputHelp();
      setExit(0);
      return;
    }
    setExit(await runExec(input, flags));
  });
}

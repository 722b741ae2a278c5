import { readFileSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../base/result/result-set.js';
import { createSession } from '../../core/engine/create-session.js';
import { prepareScript } from '../../core/template/prepare-script.js';
import { formatResult, type OutputFormat, parseOutputFormat } from '../../front/output/formatters.js';
import { FLAGS } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addApiOptions, apiSessionOptions, outputOptions } from '../global-options.js';
import { withInterrupt } from '../interrupt.js';
import { openOutfile } from '../output-guard.js';
import { renderError } from '../print-error.js';
import { restoreArg } from '../sql-args.js';
import { stderrReporter } from '../stderr-reporter.js';
import { templateInput } from '../template-input.js';

/** `-i -` and `-i stdin` read the statements from standard input (unless a query is given). */
function isStdin(infile: string): boolean {
  return infile === '-' || infile === 'stdin';
}

function readQuery(query: string | undefined, infile: string | undefined): string | undefined {
  if (infile === undefined || (isStdin(infile) && query !== undefined)) return query;
  const file = isStdin(infile) ? 0 : infile;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read --infile ${infile}: ${(err as Error).message}`, {
      hint: 'give a readable file of ";"-separated statements, or the statements as the argument',
    });
  }
}

/**
 * Runs every statement, printing each result as soon as it is ready. Returns the exit code:
 * 0 when all statements succeeded, 1 when any failed (StackQL exits 0; see README).
 */
export async function runExec(query: string | undefined, flags: ParsedFlags): Promise<number> {
  const format: OutputFormat = parseOutputFormat(readFlag(flags, FLAGS.output));
  const infile = readFlag(flags, FLAGS.infile);
  const input = readQuery(restoreArg(query), infile);
  if (input === undefined || (infile === undefined && input.trim() === '')) {
    throw new SkyqlError('BAD_FLAG', 'no statements to run: give them as the argument or with --infile', {
      hint: 'e.g. skyql exec "SHOW PROVIDERS" or skyql exec -i script.iql (skyql exec --help for usage)',
    });
  }
  const { text: source, templated } = await prepareScript(
    input,
    templateInput(readFlag(flags, FLAGS.iqldata), readFlag(flags, FLAGS.vars) ?? []),
  );
  const formatOptions = outputOptions(flags);
  const outfile = readFlag(flags, FLAGS.outfile);
  const out: NodeJS.WritableStream | WriteStream =
    outfile && outfile !== 'stdout' ? openOutfile(outfile) : process.stdout;
  const dryRun = readFlag(flags, FLAGS.dryrun) === true;
  const verbose = readFlag(flags, FLAGS.verbose) === true;
  const session = createSession({ ...apiSessionOptions(flags, stderrReporter()), dryRun });
  const write = (result: ResultSet) => out.write(formatResult(format, result, formatOptions));
  let failed = 0;
  try {
    // a dry run of templated input shows the rendered statements, then what each would send
    if (dryRun && templated) write(textResult(['query'], [[source]]));
    const { interrupted } = await withInterrupt(async (signal) => {
      for await (const outcome of session.run(source, { signal })) {
        if (!outcome.ok && outcome.error.code === 'DRY_RUN_SKIPPED') {
          process.stderr.write(`${outcome.error.message}\n`);
        } else if (!outcome.ok) {
          failed++;
          process.stderr.write(renderError(outcome.error, source, verbose));
        } else if (outcome.result) write(outcome.result);
      }
    });
    if (interrupted) return 130;
  } finally {
    await session.close();
    if (out !== process.stdout) await new Promise<void>((done) => (out as WriteStream).end(done));
  }
  return failed > 0 ? 1 : 0;
}

/** `skyql exec "<sql>"` / `skyql exec -i file.iql`. */
export function execCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('exec')
    .description('run SQL statements (";"-separated) and print their results')
    .argument('[query]', 'the statements to run');
  addFlags(cmd, [
    FLAGS.infile,
    FLAGS.output,
    FLAGS.outfile,
    FLAGS.hideHeaders,
    FLAGS.delimiter,
    FLAGS.maxColWidth,
    FLAGS.dryrun,
    FLAGS.iqldata,
    FLAGS.vars,
  ]);
  addApiOptions(cmd).action(async (query: string | undefined, flags: ParsedFlags) => {
    // As StackQL: `exec` with neither a query nor --infile prints its help and succeeds.
    if ((query === undefined || query.trim() === '') && readFlag(flags, FLAGS.infile) === undefined) {
      cmd.outputHelp();
      setExit(0);
      return;
    }
    setExit(await runExec(query, flags));
  });
}

import { readFileSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../base/result/result-set.js';
import { createSession } from '../../core/engine/create-session.js';
import { prepareScript } from '../../core/template/prepare-script.js';
import { formatResult, type OutputFormat, parseOutputFormat } from '../../front/output/formatters.js';
import { type ApiFlags, addApiOptions, apiSessionOptions } from '../global-options.js';
import { withInterrupt } from '../interrupt.js';
import { openOutfile } from '../output-guard.js';
import { renderError } from '../print-error.js';
import { restoreArg } from '../sql-args.js';
import { stderrReporter } from '../stderr-reporter.js';
import { type TemplateFlags, templateInput } from '../template-input.js';

interface ExecFlags extends ApiFlags, TemplateFlags {
  dryrun?: boolean;
  infile?: string;
  output: string;
  outfile?: string;
  hideheaders?: boolean;
  delimiter: string;
  maxColWidth?: string;
}

/** `-i -` and `-i stdin` read the statements from standard input (unless a query is given). */
function isStdin(infile: string): boolean {
  return infile === '-' || infile === 'stdin';
}

function readQuery(query: string | undefined, flags: ExecFlags): string | undefined {
  if (flags.infile === undefined || (isStdin(flags.infile) && query !== undefined)) return query;
  const file = isStdin(flags.infile) ? 0 : flags.infile;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new SkyqlError(
      'FILE_NOT_READABLE',
      `cannot read --infile ${flags.infile}: ${(err as Error).message}`,
      { hint: 'give a readable file of ";"-separated statements, or the statements as the argument' },
    );
  }
}

/**
 * Runs every statement, printing each result as soon as it is ready. Returns the exit code:
 * 0 when all statements succeeded, 1 when any failed (StackQL exits 0; see README).
 */
export async function runExec(query: string | undefined, flags: ExecFlags): Promise<number> {
  const format: OutputFormat = parseOutputFormat(flags.output);
  const input = readQuery(restoreArg(query), flags);
  if (input === undefined || (flags.infile === undefined && input.trim() === '')) {
    throw new SkyqlError('BAD_FLAG', 'no statements to run: give them as the argument or with --infile', {
      hint: 'e.g. skyql exec "SHOW PROVIDERS" or skyql exec -i script.iql (skyql exec --help for usage)',
    });
  }
  const { text: source, templated } = await prepareScript(input, templateInput(flags));
  const maxColumnWidth = flags.maxColWidth === undefined ? undefined : Number(flags.maxColWidth);
  if (maxColumnWidth !== undefined && !(maxColumnWidth >= 4)) {
    throw new SkyqlError('BAD_FLAG', `--max-col-width must be a number >= 4, got '${flags.maxColWidth}'`);
  }
  const out: NodeJS.WritableStream | WriteStream =
    flags.outfile && flags.outfile !== 'stdout' ? openOutfile(flags.outfile) : process.stdout;
  const dryRun = flags.dryrun === true;
  const session = createSession({ ...apiSessionOptions(flags, stderrReporter()), dryRun });
  const write = (result: ResultSet) =>
    out.write(
      formatResult(format, result, {
        hideHeaders: flags.hideheaders === true,
        delimiter: flags.delimiter,
        maxColumnWidth,
      }),
    );
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
          process.stderr.write(renderError(outcome.error, source, flags.verbose === true));
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

function collectVars(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** `skyql exec "<sql>"` / `skyql exec -i file.iql`. */
export function execCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('exec')
    .description('run SQL statements (";"-separated) and print their results')
    .argument('[query]', 'the statements to run')
    .option('-i, --infile <file>', 'read the statements from a file')
    .option('-o, --output <format>', 'table, csv, text, json, jsonl (ndjson) or pptext', 'table')
    .option('-f, --outfile <file>', 'write results to a file instead of stdout')
    .option('-H, --hideheaders', 'omit the header row (csv, text)')
    .option('-d, --delimiter <char>', 'csv delimiter', ',')
    .option('--max-col-width <n>', 'truncate table cells wider than n characters')
    .option('--dryrun', 'send nothing: print the HTTP requests mutations would send (and rendered templates)')
    .option(
      '-q, --iqldata <file>',
      'template data for the statements (.json; .jsonnet with the optional jsonnet package)',
    )
    .option('--var <name=value>', 'template variable (repeatable, or comma-separated)', collectVars, []);
  addApiOptions(cmd).action(async (query: string | undefined, flags: ExecFlags) => {
    // As StackQL: `exec` with neither a query nor --infile prints its help and succeeds.
    if ((query === undefined || query.trim() === '') && flags.infile === undefined) {
      cmd.outputHelp();
      setExit(0);
      return;
    }
    setExit(await runExec(query, flags));
  });
}

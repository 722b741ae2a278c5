import { readFileSync } from 'node:fs';
import { SkyqlError } from '../base/errors/skyql-error.js';

/**
 * Where `skyql exec` reads its statements: the argument, a file (`-i`), or stdin (`-i -`, or no
 * query while stdin is not a terminal: `echo "SELECT 1" | skyql exec`, `skyql exec < file.iql`).
 * With no query on a terminal there is nothing to read, so exec prints its help, as StackQL does.
 */
export type ExecInput =
  | { readonly from: 'argument'; readonly text: string }
  | { readonly from: 'file'; readonly path: string }
  /** `implicit`: no query and no `-i`; then empty input is a mistake (exit 2), not an empty script. */
  | { readonly from: 'stdin'; readonly implicit: boolean }
  | { readonly from: 'help' };

/** `-i -` and `-i stdin` mean standard input (unless a query is given). */
function isStdin(infile: string): boolean {
  return infile === '-' || infile === 'stdin';
}

/**
 * Decides where the statements come from; a blank query counts as none. `stdinIsTty` is asked only
 * when neither a query nor a file is given: touching process.stdin builds its stream (~2 ms).
 */
export function execInput(
  query: string | undefined,
  infile: string | undefined,
  stdinIsTty: () => boolean,
): ExecInput {
  if (infile !== undefined && !isStdin(infile)) return { from: 'file', path: infile };
  if (query !== undefined && query.trim() !== '') return { from: 'argument', text: query };
  if (infile !== undefined) return { from: 'stdin', implicit: false };
  return stdinIsTty() ? { from: 'help' } : { from: 'stdin', implicit: true };
}

/** An input that holds statements (every one but 'help'). */
export type StatementsInput = Exclude<ExecInput, { from: 'help' }>;

/** The text of the statements. Throws FILE_NOT_READABLE. */
export function readExecInput(input: StatementsInput): string {
  if (input.from === 'argument') return input.text;
  const name = input.from === 'file' ? `--infile ${input.path}` : 'stdin';
  try {
    return readFileSync(input.from === 'file' ? input.path : 0, 'utf8');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read ${name}: ${(err as Error).message}`, {
      hint: 'give a readable file of ";"-separated statements, or the statements as the argument',
    });
  }
}

/** The error for stdin that held no statement when exec read it only because no query was given. */
export function nothingToRun(): SkyqlError {
  return new SkyqlError('BAD_FLAG', 'no statements to run: no query argument and stdin held none', {
    hint: 'skyql exec "SHOW PROVIDERS", skyql exec -i script.iql, or echo "SHOW PROVIDERS" | skyql exec',
  });
}

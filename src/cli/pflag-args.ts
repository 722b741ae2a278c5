import { type Arity, flagSyntax } from './flag-syntax.js';
import { FLAGS } from './flag-table.js';
import { boolWord, readBool } from './flag-types.js';

/**
 * StackQL's command line is cobra/pflag; skyql's is commander. The two read the same words except
 * for a few forms StackQL users type, which {@link pflagArgs} rewrites before commander sees them:
 *
 * - `-o=csv` (pflag drops the `=` after a one-letter flag; commander would read `=csv`);
 * - `-H=false`, `--dryrun=true` (pflag booleans take `=value`; commander refuses it);
 * - `--tls.allowInsecure "SELECT ..."`: a pflag boolean never takes the next word, so it stays the
 *   query (commander's optional value would swallow it) unless it is `true` or `false`;
 * - `skyql -o json exec "..."`: flags before the command (cobra's persistent flags) move after it.
 *
 * Flags after the query and `--` (the rest are arguments) already work the same in both.
 */

/** One flag: its arity and a key shared by its short and long names. */
interface FlagShape {
  readonly key: string;
  readonly arity: Arity;
}

/** An argument after rewriting: `sets` for a switch turned on (removed again by a later `=false`). */
interface Arg {
  readonly text: string;
  readonly sets?: string;
  /** The value of the flag before it, never a command name. */
  readonly value?: true;
}

let shapes: Map<string, FlagShape> | undefined;

/** Every flag of every command by `-x` and `--name` (names are unique across commands). */
function flagShapes(): Map<string, FlagShape> {
  if (shapes) return shapes;
  shapes = new Map();
  const syntaxes = [...Object.values(FLAGS).map((f) => f.syntax), '-h, --help', '--version'];
  for (const syntax of syntaxes) {
    const { short, long, arity } = flagSyntax(syntax);
    const shape: FlagShape = { key: long, arity };
    if (short) shapes.set(short, shape);
    shapes.set(long, shape);
  }
  return shapes;
}

/**
 * The arguments after `skyql` (argv without node and the script) in the forms commander reads, with
 * pflag's meaning. `commands` are the subcommand names. Unknown flags are left for commander to
 * report. Throws BAD_FLAG for a boolean flag given a value that is not a boolean word.
 */
export function pflagArgs(args: readonly string[], commands: readonly string[]): string[] {
  const known = flagShapes();
  const out: Arg[] = [];
  const setSwitch = (shape: FlagShape, on: boolean, text: string): void => {
    if (on) out.push({ text, sets: shape.key });
    else for (let k = out.length - 1; k >= 0; k--) if (out[k].sets === shape.key) out.splice(k, 1);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      for (const text of args.slice(i)) out.push({ text, value: true });
      break;
    }
    if (!arg.startsWith('-') || arg.length < 2) {
      out.push({ text: arg });
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const shape = long ? known.get(name) : undefined;
    if (long && shape?.arity === 'switch') {
      setSwitch(shape, eq < 0 || readBool(arg.slice(eq + 1), name), name);
    } else if (long && shape?.arity === 'optional' && eq < 0) {
      // a pflag boolean takes the next word only as `=value`; commander would take any word
      const next = args[i + 1];
      if (next !== undefined && boolWord(next) !== undefined) {
        out.push({ text: arg }, { text: next, value: true });
        i++;
      } else out.push({ text: `${arg}=true` });
    } else if (long) {
      out.push({ text: arg });
      if (shape?.arity === 'value' && eq < 0 && i + 1 < args.length)
        out.push({ text: args[++i], value: true });
    } else {
      i = shortFlags(arg, args, i, out, setSwitch);
    }
  }
  return commandFirst(out, commands);
}

/**
 * One `-abc` argument as pflag reads it: switches one after another, until a flag that takes a
 * value, whose value is the rest (`-ocsv`, `-o=csv`) or else the next argument. `-H=false` gives a
 * switch its value. An argument with an unknown letter is left as it is. Returns the index of the
 * last argument used.
 */
function shortFlags(
  arg: string,
  args: readonly string[],
  i: number,
  out: Arg[],
  setSwitch: (shape: FlagShape, on: boolean, text: string) => void,
): number {
  const known = flagShapes();
  const letters = Array.from(arg.slice(1));
  const steps: Array<() => void> = [];
  let used = i;
  for (let k = 0; k < letters.length; k++) {
    const name = `-${letters[k]}`;
    const shape = known.get(name);
    if (shape === undefined) {
      out.push({ text: arg });
      return i;
    }
    const rest = letters.slice(k + 1).join('');
    const inline = rest.length > 1 && rest[0] === '=' ? rest.slice(1) : undefined;
    if (shape.arity === 'switch') {
      const on = inline === undefined || readBool(inline, name);
      steps.push(() => setSwitch(shape, on, name));
      if (inline !== undefined) break;
      continue;
    }
    const value = inline ?? rest;
    if (value !== '') steps.push(() => out.push({ text: name }, { text: value, value: true }));
    else if (i + 1 < args.length) {
      used = i + 1;
      steps.push(() => out.push({ text: name }, { text: args[i + 1], value: true }));
    } else steps.push(() => out.push({ text: name }));
    break;
  }
  for (const step of steps) step();
  return used;
}

/**
 * Moves flags given before the command to the end (before any `--`), where the command (or its
 * subcommand: `skyql -o json registry list`) reads them: `skyql -o json exec q` → `skyql exec q -o json`.
 */
function commandFirst(args: readonly Arg[], commands: readonly string[]): string[] {
  const at = args.findIndex((a) => a.value === undefined && !a.text.startsWith('-'));
  const texts = args.map((a) => a.text);
  if (at <= 0 || !commands.includes(texts[at])) return texts;
  const end = texts.indexOf('--', at) < 0 ? texts.length : texts.indexOf('--', at);
  return [...texts.slice(at, end), ...texts.slice(0, at), ...texts.slice(end)];
}

import { flagSyntax } from './flag-syntax.js';
import type { Flag, ParsedFlags } from './flag-types.js';

/** A command line read without commander: its arguments and its flags' values. */
export interface PlainArgs {
  readonly args: readonly string[];
  /** As commander's `opts()` would hold them: given values parsed, defaults of the flags not given. */
  readonly flags: ParsedFlags;
}

/**
 * Reads a command's arguments (after `skyql <command>`, in the forms pflagArgs leaves) against
 * `flags` exactly as commander would, for the plain shapes a script or a user types: known long
 * and one-letter flags, `--name=value`, and at most `maxArgs` arguments. Anything else (help,
 * `--version`, an unknown or negated flag, a missing value, `--`, an extra argument, an argument
 * that looks like a flag) gives undefined, and commander parses the line and reports what is wrong.
 * `skyql exec` starts this way: commander and its Option objects cost ~8 ms of every run (P3).
 */
export function parsePlainArgs(
  words: readonly string[],
  flags: readonly Flag<unknown>[],
  maxArgs: number,
): PlainArgs | undefined {
  const byName = new Map<string, Flag<unknown>>();
  const values: Record<string, unknown> = {};
  for (const flag of flags) {
    const s = flagSyntax(flag.syntax);
    if (s.negate) return undefined;
    byName.set(s.long, flag);
    if (s.short) byName.set(s.short, flag);
    // as addFlags: repeatable flags start empty, the others hold their default as shown in --help
    const { collect, show } = flag.type;
    if (collect) values[s.attribute] = [];
    else if (flag.default !== undefined && show) values[s.attribute] = show(flag.default);
  }
  // commander's program spots `--version` anywhere, even as another flag's value (`-o --version`)
  if (words.includes('--version')) return undefined;
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.length < 2 || word[0] !== '-') {
      if (args.length === maxArgs) return undefined; // commander names the extra argument
      args.push(word);
      continue;
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = byName.get(eq < 0 ? word : word.slice(0, eq));
    if (flag === undefined) return undefined; // --help, --version, unknown, `-ocsv`, `--`
    const s = flagSyntax(flag.syntax);
    let value: string | undefined;
    if (eq >= 0) {
      if (s.arity === 'switch') return undefined; // commander refuses it
      value = word.slice(eq + 1);
    } else if (s.arity === 'value') {
      if (i + 1 >= words.length) return undefined; // commander: argument missing
      value = words[++i];
    } else if (s.arity === 'optional') {
      const next = words[i + 1];
      if (next !== undefined && !(next.length > 1 && next[0] === '-')) value = words[++i];
    }
    const { collect } = flag.type;
    values[s.attribute] =
      value === undefined ? true : collect ? collect(value, values[s.attribute] as string[]) : value;
  }
  return { args, flags: values };
}

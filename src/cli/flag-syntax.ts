/**
 * A flag's syntax (`-o, --output <format>`, `--tls.allowInsecure [bool]`, `--dryrun`) read the way
 * commander reads it, without commander: `skyql exec` parses its command line on its own
 * (plain-args.ts), so that its start-up neither loads commander nor builds ~40 Option objects
 * (issue 13, P3). test/unit/cli/flag-syntax.test.ts holds every flag of the table against
 * commander's reading.
 */

/** How a flag takes its value: not at all, always, or optionally (`--tls.allowInsecure [bool]`). */
export type Arity = 'switch' | 'value' | 'optional';

/** A flag's names and arity, as commander's Option has them. */
export interface FlagSyntax {
  /** `-o`, when the flag has a one-letter name. */
  readonly short?: string;
  /** `--output`. */
  readonly long: string;
  readonly arity: Arity;
  /** `--no-x`: sets `x` to false. */
  readonly negate: boolean;
  /** Where commander stores the value (`maxColWidth`, `execution.concurrency.limit`). */
  readonly attribute: string;
  /** The long name without dashes (`max-col-width`), as in messages. */
  readonly name: string;
}

const SYNTAX = /^(?:(-[^-]), ?)?(--[^-\s,|<[][^\s,|<[]*)(?: ([<[])[^>\]]*[>\]])?$/;
const known = new Map<string, FlagSyntax>();

/** The names and arity in `syntax`; throws for a syntax the flag table does not use. */
export function flagSyntax(syntax: string): FlagSyntax {
  let parsed = known.get(syntax);
  if (parsed) return parsed;
  const m = SYNTAX.exec(syntax);
  if (!m) throw new Error(`unsupported flag syntax '${syntax}'`);
  const [, short, long, bracket] = m;
  const name = long.slice(2);
  const negate = name.startsWith('no-');
  parsed = {
    ...(short ? { short } : {}),
    long,
    arity: bracket === '<' ? 'value' : bracket === '[' ? 'optional' : 'switch',
    negate,
    attribute: camelcase(negate ? name.slice(3) : name),
    name,
  };
  known.set(syntax, parsed);
  return parsed;
}

/** `max-col-width` → `maxColWidth` (commander's rule: dashes only; dots stay). */
function camelcase(name: string): string {
  return name
    .split('-')
    .map((word, i) => (i === 0 || word === '' ? word : word[0].toUpperCase() + word.slice(1)))
    .join('');
}

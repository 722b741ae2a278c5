/**
 * A query given as an argument may start with a `--` comment (`skyql exec "-- note\nSELECT 1"`);
 * commander would read it as an option. Arguments that start with `-` and contain whitespace are
 * never options, so they are hidden behind placeholders and restored by {@link restoreArg}.
 */
const hiddenArgs = new Map<string, string>();
export function hideSqlArgs(argv: string[]): string[] {
  return argv.map((a, i) => {
    if (i < 2 || !a.startsWith('-') || !/\s/.test(a) || /^--?[\w.-]+=/.test(a)) return a;
    const key = `\u0000skyql-arg-${i}`;
    hiddenArgs.set(key, a);
    return key;
  });
}

/** The original text of an argument hidden by hideSqlArgs. */
export function restoreArg<T extends string | undefined>(arg: T): T {
  return (arg !== undefined && hiddenArgs.has(arg) ? hiddenArgs.get(arg) : arg) as T;
}

import { type Command, Option } from 'commander';
import { SkyqlError } from '../base/errors/skyql-error.js';
import { flagSyntax } from './flag-syntax.js';

/** The options commander (or plain-args.ts) parsed for one command, by attribute name (`execution.concurrency.limit`, `maxColWidth`). */
export type ParsedFlags = Readonly<Record<string, unknown>>;

/** How a flag's value is read, and how a default value is written on the command line (for --help). */
export interface FlagType<T> {
  /** The value from what commander stored: a string, `true` for a bare switch, a list for a repeatable flag. */
  read(raw: unknown, name: string): T;
  show?(value: T): string;
  /** Repeatable flags: adds one use's value to the list so far (the list starts empty). */
  readonly collect?: (value: string, previous: string[]) => string[];
}

/** One command-line flag: an entry of the flag table. */
export interface Flag<T> {
  /** Commander syntax: `-o, --output <format>`, `--tls.allowInsecure [bool]`, `--no-auth`. */
  readonly syntax: string;
  readonly help: string;
  readonly type: FlagType<T>;
  /** The value when the flag is absent, imported from the module that owns it; --help shows it. */
  readonly default?: T;
}

/** A string as given. */
export const text: FlagType<string> = { read: (raw) => String(raw), show: (v) => v };

/** The words pflag (Go's strconv.ParseBool) reads as booleans: `--dryrun=false`, `-H=1`, `--tls.allowInsecure=T`. */
const BOOL_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  t: true,
  T: true,
  '1': true,
  false: false,
  False: false,
  FALSE: false,
  f: false,
  F: false,
  '0': false,
};

/** A boolean word as pflag reads it, else undefined. */
export function boolWord(text: string): boolean | undefined {
  return Object.hasOwn(BOOL_WORDS, text) ? BOOL_WORDS[text] : undefined;
}

/** A boolean word, or BAD_FLAG naming the flag. */
export function readBool(text: string, name: string): boolean {
  const value = boolWord(text);
  if (value === undefined)
    throw new SkyqlError('BAD_FLAG', `${name} takes true or false, got '${text}'`, {
      hint: `${name}=true, ${name}=false, or ${name} alone for true`,
    });
  return value;
}

/** A switch (`--dryrun`, `--no-auth`) or an optional boolean value (`--tls.allowInsecure [bool]`). */
export const toggle: FlagType<boolean> = {
  read: (raw, name) => raw === true || (typeof raw === 'string' && readBool(raw, `--${name}`)),
  show: String,
};

/** One of a few words (`--layout flat`). */
export function oneOf<T extends string>(values: readonly T[]): FlagType<T> {
  return {
    read(raw, name) {
      if (values.includes(raw as T)) return raw as T;
      throw new SkyqlError('BAD_FLAG', `--${name} must be ${values.join(' or ')}, got '${raw}'`);
    },
    show: (v) => v,
  };
}

/** An integer of at least `min` (and at most `max`). */
export function integer(min: number, max?: number): FlagType<number> {
  return {
    read(raw, name) {
      const n = Number(raw);
      if (Number.isInteger(n) && n >= min && (max === undefined || n <= max)) return n;
      const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
      throw new SkyqlError('BAD_FLAG', `--${name} must be an integer ${range}, got '${raw}'`);
    },
    show: String,
  };
}

/** A non-negative number of seconds (fractions allowed, e.g. 0.5), read in milliseconds. */
export const seconds: FlagType<number> = {
  read(raw, name) {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new SkyqlError('BAD_FLAG', `--${name} must be a number of seconds >= 0, got '${raw}'`);
    return Math.round(n * 1000);
  },
  show: (ms) => String(ms / 1000),
};

/** A repeatable flag; with `commaSeparated` each use may also hold several values (`--pin a=1,b=2`). */
export function list(commaSeparated: boolean): FlagType<string[]> {
  return {
    read: (raw) => raw as string[],
    collect: (value, previous) => [
      ...previous,
      ...(commaSeparated ? value.split(',').filter(Boolean) : [value]),
    ],
  };
}

/** Adds flags to a command: repeatable ones start as `[]`, the others show their default in --help. */
export function addFlags(cmd: Command, flags: readonly Flag<unknown>[]): Command {
  for (const flag of flags) {
    const option = new Option(flag.syntax, flag.help);
    const { collect, show } = flag.type;
    if (collect) option.argParser(collect).default([]);
    else if (flag.default !== undefined && show) option.default(show(flag.default));
    cmd.addOption(option);
  }
  return cmd;
}

/** A flag's value: what the command line gave, else its default. Throws BAD_FLAG for a bad value. */
export function readFlag<T>(flags: ParsedFlags, flag: Flag<T> & { readonly default: T }): T;
export function readFlag<T>(flags: ParsedFlags, flag: Flag<T>): T | undefined;
export function readFlag<T>(flags: ParsedFlags, flag: Flag<T>): T | undefined {
  const { attribute, name } = flagSyntax(flag.syntax);
  const raw = flags[attribute];
  return raw === undefined ? flag.default : flag.type.read(raw, name);
}

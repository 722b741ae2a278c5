/** Words after which a table-like name comes (so providers and local tables are offered). */
const TABLE_WORDS = new Set([
  'FROM',
  'JOIN',
  'IN',
  'INTO',
  'UPDATE',
  'DESCRIBE',
  'DESC',
  'EXEC',
  'TABLE',
  'VIEW',
  'METHOD',
  'EXTENDED',
  'PULL',
]);

/** SQL words that cannot be a table alias. */
const NOT_ALIAS = new Set([
  'WHERE',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'CROSS',
  'ON',
  'USING',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'UNION',
  'SET',
  'VALUES',
  'AS',
  'WINDOW',
  'RETURNING',
]);

/** What the word under the cursor is and what surrounds it. */
export interface CompletionContext {
  /** The whole word being completed, dots included (`google.comp`). */
  readonly word: string;
  /** Parts before the last dot (`['google']`); empty without a dot. */
  readonly path: readonly string[];
  /** The part after the last dot (`comp`). */
  readonly prefix: string;
  /** The word before it is FROM, JOIN, IN, INTO, DESCRIBE, EXEC… */
  readonly expectsTable: boolean;
  /**
   * How many dotted parts the name typed here has: 1 after SHOW SERVICES IN (a provider), 2 after
   * SHOW RESOURCES IN, 4 after EXEC and DESCRIBE METHOD (a method), else 3 (a table).
   */
  readonly nameParts: number;
  /** Three-part names written anywhere in the statement so far. */
  readonly tables: ReadonlyArray<readonly string[]>;
  /** Alias → three-part name, for `alias.column` completion. */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
}

/** Text before the name that fixes its number of parts (see `nameParts`); the rest take 3. */
const NAME_PARTS: readonly [RegExp, number][] = [
  [/\bSHOW\s+(?:EXTENDED\s+)?SERVICES\s+(?:IN|FROM)\s+$/i, 1],
  [/\bSHOW\s+(?:EXTENDED\s+)?RESOURCES\s+(?:IN|FROM)\s+$/i, 2],
  [/\bEXEC\s+(?:\/\*[\s\S]*?\*\/\s*)?$/i, 4],
  [/\bMETHOD\s+(?:EXTENDED\s+)?$/i, 4],
];

/**
 * Works out the completion context from the statement text up to the cursor (earlier lines of a
 * multi-line statement included). Pure and tolerant: any text gives a context.
 */
export function completionContext(text: string): CompletionContext {
  const word = /[A-Za-z0-9_$.]*$/.exec(text)?.[0] ?? '';
  const parts = word.split('.');
  const prefix = parts.pop() ?? '';
  const before = text.slice(0, text.length - word.length);
  const prevWord = /([A-Za-z_]+)\s+$/.exec(before)?.[1]?.toUpperCase() ?? '';
  const tables: string[][] = [];
  const aliases = new Map<string, string[]>();
  const re = /\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b(?!\.)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi;
  for (const m of text.matchAll(re)) {
    const fqn = [m[1], m[2], m[3]];
    tables.push(fqn);
    if (m[4] && !NOT_ALIAS.has(m[4].toUpperCase())) aliases.set(m[4], fqn);
    aliases.set(m[3], fqn);
  }
  const nameParts = NAME_PARTS.find(([re]) => re.test(before))?.[1] ?? 3;
  return { word, path: parts, prefix, expectsTable: TABLE_WORDS.has(prevWord), nameParts, tables, aliases };
}

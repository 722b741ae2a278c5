import type { Cell, ColumnType, ResultColumn } from '../../base/result/result-set.js';
import { COMPACT, isJsonSpace, SPACED, scanJson, scanNumber } from './json-scan.js';

export { isJsonSpace } from './json-scan.js';

/** Encodes one cell as compact JSON text. */
type Encoder = (cell: Cell | undefined) => string;

/**
 * Typed JSON values for the json and jsonl writers (skyql's improvement over StackQL's all-strings,
 * alphabetical-keys output): one object per row with keys in projection order. integer/real columns
 * give numbers (bigints and numeric text written digit for digit, never rounded), boolean columns
 * true/false (0/1 accepted), json columns the parsed JSON itself (text that does not parse stays a
 * string), NULL null; other cells keep their JS type. A repeated column name gets `_1`, `_2`, …
 * so no value is lost.
 */
export function createRowEncoder(columns: readonly ResultColumn[]): (row: readonly Cell[]) => string {
  const keys = uniqueKeys(columns.map((c) => c.name));
  const prefixes = keys.map((k, i) => `${i === 0 ? '' : ','}${JSON.stringify(k)}:`);
  const encoders = columns.map((c) => ENCODERS[c.type] ?? natural);
  const n = columns.length;
  return (row) => {
    let s = '{';
    for (let c = 0; c < n; c++) s += prefixes[c] + encoders[c](row[c]);
    return `${s}}`;
  };
}

/** Object keys for column names: repeats get the first free `<name>_<k>` not used by another column. */
export function uniqueKeys(names: readonly string[]): string[] {
  const reserved = new Set(names);
  const used = new Set<string>();
  return names.map((name) => {
    let key = name;
    for (let k = 1; used.has(key); k++) {
      key = `${name}_${k}`;
      if (reserved.has(key)) key = name; // belongs to a later column: keep looking
    }
    used.add(key);
    return key;
  });
}

function natural(cell: Cell | undefined): string {
  switch (typeof cell) {
    case 'string':
      return JSON.stringify(cell);
    case 'number':
      return Number.isFinite(cell) ? JSON.stringify(cell) : 'null';
    case 'bigint':
      return cell.toString();
    case 'boolean':
      return cell ? 'true' : 'false';
    default:
      return 'null';
  }
}

function numeric(cell: Cell | undefined): string {
  return typeof cell === 'string' && isJsonNumber(cell) ? cell : natural(cell);
}

function boolean(cell: Cell | undefined): string {
  if (cell === 0 || cell === 0n || cell === 'false' || cell === '0') return 'false';
  if (cell === 1 || cell === 1n || cell === 'true' || cell === '1') return 'true';
  return natural(cell);
}

/** A json cell: its text when it is compact JSON (as skyql stores it), minified when spaced, else a string. */
function json(cell: Cell | undefined): string {
  if (typeof cell !== 'string') return natural(cell);
  const shape = scanJson(cell);
  if (shape === COMPACT) return cell;
  return shape === SPACED ? minifyJson(cell) : JSON.stringify(cell);
}

const ENCODERS: Record<ColumnType, Encoder> = {
  text: natural,
  integer: numeric,
  real: numeric,
  boolean,
  json,
};

/** True when `s` is exactly a JSON number: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`. */
export function isJsonNumber(s: string): boolean {
  return s.length > 0 && scanNumber(s, 0) === s.length;
}

/** Valid JSON text without the whitespace between tokens (strings untouched). */
export function minifyJson(text: string): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (isJsonSpace(c)) {
      out += text.slice(start, i);
      start = i + 1;
    }
    i++;
  }
  return start === 0 ? text : out + text.slice(start);
}

import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

let jsYaml: typeof JsYaml | undefined;

/**
 * js-yaml (120 KB of code) is required on the first YAML actually parsed: provider documents are
 * read from their JSON copies, so most statements never need it.
 */
function yaml(): typeof JsYaml {
  jsYaml ??= createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
  return jsYaml;
}

/**
 * YAML parsing for text skyql did not write (provider documents, registry indexes, seeds).
 *
 * js-yaml shares one object for every alias of an anchor, so loading a "billion laughs" document is
 * quick, but everything that walks the result afterwards (the JSON cache, `$ref` resolution, row
 * building) pays for the expansion: 1.5 KB of nested aliases becomes gigabytes. js-yaml has no
 * limit on expansion (`maxAliases` counts alias nodes, and real provider documents use hundreds),
 * so the expanded size and depth are measured here, walking each shared object once, before anything
 * else sees the document.
 */

/** Expanded size allowed per byte of YAML. Provider documents measure below 1 (compute: 0.71). */
const EXPANSION_PER_BYTE = 4;
/** Expanded size always allowed, so small documents may alias freely. */
const EXPANSION_FLOOR = 1024 * 1024;
/** Nesting (through aliases too) at most; js-yaml bounds only the nesting written out (to 100). */
const MAX_DEPTH = 1000;

/** Parses one YAML document; throws an Error saying why when it is invalid or expands too far. */
export function loadYaml(text: string): unknown {
  const doc = yaml().load(text);
  const limit = EXPANSION_PER_BYTE * text.length + EXPANSION_FLOOR;
  const { size, height } = expanded(doc, new Map(), new Set(), 0);
  if (size > limit)
    throw new Error(
      `aliases expand ${text.length} bytes of YAML to more than ${limit} characters (an alias bomb)`,
    );
  if (height > MAX_DEPTH) throw new Error(`nested more than ${MAX_DEPTH} levels deep (through aliases)`);
  return doc;
}

interface Extent {
  /** Characters when every alias is written out: strings and keys by length, other scalars and containers 1. */
  readonly size: number;
  /** Nesting levels, aliases followed. */
  readonly height: number;
}

/** The expanded extent of a value, memoised per shared object; throws on alias loops. */
function expanded(v: unknown, known: Map<object, Extent>, open: Set<object>, depth: number): Extent {
  if (typeof v === 'string') return { size: v.length + 1, height: 0 };
  if (v === null || typeof v !== 'object') return { size: 1, height: 0 };
  const seen = known.get(v);
  if (seen !== undefined) return seen;
  if (open.has(v)) throw new Error('an alias refers to a node that contains it (an alias loop)');
  if (depth > MAX_DEPTH) throw new Error(`nested more than ${MAX_DEPTH} levels deep (through aliases)`);
  open.add(v);
  let size = 1;
  let height = 0;
  const add = (item: unknown, keyLength: number) => {
    const e = expanded(item, known, open, depth + 1);
    size += keyLength + e.size;
    height = Math.max(height, e.height);
  };
  if (Array.isArray(v)) for (const item of v) add(item, 0);
  else for (const [key, item] of Object.entries(v)) add(item, key.length);
  open.delete(v);
  const extent = { size, height: height + 1 };
  known.set(v, extent);
  return extent;
}

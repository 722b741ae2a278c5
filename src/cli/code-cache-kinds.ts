/**
 * What kinds of work this run of `skyql exec` did, as bits, for bin/skyql's code cache: V8 caches
 * only the functions compiled so far, so a cache made by DESCRIBE runs lacks the SELECT fan-out
 * path, and every later SELECT compiled it again (~25 ms). bin/skyql makes the cache again when a
 * run does a kind the cache has not seen (dist/skyql.cjs exports `cacheKinds`).
 */
const KIND_OF_VERB: Readonly<Record<string, number>> = {
  SELECT: 1,
  WITH: 1,
  SHOW: 2,
  DESCRIBE: 2,
  DESC: 2,
  REGISTRY: 2,
  EXPLAIN: 2,
  INSERT: 4,
  UPDATE: 4,
  DELETE: 4,
  REPLACE: 4,
  EXEC: 4,
};
const OTHER = 8;
const TABLE_OUTPUT = 16;
const STREAMED_OUTPUT = 32;

let kinds = 0;

/** Notes the statements' verbs (the first word after each `;`: a rough split is enough here). */
export function noteStatements(source: string, tableOutput: boolean): void {
  kinds |= tableOutput ? TABLE_OUTPUT : STREAMED_OUTPUT;
  for (const piece of source.split(';')) {
    const verb = /^\s*([A-Za-z]+)/.exec(piece)?.[1]?.toUpperCase();
    if (verb) kinds |= KIND_OF_VERB[verb] ?? OTHER;
  }
}

/** The kinds noted so far (0 when none). */
export function cacheKinds(): number {
  return kinds;
}

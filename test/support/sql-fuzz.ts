/**
 * Seeded generator of random and adversarial statements for the front-end fuzz tests: known attacks
 * on the local-SQL guard (file-creating SQLite statements hidden by comments, casts and quotes),
 * mangled valid statements, deep nesting, odd bytes and StackQL verbs with broken arguments. Every
 * path it names lies under `canary`, so a test can assert that nothing was created there.
 */

import { seededRandom } from './seeded-sample.js';

export { seededRandom };

/** Statements that reach a file or load code when a guard lets them through to SQLite. */
function attacks(canary: string): string[] {
  const f = (name: string) => `${canary}/${name}`;
  return [
    `ATTACH DATABASE '${f('a.db')}' AS pwn`,
    `/::text* pg_x ' */ ATTACH DATABASE '${f('b.db')}' AS pg_pwn --'`,
    `/::text* ' */ CREATE TABLE pg_pwn.owned(x) --'`,
    `/::text* ' */ VACUUM pg_pwn INTO '${f('c.db')}' --'`,
    `VACUUM INTO '${f('d.db')}'`,
    `SELECT 1; ATTACH '${f('e.db')}' AS x`,
    `SELECT load_extension('${f('ext')}')`,
    `SELECT "load_extension"('${f('ext')}')`,
    `SELECT writefile('${f('w.txt')}', 'x')`,
    `SELECT readfile('/etc/passwd')`,
    `PRAGMA writable_schema = 1`,
    `PRAGMA journal_mode = DELETE`,
    `UPDATE sqlite_master SET sql = 'x'`,
    `INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'x')`,
    `DROP TABLE pg_class`,
    `SELECT * FROM pg_class; DROP TABLE pg_class`,
    `WITH x AS (SELECT 1) ATTACH '${f('g.db')}' AS y`,
    `SELECT 1 /* */ ; VACUUM INTO '${f('h.db')}'`,
    `SELECT '/*' ; ATTACH '${f('i.db')}' AS z --*/'`,
    `SELECT [x]; ATTACH '${f('j.db')}' AS k`,
    `SELECT \`a\`; ATTACH '${f('k.db')}' AS k`,
    `CREATE TABLE t AS SELECT 1; ATTACH '${f('l.db')}' AS m`,
    `CREATE VIEW v AS SELECT 1 UNION SELECT load_extension('${f('ext')}')`,
    `SELECT 1::text* 2 */ , 3`,
    `ATTACH 'file:${f('m.db')}?mode=rwc' AS n`,
    `SELECT regexp_like('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '(a+)+$')`,
    `SHOW SERVICES IN google LIKE '%%%%%%%%%%%%%%%%%%%%%%%%x'`,
  ];
}

/** Well-formed statements the fuzzer mangles. */
const VALID = [
  'SELECT 1',
  "SELECT json_extract('{\"a\": [1, 2]}', '$.a[1]') AS v",
  'SELECT count(*) FROM (SELECT 1 UNION ALL SELECT 2)',
  'SHOW PROVIDERS',
  "SHOW RESOURCES IN google.storage LIKE 'b%'",
  'DESCRIBE google.storage.buckets',
  "SELECT name FROM google.storage.buckets WHERE project = 'p'",
  "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone IN ('a', 'b')",
  "EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'a'",
  "INSERT INTO google.storage.buckets (project, data__name) VALUES ('p', 'b')",
  "DELETE FROM google.storage.buckets WHERE bucket = 'b'",
  "EXEC google.compute.instances.stop @project = 'p', @zone = 'z', @instance = 'i'",
  'REGISTRY LIST google',
  "SELECT split_part('a/b', '/', 2), regexp_replace('abc', 'b', 'x')",
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) SELECT sum(x) FROM c',
];

const FRAGMENTS = [
  "'",
  '"',
  '`',
  '[',
  ']',
  '(',
  ')',
  ';',
  '--',
  '/*',
  '*/',
  '::text',
  '::',
  '\\',
  '\u0000',
  '\u2028',
  'é',
  '😀',
  ' pg_',
  ' sqlite_master ',
  ' ATTACH ',
  ' VACUUM ',
  ' PRAGMA ',
  ' /*+ AWAIT */ ',
  ' IN (',
  ' OR ',
  ' AND ',
  ' LIKE ',
  '%',
  '$1',
  '?',
  'google.',
  '..',
  ' NULL ',
  '1e999',
  '-9223372036854775809',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Inserts, deletes or duplicates a few random pieces of `text`. */
function mangle(rand: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.5) out = out.slice(0, at) + pick(rand, FRAGMENTS) + out.slice(at);
    else if (r < 0.75) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 6));
    else out = out.slice(0, at) + out.slice(at, at + 8) + out.slice(at);
  }
  return out;
}

function nested(rand: () => number): string {
  const depth = pick(rand, [50, 300, 1000, 3000]);
  const kind = rand();
  if (kind < 0.4) return `SELECT ${'(SELECT '.repeat(depth)}1${')'.repeat(depth)}`;
  if (kind < 0.7) return `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)}`;
  return `SELECT * FROM ${'(SELECT * FROM '.repeat(depth)}google.storage.buckets${') x'.repeat(depth)}`;
}

/**
 * `count` statements from `seed`: every known attack once (in a seeded order), the rest random
 * mixes of mangled valid statements, attacks, nesting and noise. Statements never contain a `;`
 * outside the attacks that test splitting, so each front end sees the same pieces.
 */
export function fuzzStatements(seed: number, count: number, canary: string): string[] {
  const rand = seededRandom(seed);
  const known = attacks(canary);
  const out = [...known].sort(() => rand() - 0.5);
  while (out.length < count) {
    const r = rand();
    if (r < 0.45) out.push(mangle(rand, pick(rand, VALID)));
    else if (r < 0.7) out.push(mangle(rand, pick(rand, known)));
    else if (r < 0.8) out.push(nested(rand));
    else if (r < 0.9) out.push(pick(rand, VALID));
    else out.push(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(rand, FRAGMENTS)).join(''));
  }
  return out.slice(0, Math.max(count, known.length));
}

/**
 * Golden files (sqlglot style): every `<dir>/<name>.sql` is run by `produce` and must give exactly
 * the text of `<dir>/<name>.<suffix>`. With SKYQL_GOLDEN=update (`npm run golden:update`) the
 * expected files are rewritten instead, for review in the git diff.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineDiff } from './line-diff.js';

const UPDATE = process.env.SKYQL_GOLDEN === 'update';

/** The golden names (the `.sql` files without extension) of a folder, sorted. */
export function goldenNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -'.sql'.length))
    .sort();
}

/** One test per `.sql` file of `dir`, comparing what `produce` makes of it with `<name>.<suffix>`. */
export function goldenTests(dir: string, suffix: string, produce: (sql: string) => Promise<string>): void {
  for (const name of goldenNames(dir)) {
    test(`golden ${name}`, async () => {
      const text = await produce(readFileSync(join(dir, `${name}.sql`), 'utf8'));
      const file = join(dir, `${name}.${suffix}`);
      if (UPDATE) {
        writeFileSync(file, text);
        return;
      }
      let expected: string;
      try {
        expected = readFileSync(file, 'utf8');
      } catch {
        assert.fail(`${name}.${suffix} is missing: run npm run golden:update`);
      }
      if (text !== expected)
        assert.fail(
          `${name}.${suffix} differs (- expected, + actual); if intended, run npm run golden:update\n${lineDiff(expected, text)}`,
        );
    });
  }
}

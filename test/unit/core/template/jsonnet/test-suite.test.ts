/**
 * Jsonnet's official test suite (v0.20.0, test/fixtures/jsonnet/test_suite, Apache-2.0), run the
 * way its run_tests.sh does: `--ext-str var1=test --ext-code var2={x:1,y:2}` (as top-level
 * arguments for tla.* files), stdout and std.trace lines compared with `<name>.golden`, or `true`
 * when there is none. `error.*` cases must fail with a TEMPLATE_ERROR; their message is compared
 * with the golden's first line and the matches counted.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { evaluateToJson, JsonnetError } from '../../../../../src/core/template/jsonnet/engine.js';
import { templateError } from '../../../../../src/core/template/jsonnet.js';
import { REPO_ROOT } from '../../../../support/paths.js';

const SUITE = join(REPO_ROOT, 'test', 'fixtures', 'jsonnet', 'test_suite');

/** Cases left out, with the reason. None today: every case of the suite runs. */
const SKIPPED: Readonly<Record<string, string>> = {};

const files = readdirSync(SUITE)
  .filter((f) => f.endsWith('.jsonnet'))
  .sort();

function golden(file: string): string | null {
  try {
    return readFileSync(join(SUITE, `${file}.golden`), 'utf8').replace(/\n$/, '');
  } catch {
    return null;
  }
}

function run(file: string, trace: string[]): string {
  const code = new Map([['var2', '{x:1,y:2}']]);
  const str = new Map([['var1', 'test']]);
  const tla = file.startsWith('tla.');
  return evaluateToJson(readFileSync(join(SUITE, file), 'utf8'), {
    file,
    baseDir: SUITE,
    ...(tla ? { tlaVars: str, tlaCode: code } : { extVars: str, extCode: code }),
    trace: (line) => trace.push(line),
  });
}

test('every non-error case of the official Jsonnet test suite gives its golden output', (t) => {
  const cases = files.filter((f) => !f.startsWith('error.') && !(f in SKIPPED));
  const failures: string[] = [];
  for (const file of cases) {
    const trace: string[] = [];
    let got: string;
    try {
      const out = run(file, trace);
      got = [...trace, out].join('\n');
    } catch (err) {
      got = `error: ${(err as Error).message}`;
    }
    const want = golden(file) ?? 'true';
    if (got !== want) failures.push(`${file}: got ${got.slice(0, 200)}`);
  }
  t.diagnostic(`passed ${cases.length - failures.length} of ${cases.length} non-error cases`);
  assert.deepEqual(failures, []);
});

test('every error case of the official Jsonnet test suite fails with a TEMPLATE_ERROR', (t) => {
  const cases = files.filter((f) => f.startsWith('error.') && !(f in SKIPPED));
  const notFailing: string[] = [];
  let sameMessage = 0;
  for (const file of cases) {
    try {
      run(file, []);
      notFailing.push(file);
    } catch (err) {
      assert.ok(err instanceof JsonnetError, `${file}: ${(err as Error).stack}`);
      const skyql = templateError(err);
      assert.ok(isSkyqlError(skyql, 'TEMPLATE_ERROR'));
      assert.match(skyql.message, /^\S+:\d+:\d+ /, file);
      if ((golden(file) ?? '').split('\n')[0].endsWith(err.message)) sameMessage++;
    }
  }
  t.diagnostic(
    `${cases.length - notFailing.length} of ${cases.length} error cases fail; ${sameMessage} with jsonnet's message`,
  );
  assert.deepEqual(notFailing, []);
  assert.ok(sameMessage >= cases.length * 0.9, `only ${sameMessage} messages match the goldens`);
});

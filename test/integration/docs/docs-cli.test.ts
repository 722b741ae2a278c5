import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installTinyProvider } from '../../support/fixture-registry.js';
import { SEED_PAGE } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

function countFiles(dir: string, suffix: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) n += countFiles(p, suffix);
    else if (name.endsWith(suffix)) n++;
  }
  return n;
}

test('skyql docs google.healthcare.series_series prints the seed page', async () => {
  const run = await runCli(['docs', 'google.healthcare.series_series']);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  assert.equal(run.stdout, readFileSync(SEED_PAGE, 'utf8'));
});

test('--out writes a single page to a file, or as <resource>.md into a folder', async () => {
  const dir = tempDir();
  const file = join(dir, 'page.md');
  const toFile = await runCli(['docs', 'google.healthcare.series_series', '--out', file]);
  assert.equal(toFile.code, 0, toFile.stderr);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(SEED_PAGE, 'utf8'));
  const toDir = await runCli(['docs', 'google.pubsub.topics', '--out', dir]);
  assert.equal(toDir.code, 0, toDir.stderr);
  assert.match(readFileSync(join(dir, 'topics.md'), 'utf8'), /^--- \ntitle: topics\n/);
});

test('skyql docs <provider> --out <dir> writes every page, the indexes and a count line', async () => {
  const approot = tempDir();
  installTinyProvider(approot);
  const dir = tempDir();
  const run = await runCli(['docs', 'tiny', '--out', dir, '--approot', approot]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^wrote 1 page for 1 service of tiny v0\.1\.0 to .+ in \d+\.\d s\n$/);
  assert.deepEqual(readdirSync(dir).sort(), ['index.md', 'things']);
  assert.deepEqual(readdirSync(join(dir, 'things')).sort(), ['index.md', 'things.md']);
  assert.match(readFileSync(join(dir, 'things', 'things.md'), 'utf8'), /^--- \ntitle: things\n/);
  assert.match(
    readFileSync(join(dir, 'things', 'index.md'), 'utf8'),
    /<a href="\/things\/things\/">things<\/a>/,
  );
  assert.match(
    readFileSync(join(dir, 'index.md'), 'utf8'),
    /total services: __1__ {2}\ntotal resources: __1__ {2}\n/,
  );
});

/** The whole Google provider (1828 pages, 3 s of CPU) in `npm run test:full`; the tiny one above proves the same per run. */
const FULL = process.env.SKYQL_TEST_ROUTES === 'all';

// its speed is measured by `npm run bench` (target: under 15 s); the timeout only catches a hang
test('skyql docs google --out <dir> writes every page, the indexes and a count line', {
  timeout: 120_000,
  skip: !FULL && 'the whole Google provider runs in `npm run test:full`',
}, async () => {
  const dir = tempDir();
  const run = await runCli(['docs', 'google', '--out', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.match(
    lines[lines.length - 1],
    /^wrote 1828 pages for 169 services of google v25\.07\.00000 to .+ in \d+\.\d s$/,
  );
  assert.ok(!run.stderr.includes('\r'), 'no progress output when stderr is not a terminal');
  assert.equal(countFiles(dir, '.md'), 1828 + 169 + 1);
  assert.equal(
    readFileSync(join(dir, 'healthcare', 'series_series.md'), 'utf8'),
    readFileSync(SEED_PAGE, 'utf8'),
  );
  assert.match(
    readFileSync(join(dir, 'healthcare', 'index.md'), 'utf8'),
    /<a href="\/healthcare\/series_series\/">series_series<\/a>/,
  );
  assert.match(
    readFileSync(join(dir, 'index.md'), 'utf8'),
    /total services: __169__ {2}\ntotal resources: __1828__ {2}\n/,
  );
});

test('skyql docs google.healthcare --layout nested writes one service the StackQL site way', async () => {
  const dir = tempDir();
  const run = await runCli(['docs', 'google.healthcare', '--out', dir, '--layout', 'nested']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /^wrote \d+ pages for 1 service of google v25\.07\.00000 to /m);
  assert.ok(existsSync(join(dir, 'healthcare', 'datasets', 'index.md')));
  assert.ok(existsSync(join(dir, 'healthcare', 'index.md')));
  assert.ok(!existsSync(join(dir, 'index.md')), 'no provider index for a single service');
});

test('an unknown resource is a one-line error with suggestions and exit code 1', async () => {
  const run = await runCli(['docs', 'google.healthcare.series_seriez']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(
    run.stderr,
    /^resource 'google\.healthcare\.series_seriez' not found; did you mean google\.healthcare\.series_series\b[^\n]*\?\n$/,
  );
  const service = await runCli(['docs', 'google.healthcar.datasets']);
  assert.equal(service.code, 1);
  assert.match(
    service.stderr,
    /^service 'google\.healthcar' not found in google v25\.07\.00000; did you mean google\.healthcare\?\n$/,
  );
});

test('a provider or service without --out is a usage error', async () => {
  const run = await runCli(['docs', 'google']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^the pages of google are written to a folder: give --out <dir>\n/);
});

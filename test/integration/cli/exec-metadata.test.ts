import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type CliRun, runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The `-o json` statements of several tests below, run by one exec (one line of JSON per
 * statement, in order); each test reads the results of its own statements.
 */
const JSON_STATEMENTS = {
  like: [
    "SHOW SERVICES IN google LIKE 'Health%'",
    "SHOW SERVICES IN google LIKE 'healthcar_'",
    "SHOW SERVICES IN google LIKE 'healthcare:%'",
    "SHOW RESOURCES IN google.healthcare LIKE 'google.healthcare.series_series%'",
    "SHOW METHODS IN google.compute.instances LIKE 'aggregated%'",
    "SHOW PROVIDERS LIKE 'GOO%'",
    "SHOW PROVIDERS LIKE 'goo%'",
  ],
  seed: ['SHOW METHODS IN google.healthcare.series_series', 'DESCRIBE google.healthcare.series_series'],
  skyql: [
    "SHOW PROVIDERS LIKE 'sky%'",
    'SHOW RESOURCES IN skyql.org',
    'SHOW METHODS IN skyql.org.projects',
    'DESCRIBE skyql.org.projects',
    'DESCRIBE METHOD skyql.org.folders.descend',
  ],
  extended: ['DESCRIBE EXTENDED google.healthcare.series_series'],
  method: ['DESCRIBE METHOD google.healthcare.datasets.create'],
};
let jsonRun: Promise<CliRun> | undefined;

/** The results of `part`'s statements, from the one run of them all. */
async function jsonResults(
  part: keyof typeof JSON_STATEMENTS,
): Promise<Array<Array<Record<string, string>>>> {
  const all = Object.values(JSON_STATEMENTS).flat();
  jsonRun ??= runCli(['exec', '-o', 'json', all.join(';')]);
  const r = await jsonRun;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, all.length, r.stdout);
  const start = all.indexOf(JSON_STATEMENTS[part][0]);
  return lines.slice(start, start + JSON_STATEMENTS[part].length).map((line) => JSON.parse(line));
}

test('SHOW RESOURCES ... LIKE prints the four series resources as a StackQL table', async () => {
  const r = await runCli(['exec', "SHOW RESOURCES IN google.healthcare LIKE 'series%'"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '|-----------------------|-----------------------------------------|',
      '|         name          |                   id                    |',
      '|-----------------------|-----------------------------------------|',
      '| series                | google.healthcare.series                |',
      '|-----------------------|-----------------------------------------|',
      '| series_metadata       | google.healthcare.series_metadata       |',
      '|-----------------------|-----------------------------------------|',
      '| series_series         | google.healthcare.series_series         |',
      '|-----------------------|-----------------------------------------|',
      '| series_series_metrics | google.healthcare.series_series_metrics |',
      '|-----------------------|-----------------------------------------|',
      '',
    ].join('\n'),
  );
  assert.equal(r.stderr, '');
});

test('SHOW ... LIKE as StackQL: case-sensitive, anchored, _ literal, id or name (name only for providers)', async () => {
  const names = (await jsonResults('like')).map((rows) => rows.map((row) => row.name ?? row.MethodName));
  assert.deepEqual(names, [
    [],
    [],
    ['healthcare'],
    ['series_series', 'series_series_metrics'],
    ['aggregated_list'],
    [],
    ['google'],
  ]);
});

test('SHOW METHODS and DESCRIBE of the seed resource', async () => {
  const [methods, columns] = await jsonResults('seed');
  assert.deepEqual(methods, [
    {
      MethodName: 'retrieve_series',
      RequiredParams: 'datasetsId, dicomStoresId, locationsId, projectsId, seriesId, studiesId',
      SQLVerb: 'SELECT',
    },
  ]);
  assert.deepEqual(columns, [
    { name: 'contentType', type: 'string' },
    { name: 'data', type: 'string' },
    { name: 'extensions', type: 'array' },
  ]);
});

test('keywords are case-insensitive, comments are skipped and ; inside a string does not split', async () => {
  const sql = `-- list the series resources
    show /* block */ resources in google.healthcare where name = 'series;x' or name = 'series_metadata';`;
  const r = await runCli(['exec', '-o', 'csv', sql]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'name,id\nseries_metadata,google.healthcare.series_metadata\n');
});

test('a failing statement does not stop the others; exit code 1 and a positioned parse error', async () => {
  const r = await runCli([
    'exec',
    '-o',
    'text',
    '-H',
    'SHOW PROVIDERS;\nSHOW RESOURCES google.healthcare;\nREGISTRY LIST',
  ]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'google,v25.07.00000\nskyql,builtin\ngoogle,v25.07.00000\n');
  assert.match(r.stderr, /syntax error at line 2, column 16: expected IN or FROM/);
  assert.match(r.stderr, /\nSHOW RESOURCES google\.healthcare;\n {15}\^\nhint: /);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace without --verbose');
});

test('the built-in provider skyql: listed by SHOW, its tables described like any other', async () => {
  const [providers, resources, methods, columns, inputs] = await jsonResults('skyql');
  assert.deepEqual(providers, [{ name: 'skyql', version: 'builtin' }]);
  assert.deepEqual(
    resources.map((x) => x.name),
    ['folders', 'projects'],
  );
  assert.deepEqual(methods, [{ MethodName: 'descend', RequiredParams: 'root', SQLVerb: 'SELECT' }]);
  for (const c of ['projectId', 'parent', 'state', 'depth', 'path', 'labels'])
    assert.ok(
      columns.some((x) => x.name === c),
      c,
    );
  assert.deepEqual(
    inputs.filter((x) => x.param_type !== 'output').map((x) => `${x.name} ${x.param_type}`),
    ['root input_required', 'showDeleted input_optional'],
  );
});

test('--verbose names the error code (SkyqlError [CODE]) before the stack; without it, no code and no stack', async () => {
  const sql = 'DESCRIBE google.healthcare.series_seris';
  const v = await runCli(['exec', '--verbose', sql]);
  assert.equal(v.code, 1);
  assert.match(
    v.stderr,
    /\nSkyqlError \[RESOURCE_NOT_FOUND\]: resource 'google\.healthcare\.series_seris' not found/,
  );
  assert.match(v.stderr, /\n\s+at .*\.c?js:\d+/); // dist/skyql.cjs (exec) or dist/skyql.js
  const plain = await runCli(['exec', sql]);
  assert.equal(plain.stderr.split('\n').filter(Boolean).length, 2, plain.stderr);
  assert.doesNotMatch(plain.stderr, /\[RESOURCE_NOT_FOUND\]|SkyqlError/);
});

test('unknown names get a one-line did-you-mean error', async () => {
  // both in one run: a failing statement does not stop the next
  const r = await runCli([
    'exec',
    'DESCRIBE google.healthcare.series_seris; DESCRIBE METHOD google.healthcare.series_series.retrieve_serie',
  ]);
  assert.equal(r.code, 1);
  const [resource, method] = r.stderr.split(/\n(?=method )/);
  assert.match(
    resource.split('\n')[0],
    /^resource 'google.healthcare.series_seris' not found; did you mean .*google\.healthcare\.series_series/,
  );
  assert.match(
    method,
    /^method 'retrieve_serie' not found in google.healthcare.series_series; did you mean google.healthcare.series_series.retrieve_series\?/,
    r.stderr,
  );
});

test('--infile, --outfile and csv delimiter', async () => {
  const dir = tempDir();
  const infile = join(dir, 'q.iql');
  const outfile = join(dir, 'out.csv');
  writeFileSync(infile, "SHOW SERVICES IN google LIKE 'healthcare';\n");
  const r = await runCli(['exec', '-i', infile, '-o', 'csv', '-d', ';', '--outfile', outfile]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(
    readFileSync(outfile, 'utf8'),
    'id;name;title\nhealthcare:v25.07.00000;healthcare;Cloud Healthcare API\n',
  );
});

test('SHOW EXTENDED SERVICES and DESCRIBE EXTENDED add their columns; --pin selects v1.0.4', async () => {
  const r = await runCli([
    'exec',
    '-o',
    'json',
    '--pin',
    'google=v1.0.4',
    "SHOW EXTENDED SERVICES IN google WHERE name = 'healthcare'",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const [row] = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(row), ['id', 'name', 'title', 'description', 'version']);
  assert.equal(row.id, 'healthcare:v1.0.4');
  const [rows] = await jsonResults('extended');
  assert.equal(rows[1].description, 'The HTTP request/response body as raw binary.');
});

test('DESCRIBE METHOD lists inputs then outputs', async () => {
  const [rows] = await jsonResults('method');
  assert.deepEqual(
    rows.filter((x) => x.param_type === 'input_required').map((x) => x.name),
    ['projectsId', 'locationsId'],
  );
  assert.ok(rows.some((x) => x.name === 'datasetId' && x.param_type === 'input_optional'));
  assert.ok(rows.some((x) => x.name === 'data__timeZone' && x.param_type === 'input_optional'));
  assert.ok(
    rows.some((x) => x.name === 'done' && x.param_type === 'output'),
    'Operation fields are outputs',
  );
});

test('bad flags and configuration exit 2 with a clear message', async () => {
  const bad = await runCli(['exec', '--registry', '{"url": ', 'SHOW PROVIDERS']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /registry config is not valid JSON/);
  const fmt = await runCli(['exec', '-o', 'xml', 'SHOW PROVIDERS']);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /unable to create output writer for output format = 'xml'/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { runCli } from '../../support/run-cli.js';

const { emu, keyPath } = await startSampleEmulator();
const api = [
  '--endpoint',
  `google=${emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
];

const SEED_QUERY = `SELECT contentType, data, extensions FROM google.healthcare.series_series
    WHERE projectsId = '${SAMPLE.project}' AND locationsId = '${SAMPLE.location}' AND datasetsId = '${SAMPLE.dataset}'
    AND dicomStoresId = '${SAMPLE.dicomStore}' AND studiesId = '${SAMPLE.study}' AND seriesId = '${SAMPLE.series}'`;
const COMPUTE_QUERY = `SELECT name, json_extract(networkInterfaces, '$[0].networkIP') AS ip, deletionProtection, labels
    FROM google.compute.instances WHERE project = '${SAMPLE.project}' AND zone = '${SAMPLE.zones[0]}' ORDER BY name LIMIT 1`;

/** Both queries of the next two tests in one `exec -o json` (a line of JSON each), run once. */
let jsonRun: ReturnType<typeof runCli> | undefined;
async function jsonRows(query: 0 | 1): Promise<Array<Record<string, unknown>>> {
  jsonRun ??= runCli(['exec', '-o', 'json', ...api, `${SEED_QUERY};\n${COMPUTE_QUERY};`]);
  const r = await jsonRun;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2, r.stdout);
  return JSON.parse(lines[query]);
}

test('skyql exec runs the seed query end to end (json output keeps types)', async () => {
  const rows = await jsonRows(0);
  assert.equal(rows.length, 1);
  assert.deepEqual(Object.keys(rows[0]), ['contentType', 'data', 'extensions']);
  assert.equal(rows[0].extensions, null);
  assert.ok(Buffer.from(String(rows[0].data), 'base64').length > 100);
});

test('typed JSON, aggregates and json_extract over compute instances', async () => {
  const [row] = await jsonRows(1);
  assert.equal(typeof row.deletionProtection, 'boolean');
  assert.equal(typeof row.labels, 'object', 'nested JSON stays JSON');
  assert.match(String(row.ip), /^\d+\.\d+\.\d+\.\d+$/);
});

test('--http.log.enabled logs requests with secrets redacted; failures exit 1', async () => {
  const r = await runCli([
    'exec',
    '--http.log.enabled',
    ...api,
    `SELECT count(*) FROM google.storage.buckets WHERE project = '${SAMPLE.project}'; SELECT name FROM google.storage.buckets WHERE bucket = 'missing'`,
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /GET http:\/\/127\.0\.0\.1:\d+\/storage\.googleapis\.com\/storage\/v1\/b\?project=skyql-demo -> 200/,
  );
  assert.match(r.stderr, /POST .*oauth2\.googleapis\.com\/token -> 200/);
  assert.doesNotMatch(r.stderr, /Bearer [A-Za-z0-9]/);
  assert.doesNotMatch(r.stderr, /assertion=ey/);
  assert.match(r.stderr, /HTTP 404/);
  assert.match(r.stdout, /\| +12 \|/);
});

test("StackQL's --keyfilepath signs in as the google service account, with a one-line notice", async () => {
  const sql = `SELECT count(*) AS n FROM google.storage.buckets WHERE project = '${SAMPLE.project}'`;
  const r = await runCli([
    'exec',
    sql,
    '--endpoint',
    `google=${emu.url}`,
    '--keyfilepath',
    keyPath,
    '-o=json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ n: 12 }]);
  assert.equal(
    r.stderr,
    `--keyfilepath is deprecated; use --auth '${JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } })}'\n`,
  );
});

test('--keyfilepath naming a missing file: the error and hint name --keyfilepath, not --auth', async () => {
  const r = await runCli([
    'exec',
    `SELECT name FROM google.storage.buckets WHERE project = '${SAMPLE.project}'`,
    '--endpoint',
    `google=${emu.url}`,
    '--keyfilepath',
    'nothere.json',
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /\n--keyfilepath: service account key file nothere\.json: file not found\nhint: check --keyfilepath \(nothere\.json\)\n$/,
  );
  assert.doesNotMatch(r.stderr.split('\n').slice(1).join('\n'), /--auth/);
});

test('the notice about locally applied parameter terms goes to stderr; --quiet-notices silences it', async () => {
  const sql = `SELECT count(*) AS n FROM google.compute.instances WHERE project = '${SAMPLE.project}' AND zone NOT LIKE 'us-%'`;
  const loud = await runCli(['exec', '-o', 'csv', ...api, sql]);
  assert.equal(loud.code, 0, loud.stderr);
  assert.equal(loud.stdout, 'n\n4\n', 'NOT LIKE on the URL keeps every row');
  assert.match(
    loud.stderr,
    /^notice: zone NOT LIKE 'us-%' is applied by skyql to the zone values .* \(such as 'https:\/\/www\.googleapis\.com\//m,
  );
  const quiet = await runCli(['exec', '-o', 'csv', '--quiet-notices', ...api, sql]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stdout, 'n\n4\n');
  assert.doesNotMatch(quiet.stderr, /notice/);
});

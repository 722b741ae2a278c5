import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli.js';

/** API access that fails if anything is sent: nothing listens on the endpoint and the key file is missing. */
const unreachable = [
  '--endpoint',
  'google=http://127.0.0.1:9',
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: '/nonexistent/key.json' } }),
];

test('EXPLAIN -o json gives one object per plan row, with the page limit, and calls nothing', async () => {
  const sql = "EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND zone IN ('a', 'b')";
  const r = await runCli(['exec', '-o', 'json', '--http.response.pageLimit', '3', ...unreachable, sql]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rows: Array<Record<string, unknown>> = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(rows[0]), ['step', 'table', 'item', 'detail']);
  assert.deepEqual(rows[0], {
    step: 1,
    table: 'google.compute.instances',
    item: 'method',
    detail: 'list (GET /projects/{project}/zones/{zone}/instances)',
  });
  const detail = (item: string) => rows.filter((x) => x.item === item).map((x) => x.detail);
  assert.deepEqual(detail('calls'), ['2: one per value of zone']);
  assert.deepEqual(detail('request'), [
    'GET https://compute.googleapis.com/compute/v1/projects/p/zones/a/instances',
    'GET https://compute.googleapis.com/compute/v1/projects/p/zones/b/instances',
  ]);
  assert.match(String(detail('pages')[0]), /, at most 3 pages per call \(--http\.response\.pageLimit\)$/);
  assert.deepEqual(rows.at(-1), {
    step: 2,
    table: '',
    item: 'local sql',
    detail: 'SELECT name FROM "__skyql_1" AS "instances" WHERE 1 AND 1',
  });
});

test('EXPLAIN of a DELETE prints its requests as a table and deletes nothing', async () => {
  const sql =
    "EXPLAIN DELETE FROM google.compute.instances WHERE project = 'p' AND zone = 'z' AND instance = 'i'";
  const r = await runCli(['exec', ...unreachable, sql]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no "despatched" message: nothing was sent');
  const lines = r.stdout.split('\n');
  assert.match(lines[1], /^\| step \|\s+table\s+\|\s+item\s+\|\s+detail\s+\|$/);
  assert.ok(r.stdout.includes('| request |'), r.stdout);
  assert.ok(r.stdout.includes('DELETE'), r.stdout);
});

/**
 * Jsonnet data end to end: `skyql exec` with a `.jsonnet` data file or an inline `<<<jsonnet` block,
 * `--var` values as std.extVar, rendering INSERT bodies that reach the emulator, with no extra
 * install step (the implementation is skyql's own).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { runCli } from '../../support/run-cli.js';

const { emu, keyPath, dir } = await startSampleEmulator();
const P = SAMPLE.project;
const api = [
  '--endpoint',
  `google=${emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
];

/** JSON bodies of the API calls (not token requests) with this method after log entry `seq`. */
function bodiesSince(seq: number, method: string): unknown[] {
  return emu.log
    .entries()
    .filter((e) => e.seq > seq && e.method === method && !e.path.includes('token'))
    .map((e) => JSON.parse(e.requestBody ?? 'null'));
}

function lastSeq(): number {
  return emu.log.entries().at(-1)?.seq ?? 0;
}

test('--iqldata vars.jsonnet (with an import and --var as std.extVar) renders the INSERT bodies sent', async () => {
  const stack = join(dir, 'jsonnet-stack');
  mkdirSync(join(stack, 'lib'), { recursive: true });
  writeFileSync(join(stack, 'lib', 'labels.libsonnet'), '{ common(env):: { env: env, managed: "skyql" } }');
  writeFileSync(
    join(stack, 'vars.jsonnet'),
    `local labels = import 'lib/labels.libsonnet';
local env = std.extVar('env');
{
  project: std.extVar('project'),
  buckets: [
    { name: 'jn-%s-%d' % [env, i], labels: labels.common(env) { index: std.toString(i) } }
    for i in std.range(1, 2)
  ],
}
`,
  );
  writeFileSync(
    join(stack, 'stmt.iql'),
    `{{ range .buckets }}INSERT INTO google.storage.buckets (project, data__name, data__labels)
SELECT '{{ $.project }}', '{{ .name }}', '{{ .labels }}';
{{ end }}`,
  );
  const since = lastSeq();
  const r = await runCli([
    'exec',
    ...api,
    '--iqldata',
    join(stack, 'vars.jsonnet'),
    '-i',
    join(stack, 'stmt.iql'),
    '--var',
    `project=${P}`,
    '--var',
    'env=dev',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(bodiesSince(since, 'POST'), [
    { labels: { env: 'dev', index: '1', managed: 'skyql' }, name: 'jn-dev-1' },
    { labels: { env: 'dev', index: '2', managed: 'skyql' }, name: 'jn-dev-2' },
  ]);
  const check = await runCli([
    'exec',
    ...api,
    '-o',
    'json',
    `SELECT name, labels FROM google.storage.buckets WHERE project = '${P}' AND name LIKE 'jn-%' ORDER BY name`,
  ]);
  assert.equal(check.code, 0, check.stderr);
  assert.deepEqual(
    JSON.parse(check.stdout).map((row: { name: string }) => row.name),
    ['jn-dev-1', 'jn-dev-2'],
  );
});

test('an inline <<<jsonnet block takes std.extVar from --var', async () => {
  const since = lastSeq();
  const r = await runCli([
    'exec',
    ...api,
    '--var',
    `project=${P}`,
    '--var',
    'prefix=orders',
    `<<<jsonnet
local prefix = std.extVar('prefix');
{ buckets: [{ name: prefix + suffix, labels: { kind: std.asciiUpper(suffix[1:]) } } for suffix in ['-in', '-out']] }
>>>
{{ range .buckets }}INSERT INTO google.storage.buckets (project, data__name, data__labels) SELECT '{{ $.project }}', '{{ .name }}', '{{ .labels }}';
{{ end }}`,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(bodiesSince(since, 'POST'), [
    { labels: { kind: 'IN' }, name: 'orders-in' },
    { labels: { kind: 'OUT' }, name: 'orders-out' },
  ]);
});

test('a Jsonnet error stops the script before anything is sent and says where', async () => {
  const since = lastSeq();
  const r = await runCli([
    'exec',
    ...api,
    `SELECT 1;
<<<jsonnet
{ name: std.extVar('missing') }
>>>
INSERT INTO google.storage.buckets (project, data__name) SELECT '${P}', '{{ .name }}';`,
  ]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /<<<jsonnet block:3:\d+ Undefined external variable: missing/);
  assert.equal(lastSeq(), since, 'nothing reached the emulator');
});

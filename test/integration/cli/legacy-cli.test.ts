import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { LEGACY_DIR, srcRegistryJson } from '../../support/legacy-registry.js';
import { SKYQL_BIN } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const appRoot = tempDir();
/** The README's way of pointing skyql at a src-shaped registry in the older layout. */
const registry = srcRegistryJson(LEGACY_DIR, appRoot);

test('exec over the older layout: a register’s resources, a split document’s columns, a missing document named', async () => {
  const run = await runCli(
    [
      'exec',
      '--registry',
      registry,
      '-o',
      'csv',
      "SHOW RESOURCES IN google.compute LIKE 'disk%'; DESCRIBE google.compute.diskTypes",
    ],
    { SKYQL_APPROOT: appRoot },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^name,id\ndiskTypes,google\.compute\.diskTypes\ndisks,google\.compute\.disks\n/);
  assert.match(run.stdout, /\nname,type\nid,string\nname,string\ndescription,string\n/);
  const missing = await runCli(['exec', '--registry', registry, 'SHOW RESOURCES IN google.accessapproval'], {
    SKYQL_APPROOT: appRoot,
  });
  assert.equal(missing.code, 1);
  assert.match(
    missing.stderr,
    /service document of google\.accessapproval not found: googleapis\.com\/v0\.1\.2\/services\/accessapproval-v1\.yaml \(.*registry-legacy\/src\/googleapis\.com\/v0\.1\.2\/services\/accessapproval-v1\.yaml\)/,
  );
});

test('skyql docs renders a register resource from its own document', async () => {
  const run = await runCli(['docs', '--registry', registry, 'google.compute.disks'], {
    SKYQL_APPROOT: appRoot,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /<CopyableCode code="google\.compute\.disks" \/>/);
  assert.match(run.stdout, /<CopyableCode code="sizeGb" \/>/);
  assert.match(run.stdout, /<CopyableCode code="resize" \/>/);
});

test('skyql emulator over the older layout serves the register’s documents', async () => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) env[k] = v;
  const child = spawn(
    process.execPath,
    [
      SKYQL_BIN,
      'emulator',
      '--registry',
      registry,
      '--approot',
      appRoot,
      '--port',
      '0',
      '--sample',
      '--no-auth',
    ],
    { env },
  );
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = /^skyql emulator listening on (http:\/\/\S+)$/.exec(line)?.[1];
    assert.ok(url, line);
    const base = `${url}/compute.googleapis.com/compute/v1/projects/skyql-demo/zones/us-central1-a`;
    const instances = (await (await fetch(`${base}/instances`)).json()) as { items: Array<{ name: string }> };
    assert.deepEqual(
      instances.items.map((i) => i.name),
      ['web-1', 'web-2'],
    );
    const disks = await fetch(`${base}/disks`);
    assert.equal(disks.status, 200, 'a route of the split disks document');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  assert.match(stderr, /google v0\.1\.2: \d+ services on 8 hosts/);
});

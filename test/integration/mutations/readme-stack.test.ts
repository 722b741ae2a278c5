/**
 * The README's "Deploy a small stack" walkthrough, run as written: `bin/skyql emulator --sample
 * --write-key`, then `bin/skyql exec` of the files in examples/stack with SKYQL_ENDPOINT and
 * SKYQL_AUTH set (on a free port instead of 8089, so test runs cannot clash).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT, SKYQL_BIN } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const dir = tempDir();
const keyPath = join(dir, 'skyql-key.json');

async function startCliEmulator(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [SKYQL_BIN, 'emulator', '--sample', '--write-key', keyPath, '--port', '0'],
    {
      env: { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, url };
}

const { child, url } = await startCliEmulator();
after(() => {
  child.kill('SIGINT');
});

const env = {
  SKYQL_ENDPOINT: `google=${url}`,
  SKYQL_AUTH: JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
};
const files = (name: string) => ['-i', `examples/stack/${name}.iql`, '--iqldata', 'examples/stack/vars.json'];

/** Runs `bin/skyql exec <args>` from the repository root, as the README does. */
function skyql(...args: string[]) {
  return runCli(['exec', ...args], env, undefined, REPO_ROOT);
}

test('README stack: dry run, deploy, check, tear down, check again', async () => {
  const dry = await skyql('--dryrun', ...files('deploy'), '-o', 'text', '-H');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^SELECT 'skyql-demo', 'us-central1-a', 'shop-vm-1',$/m);
  assert.match(dry.stdout, /@topicsId = 'shop-orders'/);
  assert.doesNotMatch(dry.stdout, /\{\{/);
  assert.equal(dry.stderr, '');

  const deploy = await skyql(...files('deploy'));
  assert.equal(deploy.code, 0, deploy.stderr);
  assert.match(deploy.stdout, /\| shop-vm-1 \| RUNNING \|/);
  assert.match(
    deploy.stderr,
    /^The operation was despatched successfully\n(.*\n){2}compute#operation: insert in progress, \d+ seconds elapsed\n/,
  );
  assert.match(deploy.stderr, /compute#operation: insert complete\n$/);

  const check = await skyql(...files('check'), '-o', 'csv');
  assert.equal(check.code, 0, check.stderr);
  assert.equal(
    check.stdout,
    [
      'name,location,storageClass,versioned',
      'shop-assets,US-CENTRAL1,STANDARD,1',
      'topic,labels',
      'shop-invoices,"{""stack"":""shop"",""env"":""dev""}"',
      'shop-orders,"{""stack"":""shop"",""env"":""dev""}"',
      'name,status,machine_type,env',
      'shop-vm-1,RUNNING,e2-small,dev',
      '',
    ].join('\n'),
  );

  const teardown = await skyql(...files('teardown'));
  assert.equal(teardown.code, 0, teardown.stderr);
  assert.match(teardown.stderr, /compute#operation: delete complete\n/);

  const empty = await skyql(...files('check'), '-o', 'csv');
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(
    empty.stdout,
    'name,location,storageClass,versioned\ntopic,labels\nname,status,machine_type,env\n',
  );
});

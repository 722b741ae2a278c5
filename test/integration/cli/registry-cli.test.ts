import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { writeTinyRegistry } from '../../support/fixture-registry.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

test('skyql registry list / list google', async () => {
  const all = await runCli(['registry', 'list', '-o', 'csv']);
  assert.equal(all.code, 0, all.stderr);
  assert.equal(all.stdout, 'provider,version\ngoogle,v25.07.00000\n');
  const one = await runCli(['registry', 'list', 'google', '-o', 'csv']);
  assert.equal(one.stdout, 'provider,versions\ngoogle,"v1.0.4, v25.07.00000"\n');
});

test('skyql registry pull installs into --approot and says so on stderr', async () => {
  const approot = tempDir();
  const r = await runCli(['registry', 'pull', 'google', 'v1.0.4', '--approot', approot]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "google provider, version 'v1.0.4' successfully installed\n");
  assert.ok(existsSync(join(approot, 'src', 'googleapis.com', 'v1.0.4', 'provider.yaml')));
});

// a small provider: the pull of a whole Google version through the CLI is the test above
test('a statement naming a provider that is not installed pulls it first', async () => {
  const root = tempDir();
  const registry = pathToFileURL(await writeTinyRegistry(root)).href;
  const r = await runCli(['exec', '-o', 'csv', 'SHOW SERVICES IN tiny', '--approot', join(root, 'approot')], {
    SKYQL_REGISTRY: registry,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'id,name,title\nthings:v0.1.0,things,Things API\n');
  assert.equal(
    r.stderr,
    `provider 'tiny' is not installed; pulling it from ${registry}\ntiny provider, version 'v0.1.0' successfully installed\n`,
  );
});

test('REGISTRY PULL of an unknown provider fails with did-you-mean', async () => {
  const r = await runCli(['exec', 'REGISTRY PULL gooogle', '--approot', tempDir()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /provider 'gooogle' is not in the registry at file:.*; did you mean google\?/);
});

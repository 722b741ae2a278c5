/**
 * `--endpoint PROVIDER=URL` for a provider other than google: a custom provider from a fixture
 * registry, queried through `skyql exec`, reaches a local server instead of its real host.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { writeTinyRegistry } from '../../support/fixture-registry.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';
import { json, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let srv: ScriptedServer;
before(async () => {
  srv = await startScriptedServer(json(200, { things: [{ name: 'first' }, { name: 'second' }] }));
});
after(() => srv.close());

test("a custom provider's calls go to its --endpoint; specs for other providers leave it alone", async () => {
  const root = tempDir();
  const registry = pathToFileURL(await writeTinyRegistry(root)).href;
  const env = { SKYQL_REGISTRY: registry, SKYQL_APPROOT: join(root, 'app') };
  const args = ['exec', '-o', 'csv', '--auth', '{"tiny": {"type": "null_auth"}}'];
  const r = await runCli(
    [
      ...args,
      '--endpoint',
      `google=http://127.0.0.1:9,tiny=${srv.base}`,
      'SELECT name FROM tiny.things.things',
    ],
    env,
  );
  assert.equal(r.stdout, 'name\nfirst\nsecond\n', r.stderr);
  assert.equal(srv.seen.at(-1)?.url, '/things.example.com/v1/things');
  const perService = await runCli([...args, '--endpoint', `tiny.things=${srv.base}`, 'SELECT 1'], env);
  assert.equal(perService.code, 2, perService.stderr);
  assert.match(perService.stderr, /per-service endpoints are known for google only/);
  assert.match(perService.stderr, /--endpoint tiny=URL/);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { writeTinyRegistry } from '../../support/fixture-registry.js';
import { startSrvProcess } from '../../support/srv-process.js';
import { tempDir } from '../../support/temp-dir.js';

/** Issue 14: `srv --readonly` refuses REGISTRY PULL, and so the pull a missing provider would need. */
test('srv --readonly: a query over a provider not installed is 25006, and nothing is pulled', async () => {
  const root = tempDir();
  const registry = await writeTinyRegistry(root);
  const srv = await startSrvProcess(['--readonly'], {
    SKYQL_REGISTRY: pathToFileURL(registry).href,
    SKYQL_APPROOT: join(root, 'approot'),
  });
  const c = new pg.Client({ host: '127.0.0.1', port: srv.port, user: 'tester', database: 'skyql' });
  await c.connect();
  after(() => c.end());
  await assert.rejects(
    c.query('SHOW SERVICES IN tiny'),
    (e: Error & { code?: string; hint?: string }) =>
      e.code === '25006' &&
      /provider 'tiny' is not installed, and this session is read-only/.test(e.message) &&
      /skyql registry pull tiny/.test(e.hint ?? ''),
  );
  await assert.rejects(c.query('REGISTRY PULL tiny'), (e: Error & { code?: string }) => e.code === '25006');
  const installed = await c.query('SHOW PROVIDERS');
  assert.deepEqual(
    installed.rows.map((r) => r.name),
    ['skyql'],
    'only the built-in provider',
  );
});

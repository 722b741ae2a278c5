import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../../../support/paths.js';

/**
 * Loading `pg` probes for Cloudflare Workers with `new Response(...)`, which on Node 20 loads
 * Node's bundled undici (~50 ms of every process with a PostgreSQL backend). pgModules hides
 * `Response` while pg loads and puts Node's lazy global back, so fetch still works afterwards.
 */
test('loading pg does not load the fetch globals, and leaves them working', () => {
  const driver = pathToFileURL(join(REPO_ROOT, 'build', 'src', 'core', 'store', 'pg', 'pg-driver.js')).href;
  const script = `
    const { pgModules } = await import(${JSON.stringify(driver)});
    const { pg } = pgModules();
    const loaded = (name) => process.moduleLoadList.some((m) => m.includes(name));
    const before = loaded('internal/deps/undici');
    const client = typeof pg.Client;
    const response = new Response('ok');
    console.log(JSON.stringify({ before, client, text: await response.text(), after: loaded('internal/deps/undici') }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { before: false, client: 'function', text: 'ok', after: true });
});

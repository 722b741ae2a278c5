import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, SKYQL_BIN } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';
import { childEnv } from './mcp-harness.js';

/** A preload that logs every module URL the process loads into LOAD_LOG. */
function loadLogger(dir: string): string {
  const hook = `import { appendFileSync } from 'node:fs'; export async function load(url, ctx, next) { appendFileSync(process.env.LOAD_LOG, url + '\\n'); return next(url, ctx); }`;
  const path = join(dir, 'log-loads.mjs');
  writeFileSync(
    path,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));\n`,
  );
  return path;
}

test('the MCP SDK is loaded only by `skyql mcp`: not by exec, nor by --help', () => {
  const chunks = join(REPO_ROOT, 'dist', 'chunks');
  const sdkChunks = readdirSync(chunks).filter((f) =>
    readFileSync(join(chunks, f), 'utf8').includes('elicitation/create'),
  );
  assert.ok(sdkChunks.length > 0, 'the SDK is in a chunk of its own');
  const dir = tempDir();
  const preload = loadLogger(dir);
  for (const args of [['exec', 'SHOW PROVIDERS'], ['--help'], ['mcp', '--help']]) {
    const log = join(dir, `${args[0]}.log`);
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--import', preload, SKYQL_BIN, ...args], {
      // the ES module bundle, whose chunks this checks; exec's code-cached bundle (dist/skyql.cjs)
      // requires the SDK only by name, which test/integration/cli/lazy-loading.test.ts checks
      env: { ...childEnv(), LOAD_LOG: log, SKYQL_CODE_CACHE: '0' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const loaded = readFileSync(log, 'utf8');
    assert.match(loaded, /dist\/skyql\.js/);
    for (const chunk of sdkChunks) assert.ok(!loaded.includes(chunk), `${args.join(' ')} loaded ${chunk}`);
  }
});

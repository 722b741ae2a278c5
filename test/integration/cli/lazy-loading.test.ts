import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';

const RECORDER = join(REPO_ROOT, 'build', 'test', 'support', 'load-recorder.js');

/** Packages a catalog statement must not load (native SQLite, the MCP SDK, HTTP, tarballs, pg, YAML). */
const HEAVY = [
  'better-sqlite3',
  '@modelcontextprotocol',
  'undici',
  'tar',
  'pg',
  'pg-copy-streams',
  'js-yaml',
];

/**
 * The packages of `HEAVY` a run of `skyql exec <sql>` loaded: required or imported by name or path,
 * or bundled into a file it loaded (esbuild marks bundled code with `// …node_modules/<pkg>/…`).
 */
async function heavyLoaded(sql: string, env: Record<string, string> = {}): Promise<string[]> {
  const log = join(tempDir(), 'loads.txt');
  const run = await runCli(['exec', sql], {
    ...env,
    NODE_OPTIONS: `--import=${RECORDER}`,
    SKYQL_LOAD_LOG: log,
  });
  assert.equal(run.code, 0, run.stderr);
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  assert.ok(
    lines.some((l) => l.includes('skyql')),
    'the recorder saw the CLI load',
  );
  const found = new Set<string>();
  for (const line of lines) {
    const what = line.slice(line.indexOf(' ') + 1);
    let text = what;
    if (what.startsWith('file:')) {
      const path = fileURLToPath(what);
      if (path.startsWith(join(REPO_ROOT, 'dist')) && existsSync(path)) text += readFileSync(path, 'utf8');
    }
    for (const pkg of HEAVY)
      if (what === pkg || what.startsWith(`${pkg}/`) || text.includes(`node_modules/${pkg}/`)) found.add(pkg);
  }
  return [...found].sort();
}

/**
 * Both ways bin/skyql runs exec: the ES module bundle, whose chunks show what they bundle, and the
 * code-cached CommonJS bundle, which holds skyql and commander in one file and requires every
 * package above (so there the requires are what the check sees).
 */
const MODES: ReadonlyArray<[string, Record<string, string>]> = [
  ['ES module bundle', { SKYQL_CODE_CACHE: '0' }],
  ['code-cached bundle', {}],
];

for (const [mode, env] of MODES) {
  test(`exec "SHOW SERVICES" loads no SQLite, MCP SDK, HTTP client, tar, pg or YAML parser (${mode})`, async () => {
    await runCli(['exec', 'SHOW SERVICES IN google'], env); // the JSON copy of provider.yaml exists from here on
    assert.deepEqual(await heavyLoaded('SHOW SERVICES IN google', env), []);
  });

  test(`exec "DESCRIBE google.compute.instances" loads none of them either (${mode})`, async () => {
    await runCli(['exec', 'DESCRIBE google.compute.instances'], env);
    assert.deepEqual(await heavyLoaded('DESCRIBE google.compute.instances', env), []);
  });
}

test('a statement that needs SQLite does load better-sqlite3 (the check sees real loads)', async () => {
  assert.ok((await heavyLoaded('SELECT 1 AS one')).includes('better-sqlite3'));
  assert.ok((await heavyLoaded('SELECT 1 AS one', { SKYQL_CODE_CACHE: '0' })).includes('better-sqlite3'));
});

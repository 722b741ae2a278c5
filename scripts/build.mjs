// Build: transpile every TypeScript file to build/ (for tests and scripts) and bundle the CLI into
// dist/ (one ESM entry plus lazily loaded chunks, so start-up reads little code). Type checking is
// separate (`npm run typecheck`), because esbuild only strips types.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { 'process.env.SKYQL_BUILD_VERSION': JSON.stringify(version) };

function tsFiles(dir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of entries) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const sources = ['src', 'test', 'bench', 'scripts'].flatMap(tsFiles);
const entryPoints = sources.map((f) => join(root, f));

// build/ is updated in place rather than wiped, so a test run in progress (or build/test-approot)
// is not pulled from under another process; outputs whose source is gone are removed.
const expected = new Set(sources.map((f) => join(root, 'build', f.replace(/\.ts$/, '.js'))));
function prune(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'test-approot') prune(p);
    } else if (p.endsWith('.js') && !expected.has(p)) rmSync(p, { force: true });
  }
}
prune(join(root, 'build'));
await build({
  entryPoints,
  outdir: join(root, 'build'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  define,
  logLevel: 'warning',
  // sqlite-driver.ts requires better-sqlite3 where `require` exists (the bundles); in build/ it does not
  logOverride: { 'unsupported-require-call': 'silent' },
});

rmSync(join(root, 'dist.tmp'), { recursive: true, force: true });
await build({
  // The runner is an entry of its own: query processes are forked from dist/sql-runner-child.js.
  entryPoints: {
    skyql: join(root, 'src/cli/main.ts'),
    'sql-runner-child': join(root, 'src/core/store/sql-runner-child.ts'),
  },
  outdir: join(root, 'dist.tmp'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // native or optional-native packages, and the PostgreSQL client (loaded only with --sqlBackend postgres);
  // better-sqlite3 is required from node_modules on first use (only the exec bundle below holds it)
  external: ['better-sqlite3', 'pg', 'pg-copy-streams', 'pg-native'],
  logOverride: { 'unsupported-require-call': 'silent' }, // sqlite-driver.ts's require, as in build/
  chunkNames: 'chunks/[name]-[hash]',
  define,
  banner: {
    js: "import { createRequire as __skyqlCreateRequire } from 'node:module'; const require = __skyqlCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// `skyql exec` as one CommonJS file (src/cli/exec-main.ts, which hands other commands to
// dist/skyql.js), which bin/skyql compiles through vm.Script with a V8 code cache: Node 20 has no
// code cache for ES modules, and module.enableCompileCache needs Node 22.1. Packages whose code
// most statements never run stay outside it, required on first use, so the bundle and its cache
// hold skyql's exec path and commander only. `dist/build-id` names the build the cache belongs to.
// (undici, for proxies only, and tar, for pulls only, are required with createRequire in the
// sources, so neither build bundles them.) better-sqlite3's JavaScript is bundled, required on first
// use (src/core/store/sqlite-driver.ts), so the code cache holds it; its addon is loaded from
// node_modules by path, never through `bindings` (which would look beside the bundle).
const LAZY_PACKAGES = [
  'bindings',
  '@modelcontextprotocol/sdk',
  'pg',
  'pg-copy-streams',
  'js-yaml',
  'zod',
  'undici',
  'tar',
];
/**
 * commander requires node:child_process when it loads, for executable subcommands, which skyql
 * has none of: ~5 ms of every start. This makes that require happen on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager))
        throw new Error(`${args.path}: its child_process require changed; update lazyChildProcess`);
      const lazy = "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};
const cjs = await build({
  entryPoints: [join(root, 'src/cli/exec-main.ts')],
  outfile: join(root, 'dist.tmp', 'skyql.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: LAZY_PACKAGES,
  plugins: [lazyChildProcess],
  // no comments, so the file is ASCII (esbuild escapes the rest) and bin/skyql can read it as latin1,
  // a third of the time of decoding UTF-8; also a smaller file
  minifyWhitespace: true,
  // short local names: 650 → 500 KB to read and copy into a string at every start (~1.5 ms), and a
  // slightly smaller code cache; properties, class and error names are untouched (SkyqlError sets
  // its name). The ES module bundle (dist/skyql.js, SKYQL_CODE_CACHE=0) keeps readable names.
  minifyIdentifiers: true,
  // each module's import.meta.url is the bundle's (bin/skyql passes it in)
  define: { ...define, 'import.meta.url': '__skyqlModuleUrl' },
  write: false,
  logLevel: 'warning',
});
const bundleText = cjs.outputFiles[0].contents;
const nonAscii = bundleText.findIndex((b) => b > 0x7f);
if (nonAscii >= 0)
  throw new Error(`dist/skyql.cjs must be ASCII (bin/skyql reads it as latin1): byte ${nonAscii}`);
// (esbuild prints code strings in double quotes; `import('…')` is JSDoc kept from undici)
const dynamicImport = /\bimport\(\s*[^'\s]/.exec(new TextDecoder().decode(bundleText));
if (dynamicImport)
  throw new Error(`dist/skyql.cjs must not import() (no loader under a code cache): ${dynamicImport[0]}`);
// Written as the function bin/skyql compiles, so the text V8 gets is the file's as read: a wrapper
// added at run time made a second 600 KB string to flatten, ~4 ms of every start.
const wrapped = Buffer.concat([
  Buffer.from('(function (exports, require, module, __filename, __dirname, __skyqlModuleUrl) {'),
  bundleText,
  Buffer.from('\n})'),
]);
writeFileSync(join(root, 'dist.tmp', 'skyql.cjs'), wrapped);
writeFileSync(
  join(root, 'dist.tmp', 'build-id'),
  createHash('sha256').update(wrapped).update(process.version).digest('hex').slice(0, 20),
);

// Swap the new bundle in with renames, so a CLI started meanwhile sees the old or the new one whole.
rmSync(join(root, 'dist.old'), { recursive: true, force: true });
try {
  renameSync(join(root, 'dist'), join(root, 'dist.old'));
} catch {}
renameSync(join(root, 'dist.tmp'), join(root, 'dist'));
rmSync(join(root, 'dist.old'), { recursive: true, force: true });

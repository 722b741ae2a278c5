// Build: transpile every TypeScript file to build/ (for tests and scripts) and bundle the CLI into
// dist/ (one ESM entry plus lazily loaded chunks, so start-up reads little code). Type checking is
// separate (`npm run typecheck`), because esbuild only strips types.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

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

rmSync(join(root, 'build'), { recursive: true, force: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });

const entryPoints = ['src', 'test', 'bench', 'scripts'].flatMap(tsFiles).map((f) => join(root, f));
await build({
  entryPoints,
  outdir: join(root, 'build'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});

await build({
  entryPoints: { skyql: join(root, 'src/cli/main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __skyqlCreateRequire } from 'node:module'; const require = __skyqlCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

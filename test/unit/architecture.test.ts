import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type ts from 'typescript';

/**
 * The import direction of ARCHITECTURE.md ("Boundaries"): a folder imports its own files and folders
 * ranked below it, never one beside or above it. Top level: base < core < front, tools < cli; inside
 * each, the ranks below (core's are the statement pipeline). A new folder needs a rank here.
 */
const TOP: Readonly<Record<string, number>> = { base: 0, core: 1, front: 2, tools: 2, cli: 3 };
const INNER: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  base: { util: 0, errors: 0, config: 1, result: 1 },
  core: { sql: 0, template: 0, catalog: 1, plan: 2, http: 2, store: 2, execute: 3, engine: 4 },
  front: { output: 0, shell: 1, pgwire: 1 },
  tools: { docs: 0, emulator: 0 },
};

// required, not imported: importing the 9 MB CommonJS file makes node scan it for its exports first
// (about as long again as loading it)
const { preProcessFile } = createRequire(import.meta.url)('typescript') as typeof ts;

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The folder a path below `src/` belongs to, as `[top, inner]` (`['core', 'http']`, `['cli', '']`). */
function area(srcPath: string): [string, string] {
  const [top, inner = ''] = srcPath.split('/');
  return [top, top in INNER ? inner : ''];
}

/** Why `from` may not import `to` (paths below `src/`), or undefined when it may. */
function violation(from: string, to: string): string | undefined {
  const [a, x] = area(from);
  const [b, y] = area(to);
  if (!(a in TOP) || !(b in TOP)) return `${a in TOP ? b : a}/ has no rank in the architecture test`;
  if (a !== b) return TOP[b] < TOP[a] ? undefined : `${a}/ may not import ${b}/`;
  if (x === y) return undefined;
  const ranks = INNER[a];
  if (ranks === undefined) return undefined;
  if (!(x in ranks) || !(y in ranks))
    return `${a}/${x in ranks ? y : x}/ has no rank in the architecture test`;
  return ranks[y] < ranks[x] ? undefined : `${a}/${x}/ may not import ${a}/${y}/`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of every `src/**\/*.ts` file that breaks the direction, one line each. */
function offendingImports(): string[] {
  const src = join(ROOT, 'src');
  const out: string[] = [];
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    for (const ref of preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue; // packages and node: built-ins
      const line = text.slice(0, ref.pos).split('\n').length;
      const where = `${relative(ROOT, file)}:${line} imports '${ref.fileName}'`;
      const target = relative(src, resolve(dirname(file), ref.fileName));
      if (target.startsWith('..')) {
        out.push(`${where}: src/ never imports anything outside src/`);
        continue;
      }
      const why = violation(relative(src, file), target);
      if (why) out.push(`${where}: ${why}`);
    }
  }
  return out;
}

test('imports run one way: base < core (sql, template < catalog < plan, http, store < execute < engine) < front, tools < cli', () => {
  assert.deepEqual(offendingImports(), []);
});

test('the rule refuses imports running back up, sideways or out of a folder with no rank', () => {
  assert.equal(violation('core/http/transport.ts', 'base/errors/skyql-error.ts'), undefined);
  assert.equal(violation('core/engine/session.ts', 'core/execute/fetch-step.ts'), undefined);
  assert.equal(violation('cli/main.ts', 'tools/emulator/index.ts'), undefined);
  assert.equal(
    violation('core/store/sqlite-store.ts', 'core/engine/session.ts'),
    'core/store/ may not import core/engine/',
  );
  assert.equal(
    violation('core/plan/bind-select.ts', 'core/http/transport.ts'),
    'core/plan/ may not import core/http/',
  );
  assert.equal(
    violation('base/util/reporter.ts', 'base/errors/skyql-error.ts'),
    'base/util/ may not import base/errors/',
  );
  assert.equal(
    violation('tools/docs/page-writer.ts', 'front/output/formatters.ts'),
    'tools/ may not import front/',
  );
  assert.equal(violation('core/catalog/catalog.ts', 'cli/main.ts'), 'core/ may not import cli/');
  assert.equal(
    violation('core/newstage/x.ts', 'core/sql/y.ts'),
    'core/newstage/ has no rank in the architecture test',
  );
});

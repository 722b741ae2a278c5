// Runs the compiled tests (build/test/**/*.test.js, from `node scripts/build.mjs`) with node's test
// runner.
//
//   node scripts/run-tests.mjs [--unit | --integration] [--full] [--check] [--isolate] [substring ...]
//
// --unit, --integration  one part only (default: both); substrings of paths pick files within it.
// --full                 the emulator's route sweep calls every route of every service instead of
//                        a seeded sample (also SKYQL_TEST_ROUTES=all).
// --check                type-check (tsc) and lint (biome) while the tests run; their output is
//                        printed after the tests' and any failure fails the run (`npm test`).
//                        tsc is skipped when its inputs are those of the last clean check.
// --isolate              every file in a process of its own (to rule out one file disturbing another).
//
// Files run in groups, one process per group (test/support/file-suites.ts): all unit files together,
// integration files per folder (a folder that takes long, in parts); a process per file spent more
// time starting and loading sources than running tests. Four groups run at a time
// (SKYQL_TEST_CONCURRENCY), the slowest first by the times of earlier runs, which
// scripts/test-times.mjs keeps in build/test-times.json. Four, on a 2-core machine: the groups
// spend much of their time waiting on the CLI processes, servers and timers of their tests, and
// with two at a time the run used about one core (scripts/compare-test-time.sh measures it).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const filters = args.filter((a) => !a.startsWith('--'));
for (const f of flags)
  if (!['--unit', '--integration', '--full', '--check', '--isolate'].includes(f)) {
    console.error(`unknown option ${f}`);
    process.exit(2);
  }
const both = !flags.has('--unit') && !flags.has('--integration');

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const pick = (part) =>
  both || flags.has(`--${part}`)
    ? find(join(root, 'build/test', part))
        .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
        .sort()
    : [];
const unit = pick('unit');
const integration = pick('integration');
if (unit.length + integration.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

/** Runs a command, its output kept for later; resolves to { code, output }. */
function runQuietly(cmd, cmdArgs) {
  const child = spawn(join(root, 'node_modules/.bin', cmd), cmdArgs, { cwd: root });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ name: cmd, code, output })));
}
/**
 * A digest of what tsc reads: the TypeScript files of tsconfig.json's `include`, the config, and
 * the installed packages (their lock files). A type check of the same inputs gives the same result.
 */
function typecheckInputs() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(join(root, dir)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const rel = join(dir, name);
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.ts'))
        hash
          .update(`${rel}\0`)
          .update(readFileSync(join(root, rel)))
          .update('\0');
    }
  };
  for (const dir of ['src', 'test', 'bench', 'scripts']) walk(dir);
  for (const file of ['tsconfig.json', 'package-lock.json', 'node_modules/.package-lock.json']) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {}
  }
  return hash.digest('hex');
}

/**
 * tsc, skipped when its inputs are those of the last clean check (build/tsc-clean.digest): even
 * with --incremental it spends seconds of CPU reloading the program to find nothing changed.
 * A fresh clone (as in CI) has no digest and always checks.
 */
async function typecheck() {
  const digestPath = join(root, 'build/tsc-clean.digest');
  const digest = typecheckInputs();
  let clean = '';
  try {
    clean = readFileSync(digestPath, 'utf8');
  } catch {}
  if (clean === digest)
    return { name: 'tsc', code: 0, output: 'inputs unchanged since the last clean type check\n' };
  const result = await runQuietly('tsc', [
    '-p',
    'tsconfig.json',
    '--incremental',
    '--tsBuildInfoFile',
    'build/tsc.tsbuildinfo',
  ]);
  if (result.code === 0) writeFileSync(digestPath, digest);
  else rmSync(digestPath, { force: true });
  return result;
}
const checks = flags.has('--check')
  ? [typecheck(), runQuietly('biome', ['check', 'src', 'test', 'scripts', 'bench'])]
  : [];

// Pull the mirrored providers once for every test process (they read, never write, this app root).
const { prepareFixtures } = await import(join(root, 'build/test/support/prepare-fixtures.js'));
await prepareFixtures();

// One entry file per group, written to a temporary folder, imports the group's files as suites.
const groups = new Map();
for (const f of [...unit, ...integration]) {
  const name = flags.has('--isolate')
    ? relative(join(root, 'build/test'), f)
    : unit.includes(f)
      ? 'unit'
      : relative(join(root, 'build/test'), dirname(f));
  groups.set(name, [...(groups.get(name) ?? []), f]);
}
// Slowest first, so that no long group starts last while the other slot idles: by the times of
// earlier runs (a file never timed counts 1 s); on a fresh clone (as in CI) the groups that spawn
// the CLI most lead, then the others by size.
const FRESH_CLONE_ORDER = [
  'integration/cli',
  'integration/mutations',
  'integration/emulator',
  'integration/docs',
];
const timesPath = join(root, 'build/test-times.json');
let times = {};
try {
  times = JSON.parse(readFileSync(timesPath, 'utf8'));
} catch {}
const recorded = Object.keys(times).length > 0;
const timeOf = (f) => times[relative(join(root, 'build'), f).replace(/\.js$/, '.ts')] ?? 1000;
function cost([name, files]) {
  if (recorded) return files.reduce((sum, f) => sum + timeOf(f), 0);
  const i = FRESH_CLONE_ORDER.indexOf(name);
  return i >= 0 ? 1e6 * (FRESH_CLONE_ORDER.length - i) : files.length;
}
// A group runs its files one after another, so a folder that takes more than its share of the run
// is split into parts (a process each) by the same times; otherwise it alone would set how long the
// run takes. The share is half of what each of the parallel slots gets, so the slots fill evenly.
const slots = Number(process.env.SKYQL_TEST_CONCURRENCY ?? 4);
if (recorded && !flags.has('--isolate')) {
  const all = [...groups.values()].flat();
  const share = Math.max(all.reduce((sum, f) => sum + timeOf(f), 0) / slots / 2, ...all.map(timeOf));
  for (const [name, files] of [...groups]) {
    const total = files.reduce((sum, f) => sum + timeOf(f), 0);
    if (total <= share) continue;
    const parts = Array.from({ length: Math.ceil(total / share) }, () => ({ files: [], time: 0 }));
    for (const f of [...files].sort((a, b) => timeOf(b) - timeOf(a))) {
      const part = parts.reduce((a, b) => (b.time < a.time ? b : a));
      part.files.push(f);
      part.time += timeOf(f);
    }
    groups.delete(name);
    for (const [i, part] of parts.entries()) groups.set(`${name}-${i + 1}`, part.files.sort());
  }
}
const entryDir = mkdtempSync(join(tmpdir(), 'skyql-test-groups-'));
const suites = pathToFileURL(join(root, 'build/test/support/file-suites.js')).href;
const entries = [...groups]
  .sort((a, b) => cost(b) - cost(a))
  .map(([name, files], i) => {
    // node --test starts files in name order: the number keeps this order
    const entry = join(entryDir, `${String(i).padStart(3, '0')}-${name.replaceAll('/', '-')}.js`);
    writeFileSync(
      entry,
      `import { runFileSuites } from '${suites}';\nrunFileSuites(${JSON.stringify(files)});\n`,
    );
    return entry;
  });
const env = { ...process.env };
// a full sweep's times would misorder the default runs, so they are not kept
if (flags.has('--full')) env.SKYQL_TEST_ROUTES = 'all';
if (env.SKYQL_TEST_ROUTES !== 'all') env.SKYQL_TEST_TIMES = timesPath;
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts/test-times.mjs')}`,
  '--test-reporter-destination=stdout',
];
const concurrency = `--test-concurrency=${slots}`;
const tests = await new Promise((resolve) =>
  spawn(process.execPath, ['--test', concurrency, ...reporters, ...entries], { stdio: 'inherit', env }).on(
    'close',
    (code) => resolve(code ?? 1),
  ),
);
rmSync(entryDir, { recursive: true, force: true });
let failed = tests !== 0;
for (const { name, code, output } of await Promise.all(checks)) {
  process.stdout.write(`\n# ${name}: exit ${code}\n${output}`);
  if (code !== 0) {
    console.error(`# ${name} failed (exit ${code})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startOrgEmulator } from '../../support/org-emulator.js';
import { runCli } from '../../support/run-cli.js';

// 16 ACTIVE projects, some with Compute disabled, some the caller may not read
const org = await startOrgEmulator({
  projects: 16,
  seed: 5,
  computeDisabled: 0.2,
  denied: 0.15,
  deleteRequested: 0,
});
const { computeDisabledProjects: disabled, deniedProjects: denied } = org.org;
const everyProject = [...org.projectIds, ...denied]; // search leaves out what the caller is denied
const api = [
  '--endpoint',
  `google=${org.emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: org.keyPath } }),
];
const sql = `SELECT name FROM google.compute.instances WHERE project IN (${everyProject.map((p) => `'${p}'`).join(', ')})`;

test('the organisation has both kinds of failing project', () => {
  assert.equal(everyProject.length, 16);
  assert.ok(disabled.length >= 2 && denied.length >= 1, JSON.stringify({ disabled, denied }));
});

test('without --execution.keepGoing the first failing call fails the statement, naming it', async () => {
  const r = await runCli(['exec', '-o', 'json', ...api, sql]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /HTTP 403 PERMISSION_DENIED: .* \(in the call with project=[a-z0-9-]+\)/);
});

/** `exec -o json --execution.keepGoing`, run once for the two tests that read it. */
let keepGoing: ReturnType<typeof runCli> | undefined;
const runKeepGoing = () =>
  (keepGoing ??= runCli(['exec', '-o', 'json', '--execution.keepGoing', ...api, sql]));

test('--execution.keepGoing: every reachable row, one summary by class, exit status 1', async () => {
  const r = await runKeepGoing();
  assert.equal(r.code, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, org.org.reachable.instances, 'exact row count');
  const failed = disabled.length + denied.length;
  assert.match(r.stderr, new RegExp(`^${failed} calls failed and left their rows out:$`, 'm'));
  // branches are named in the order of the IN list
  const firstDisabled = everyProject.find((p) => disabled.includes(p));
  assert.match(
    r.stderr,
    new RegExp(`^  API not enabled \\(disabled\\): ${disabled.length} — project=${firstDisabled}`, 'm'),
  );
  assert.match(r.stderr, new RegExp(`^  permission denied \\(denied\\): ${denied.length} — project=`, 'm'));
  assert.doesNotMatch(r.stderr, /warning:/, 'one summary instead of a warning per call');
});

test('--execution.skip disabled,denied accepts those classes (exit 0); --errors-out has one JSON line per call', async () => {
  const out = join(org.dir, 'errors.jsonl');
  const r = await runCli([
    'exec',
    '-o',
    'json',
    '--execution.skip',
    'disabled,denied',
    '--errors-out',
    out,
    ...api,
    sql,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, org.org.reachable.instances);
  assert.match(r.stderr, /API not enabled \(disabled, skipped as allowed\)/);
  const lines = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, disabled.length + denied.length);
  const byProject = new Map(lines.map((l) => [l.params.project, l]));
  for (const p of disabled) {
    const l = byProject.get(p);
    assert.equal(l?.class, 'disabled');
    assert.equal(l?.status, 403);
    assert.equal(l?.resource, 'google.compute.instances');
    assert.match(l?.message, /Compute Engine API has not been used in project/);
  }
  for (const p of denied) assert.equal(byProject.get(p)?.class, 'denied');

  // allowing only one of the two classes still fails the run
  const partly = await runCli(['exec', '-o', 'json', '--execution.skip', 'disabled', ...api, sql]);
  assert.equal(partly.code, 1);
  const bad = await runCli(['exec', '--execution.skip', 'broken', ...api, sql]);
  assert.equal(bad.code, 2, 'a usage error');
  assert.match(bad.stderr, /--execution\.skip: unknown class 'broken'/);
});

test('--progress always: calls done/total, rows, rate, throttled and ETA on stderr even without a terminal', async () => {
  const r = await runCli([
    'exec',
    '-o',
    'json',
    '--progress',
    'always',
    '--execution.keepGoing',
    ...api,
    sql,
  ]);
  // a self-overwriting line: carriage return and erase-line before each update
  assert.ok(r.stderr.includes('\r\u001b[Kgoogle.compute.instances: '));
  assert.match(
    r.stderr,
    /google\.compute\.instances: \d+ rows, [\d.]+ calls\/s, \d+ throttled(, ETA \d+ s)?; calls \d+% \(\d+ of 16\)/,
  );
  // by default (auto) a pipe gets none
  const quiet = await runKeepGoing();
  assert.doesNotMatch(quiet.stderr, /calls\/s/);
  const never = await runCli(['exec', '--progress', 'sometimes', ...api, sql]);
  assert.match(never.stderr, /--progress must be auto or always or never, got 'sometimes'/);
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { KEY, startPty } from '../../support/pty-process.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const skip = !hasScript && 'script(1) from util-linux is not installed';
const { emu, keyPath, dir } = await startSampleEmulator();
const env = {
  SKYQL_ENDPOINT: `google=${emu.url}`,
  SKYQL_AUTH: JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
  SKYQL_HISTORY_FILE: join(dir, 'history'),
};

test('tab completes keywords, providers, services, resources and columns in context', { skip }, async () => {
  const sh = startPty(['shell'], env);
  await sh.waitFor(/skyql> $/);
  let mark = sh.screen().length;
  sh.type(`sel${KEY.tab}`);
  await sh.waitFor(/select$/, mark);
  sh.type(` * from goo${KEY.tab}`);
  await sh.waitFor(/from google\.$/, mark);
  sh.type(`stor${KEY.tab}`);
  await sh.waitFor(/google\.storage$/, mark);
  sh.type(KEY.tab); // the second tab in a row lists the choices
  await sh.waitFor(/google\.storage\.\s+google\.storagetransfer\./, mark);
  sh.type(`.bucke${KEY.tab}`);
  await sh.waitFor(/google\.storage\.bucket$/, mark); // common prefix of bucket_access_controls, buckets…
  sh.type(`s b where b.storageCl${KEY.tab}`);
  await sh.waitFor(/b\.storageClass$/, mark);
  sh.type(` is null and project = '${SAMPLE.project}';${KEY.enter}`);
  await sh.waitFor(/\(0 rows\)|skyql> $/, mark);
  mark = sh.screen().length;
  sh.type(KEY.ctrlD);
  assert.equal(await sh.exited, 0);
});

test('completion is right from the first key press: typed-ahead Tabs, SHOW … IN names, continued lines', {
  skip,
}, async () => {
  const sh = startPty(['shell'], env);
  await sh.waitFor(/skyql> $/);
  let mark = sh.screen().length;
  // keys typed while the shell is busy arrive in one chunk: the first Tab still completes
  sh.type(`google.comp${KEY.tab}${KEY.tab}`);
  await sh.waitFor(/google\.composer\.\s+google\.compute\.\s+skyql> google\.comp$/, mark);
  assert.doesNotMatch(sh.screen().slice(mark), /^SELECT$/m, 'no keyword list');
  sh.type(KEY.ctrlC);
  await sh.waitFor(/\^C\nskyql> $/, mark);
  mark = sh.screen().length;
  sh.type(`SHOW RESOURCES IN google.heal${KEY.tab}`);
  await sh.waitFor(/IN google\.healthcare$/, mark);
  sh.type(`;${KEY.enter}`);
  await sh.waitFor(/\| dicom_stores +\|/, mark);
  mark = sh.screen().length;
  sh.type(`SELECT * FROM${KEY.enter}`);
  await sh.waitFor(/ {3}-> $/, mark);
  sh.type(`google.heal${KEY.tab}`);
  await sh.waitFor(/ {3}-> google\.healthcare\.$/, mark);
  sh.type(KEY.ctrlC);
  await sh.waitFor(/\^C\nskyql> $/, mark);
  sh.type(KEY.ctrlD);
  assert.equal(await sh.exited, 0);
});

test('multi-line statements, .output switching, history saved across sessions', { skip }, async () => {
  const sh = startPty(['shell'], env);
  await sh.waitFor(/skyql> $/);
  const mark = sh.screen().length;
  sh.type(`SELECT 'a;b' AS s,${KEY.enter}`);
  await sh.waitFor(/ {3}-> $/, mark);
  sh.type(`  2 AS n${KEY.enter}`);
  await sh.waitFor(/ {3}-> $/, mark + 5);
  sh.type(`;${KEY.enter}`);
  await sh.waitFor(/\| a;b \| 2 \|/, mark);
  sh.type(`.output json${KEY.enter}`);
  await sh.waitFor(/output format: json/, mark);
  sh.type(`SELECT 7 AS seven;${KEY.enter}`);
  await sh.waitFor(/\[\{"seven":7\}\]/, mark);
  sh.type(KEY.ctrlD);
  assert.equal(await sh.exited, 0);
  const history = readFileSync(env.SKYQL_HISTORY_FILE, 'utf8');
  assert.match(history, /SELECT 7 AS seven;/);
  const again = startPty(['shell'], env);
  await again.waitFor(/skyql> $/);
  const m2 = again.screen().length;
  again.type(KEY.up);
  await again.waitFor(/SELECT 7 AS seven;$/, m2);
  again.type(`${KEY.enter}`);
  await again.waitFor(/\| +7 \|/, m2);
  again.type(KEY.ctrlD);
  assert.equal(await again.exited, 0);
});

test('Ctrl-C cancels a slow statement (its HTTP request) and keeps the shell', { skip }, async () => {
  // never waited out: waitFor's timeout catches a Ctrl-C that does not cancel the request
  emu.faults.add({ id: 'slow-buckets', match: '/storage/v1/b', latencyMs: 600_000 });
  try {
    const sh = startPty(['shell'], env);
    await sh.waitFor(/skyql> $/);
    const mark = sh.screen().length;
    sh.type(`SELECT count(*) FROM google.storage.buckets WHERE project = '${SAMPLE.project}';${KEY.enter}`);
    await new Promise((r) => setTimeout(r, 800));
    sh.type(KEY.ctrlC);
    await sh.waitFor(/cancelled/, mark);
    await sh.waitFor(/skyql> $/, mark);
    sh.type(`SELECT 42 AS answer;${KEY.enter}`);
    await sh.waitFor(/\| +42 +\|/, mark);
    sh.type(`half a statement${KEY.ctrlC}`);
    await sh.waitFor(/\^C\nskyql> $/, mark);
    sh.type(KEY.ctrlD);
    assert.equal(await sh.exited, 0);
  } finally {
    emu.faults.clear();
  }
});

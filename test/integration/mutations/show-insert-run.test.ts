/**
 * What SHOW INSERT prints is meant to be filled in and run: the `<< name >>` placeholders of the
 * `<<<jsonnet` block get values, and the INSERT ... SELECT below it reads them as `.values.<name>`.
 * These tests fill StackQL's skeleton (and skyql's JSON variant) and run them against the emulator.
 *
 * The block is Jsonnet (unquoted keys); until skyql evaluates Jsonnet everywhere, the filled block is
 * turned into the equivalent JSON (keys quoted) so the test does not depend on it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultSet } from '../../../src/base/result/result-set.js';
import type { Session } from '../../../src/core/engine/session.js';
import { prepareScript } from '../../../src/core/template/prepare-script.js';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { body, lines, mutationSession, objects, requestsDuring, run } from './mutation-kit.js';

const { emu, keyPath } = await startSampleEmulator();
const P = SAMPLE.project;
const L = SAMPLE.location;

async function showInsert(session: Session, sql: string): Promise<string> {
  const result = (await run(session, sql)) as ResultSet;
  return String(result.rows[0][0]);
}

/**
 * The skeleton with each `<< name >>` replaced by `values[name]` (every placeholder must have one),
 * its block wrapped as `{"values": ...}` (the template reads `.values.<name>`) and written as JSON.
 */
function fill(skeleton: string, values: Record<string, unknown>): string {
  const m = /^<<<jsonnet\n([\s\S]*?)\n>>>\n([\s\S]*)$/.exec(skeleton);
  assert.ok(m, skeleton);
  const filled = m[1].replace(/<< ([^>]+) >>/g, (_all, name: string) => {
    assert.ok(Object.hasOwn(values, name), `no value for placeholder ${name}`);
    return JSON.stringify(values[name]);
  });
  const json = filled.replace(/^(\s*)([A-Za-z_$][\w$.]*):/gm, '$1"$2":');
  return `<<<json\n{"values": ${json}}\n>>>\n${m[2]}`;
}

test('the SHOW INSERT skeleton, filled in, creates the resource', async () => {
  const { session } = mutationSession(emu, keyPath);
  const skeleton = await showInsert(session, 'SHOW INSERT INTO google.healthcare.datasets');
  const name = `projects/${P}/locations/${L}/datasets/skel-ds`;
  const key = `projects/${P}/locations/${L}/keyRings/r/cryptoKeys/k`;
  const script = fill(skeleton, {
    projectsId: P,
    locationsId: L,
    kmsKeyName: key,
    data__name: name,
    data__timeZone: 'UTC',
  });
  const { text } = await prepareScript(script);
  const sent = await requestsDuring(emu, async () => {
    for await (const o of session.run(text)) assert.ok(o.ok, o.ok ? '' : o.error.message);
  });
  assert.deepEqual(lines(sent), [`POST /v1/projects/${P}/locations/${L}/datasets`]);
  assert.deepEqual(body(sent[0]), { encryptionSpec: { kmsKeyName: key }, name, timeZone: 'UTC' });
  const back = await run(
    session,
    `SELECT name, timeZone FROM google.healthcare.datasets WHERE projectsId = '${P}' AND locationsId = '${L}' AND datasetsId = 'skel-ds'`,
  );
  assert.deepEqual(objects(back), [{ name, timeZone: 'UTC' }]);
});

test('the JSON variant runs once its empty values are filled', async () => {
  const { session } = mutationSession(emu, keyPath);
  const template = await showInsert(
    session,
    'SHOW EXTENDED INSERT /*+ REQUIRED, JSON */ INTO google.healthcare.datasets',
  );
  const filled = template
    .replace('"projectsId": ""', `"projectsId": "${P}"`)
    .replace('"locationsId": ""', `"locationsId": "${L}"`);
  const { text } = await prepareScript(filled);
  const sent = await requestsDuring(emu, async () => {
    for await (const o of session.run(text)) assert.ok(o.ok, o.ok ? '' : o.error.message);
  });
  assert.deepEqual(lines(sent), [`POST /v1/projects/${P}/locations/${L}/datasets`]);
});

test('the JSON variant with only the required values filled runs, and a filled list stays a list', async () => {
  const { session } = mutationSession(emu, keyPath);
  const template = await showInsert(session, 'SHOW EXTENDED INSERT /*+ JSON */ INTO google.storage.buckets');
  const filled = template
    .replace('"project": ""', `"project": "${P}"`)
    .replace('"data__name": ""', '"data__name": "json-variant-b"')
    .replace('"data__cors": []', '"data__cors": [{ "method": ["GET"], "origin": ["*"] }]');
  const { text } = await prepareScript(filled);
  const sent = await requestsDuring(emu, async () => {
    for await (const o of session.run(text)) assert.ok(o.ok, o.ok ? '' : o.error.message);
  });
  assert.deepEqual(lines(sent), [`POST /storage/v1/b?project=${P}`]);
  const sentBody = body(sent[0]) as Record<string, unknown>;
  assert.equal(sentBody.name, 'json-variant-b');
  assert.deepEqual(sentBody.acl, []);
  assert.deepEqual(sentBody.cors, [{ method: ['GET'], origin: ['*'] }]);
});

test('a list or object field whose text is not valid JSON is an error before anything is sent', async () => {
  const { session } = mutationSession(emu, keyPath);
  const sent = await requestsDuring(emu, async () => {
    for await (const o of session.run(
      `INSERT INTO google.storage.buckets(project, data__name, data__cors) SELECT '${P}', 'bad-json-b', '[{"method": "["GET"]"}]'`,
    )) {
      assert.ok(!o.ok);
      assert.equal(o.error.code, 'BAD_PARAMETER');
      assert.match(o.error.message, /data__cors is not valid JSON/);
    }
  });
  assert.deepEqual(lines(sent), []);
});

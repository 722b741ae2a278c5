import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertJsonTemplate } from '../../../../src/core/engine/statements/insert-json-template.js';
import { insertMethod } from '../../../../src/core/engine/statements/show-insert.js';
import { renderTemplate } from '../../../../src/core/template/template-render.js';
import { catalog } from '../http/fixture-methods.js';

async function template(service: string, name: string, required: boolean, extended = false) {
  const svc = await catalog().service('google', service);
  const r = svc.resource(name);
  return insertJsonTemplate(r, insertMethod(r), r.doc, required, extended);
}

test('JSON variant, REQUIRED: required parameters only, quoted placeholders (StackQL layout)', async () => {
  assert.equal(
    await template('compute', 'instances', true),
    "INSERT INTO google.compute.instances(\n  project,\n  zone\n)\nSELECT\n  '{{ .values.project }}',\n  '{{ .values.zone }}'\n;",
  );
});

test('JSON variant, all body fields: numbers and booleans bare, objects as JSON templates, maps as one value', async () => {
  const t = await template('storage', 'buckets', false);
  assert.match(t, /^INSERT INTO google\.storage\.buckets\(\n {2}project,\n {2}data__acl,/);
  assert.match(t, /\n {2}'\{\{ \.values\.data__name \}\}',\n/);
  assert.match(t, /\n {3}\{\{ \.values\.data__defaultEventBasedHold \}\},\n/);
  assert.match(t, /\n {2}'\{ "enabled": \{\{ \.values\.data__versioning\.enabled \}\} \}',\n/);
  assert.match(t, /\n {2}'\{\{ \.values\.data__labels \}\}',\n/);
  assert.match(t, /\n {2}'\{\{ \.values\.data__acl \}\}',\n/);
});

test('the JSON variant renders with skyql templating once values are given', async () => {
  const t = await template('compute', 'instances', true);
  assert.equal(
    renderTemplate(t, { values: { project: 'p', zone: 'z' } }),
    "INSERT INTO google.compute.instances(\n  project,\n  zone\n)\nSELECT\n  'p',\n  'z'\n;",
  );
});

test('JSON variant: EXTENDED adds a <<<json block with a skeleton of the values', async () => {
  const t = await template('healthcare', 'datasets', false, true);
  const block = /^<<<json\n([\s\S]*)\n>>>\nINSERT INTO google\.healthcare\.datasets\(/.exec(t);
  assert.ok(block, t);
  assert.deepEqual(JSON.parse(block[1]), {
    values: {
      projectsId: '',
      locationsId: '',
      data__encryptionSpec: { kmsKeyName: '' },
      data__name: '',
      data__timeZone: '',
    },
  });
});

/** The data block and the values it renders the SELECT with: the block must hold all it reads. */
async function renderOwnSkeleton(service: string, name: string): Promise<string> {
  const t = await template(service, name, false, true);
  const m = /^<<<json\n([\s\S]*)\n>>>\n([\s\S]*)$/.exec(t);
  assert.ok(m, t);
  return renderTemplate(m[2], JSON.parse(m[1]));
}

test('JSON variant: the SELECT reads only what the data block holds; lists are rendered whole', async () => {
  for (const [service, name] of [
    ['storage', 'buckets'],
    ['compute', 'instances'],
    ['healthcare', 'datasets'],
  ] as const) {
    const sql = await renderOwnSkeleton(service, name);
    assert.doesNotMatch(sql, /\[0\]/, `${service}.${name}`);
    // Every object or list value in the SELECT is valid JSON once rendered.
    for (const [, v] of sql.matchAll(/^ {2}'([[{][\s\S]*?)',?$/gm)) JSON.parse(v);
  }
  const t = await template('storage', 'buckets', false, true);
  assert.match(t, /\n {2}'\{\{ \.values\.data__cors \}\}',\n/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { fanOut, planMutation } from '../../../../src/core/plan/plan-mutation.js';
import { resource } from '../http/fixture-methods.js';

test('fanOut: every combination of the IN lists', () => {
  const calls = fanOut([
    ['zone', ['a', 'b']],
    ['instance', ['x', 'y', 'z']],
  ]);
  assert.equal(calls.length, 6);
  assert.deepEqual(Object.fromEntries(calls[5]), { zone: 'b', instance: 'z' });
});

test('INSERT chooses the method by the columns given, as SELECT does', async () => {
  const r = await resource('compute', 'instances');
  const plan = planMutation(r, 'insert', [
    new Map<string, unknown>([
      ['project', 'p'],
      ['zone', 'z'],
      ['data__name', 'vm'],
    ]),
  ]);
  assert.equal(plan.method.name, 'insert');
  assert.equal(plan.method.httpMethod.toUpperCase(), 'POST');
});

test('a column that is not a parameter of the chosen method fails before anything is sent', async () => {
  const r = await resource('storage', 'buckets');
  assert.throws(
    () =>
      planMutation(r, 'insert', [
        new Map<string, unknown>([
          ['project', 'p'],
          ['data__nme', 'b'],
        ]),
      ]),
    (err) =>
      isSkyqlError(err, 'BAD_PARAMETER') &&
      err.message === 'data__nme is not a parameter of google.storage.buckets.insert' &&
      /did you mean data__name/.test(err.hint ?? ''),
  );
});

test('missing required parameters: StackQL wording plus what each candidate lacks', async () => {
  const r = await resource('storage', 'buckets');
  assert.throws(
    () => planMutation(r, 'delete', [new Map()]),
    (err) =>
      isSkyqlError(err, 'NO_MATCHING_METHOD') &&
      err.message.includes("no appropriate method = 'delete' for resource = 'buckets' (delete needs bucket)"),
  );
});

test('UPDATE fills a query updateMask from the SET body fields', async () => {
  const r = await resource('healthcare', 'datasets');
  const plan = planMutation(
    r,
    'update',
    [
      new Map<string, unknown>([
        ['data__timeZone', 'UTC'],
        ['data__encryptionSpec', '{}'],
        ['projectsId', 'p'],
        ['locationsId', 'l'],
        ['datasetsId', 'd'],
      ]),
    ],
    ['data__timeZone', 'data__encryptionSpec'],
  );
  assert.equal(plan.method.name, 'patch');
  assert.equal(plan.calls[0].get('updateMask'), 'timeZone,encryptionSpec');
});

test('a given updateMask is kept', async () => {
  const r = await resource('healthcare', 'datasets');
  const values = new Map<string, unknown>([
    ['data__timeZone', 'UTC'],
    ['updateMask', 'labels'],
    ['projectsId', 'p'],
    ['locationsId', 'l'],
    ['datasetsId', 'd'],
  ]);
  const plan = planMutation(r, 'update', [values], ['data__timeZone', 'updateMask']);
  assert.equal(plan.calls[0].get('updateMask'), 'labels');
});

test('Pub/Sub: the mask is a body field and names the fields of the wrapped topic', async () => {
  const r = await resource('pubsub', 'topics');
  const plan = planMutation(
    r,
    'update',
    [
      new Map<string, unknown>([
        ['data__topic', '{"labels": {"a": "b"}, "messageRetentionDuration": "600s"}'],
        ['projectsId', 'p'],
        ['topicsId', 't'],
      ]),
    ],
    ['data__topic'],
  );
  assert.equal(plan.calls[0].get('data__updateMask'), 'labels,messageRetentionDuration');
});

test('1/0 become booleans for boolean parameters (SQLite has no booleans)', async () => {
  const r = await resource('compute', 'networks');
  const plan = planMutation(r, 'insert', [
    new Map<string, unknown>([
      ['project', 'p'],
      ['data__name', 'n'],
      ['data__autoCreateSubnetworks', 0],
    ]),
  ]);
  assert.equal(plan.calls[0].get('data__autoCreateSubnetworks'), false);
});

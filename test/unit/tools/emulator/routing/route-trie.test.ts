import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePathTemplate, splitRequestPath } from '../../../../../src/core/catalog/path-template.js';
import { RouteTrie } from '../../../../../src/tools/emulator/routing/route-trie.js';

function trie(...templates: [string, string][]) {
  const t = new RouteTrie<{ segments: ReturnType<typeof parsePathTemplate>; id: string }>();
  for (const [method, tpl] of templates)
    t.insert(method, { segments: parsePathTemplate(tpl), id: `${method} ${tpl}` });
  return t;
}

test('the trie prefers literals, then verb patterns, then variables, and backtracks', () => {
  const t = trie(
    ['GET', '/v1/projects/{p}/topics/{t}'],
    ['POST', '/v1/projects/{p}/topics/{t}:publish'],
    ['GET', '/v1/projects/{p}/topics/{t}:getIamPolicy'],
    ['GET', '/v1/projects/{p}/topics'],
    ['GET', '/v1/projects/{p}/snapshots/{s}'],
    ['GET', '/v1/projects/special/topics'],
    ['GET', '/b/{bucket}/o/{object}'],
  );
  const m = (method: string, path: string) => {
    const r = t.match(method, splitRequestPath(path));
    return r.route ? { id: r.route.id, vars: r.vars } : { exists: r.pathExists };
  };
  assert.deepEqual(m('GET', '/v1/projects/p1/topics/t1'), {
    id: 'GET /v1/projects/{p}/topics/{t}',
    vars: { p: 'p1', t: 't1' },
  });
  assert.deepEqual(m('POST', '/v1/projects/p1/topics/t1:publish'), {
    id: 'POST /v1/projects/{p}/topics/{t}:publish',
    vars: { p: 'p1', t: 't1' },
  });
  assert.deepEqual(m('GET', '/v1/projects/p1/topics/t1:getIamPolicy'), {
    id: 'GET /v1/projects/{p}/topics/{t}:getIamPolicy',
    vars: { p: 'p1', t: 't1' },
  });
  assert.deepEqual(m('GET', '/v1/projects/p1/topics/t1%3Ax'), {
    id: 'GET /v1/projects/{p}/topics/{t}',
    vars: { p: 'p1', t: 't1:x' },
  });
  assert.deepEqual(m('GET', '/v1/projects/special/topics'), {
    id: 'GET /v1/projects/special/topics',
    vars: {},
  });
  assert.deepEqual(
    m('GET', '/v1/projects/special/snapshots/s'),
    { id: 'GET /v1/projects/{p}/snapshots/{s}', vars: { p: 'special', s: 's' } },
    'backtracks from a literal branch',
  );
  assert.deepEqual(m('GET', '/b/bk/o/dir%2Ffile.txt'), {
    id: 'GET /b/{bucket}/o/{object}',
    vars: { bucket: 'bk', object: 'dir/file.txt' },
  });
  assert.deepEqual(m('DELETE', '/v1/projects/p1/topics/t1'), { exists: true });
  assert.deepEqual(m('GET', '/v1/projects/p1/nothing'), { exists: false });
  assert.deepEqual(
    m('GET', '/v1/projects//topics'),
    { exists: false },
    'empty segments never bind variables',
  );
});

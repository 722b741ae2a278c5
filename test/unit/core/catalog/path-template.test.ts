import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  expandPathTemplate,
  matchPathTemplate,
  parsePathTemplate,
  splitRequestPath,
  templateVars,
} from '../../../../src/core/catalog/path-template.js';

/** Expands with `values`, then matches the expanded path against the same template. */
function roundTrip(template: string, values: Record<string, string>) {
  const path = expandPathTemplate(template, (v) => values[v.name]);
  return { path, vars: matchPathTemplate(parsePathTemplate(template), splitRequestPath(path)) };
}

test('segments: literals, whole-segment variables and `{x}:verb` patterns', () => {
  assert.deepEqual(parsePathTemplate('/v1/projects/{projectsId}/topics/{topicsId}:publish'), [
    { kind: 'literal', text: 'v1' },
    { kind: 'literal', text: 'projects' },
    { kind: 'var', token: 'projectsId', name: 'projectsId', multi: false },
    { kind: 'literal', text: 'topics' },
    {
      kind: 'pattern',
      token: 'topicsId',
      name: 'topicsId',
      multi: false,
      prefix: '',
      suffix: ':publish',
      source: '{}:publish',
    },
  ]);
  assert.deepEqual(parsePathTemplate('/v1/a:batchGet'), [
    { kind: 'literal', text: 'v1' },
    { kind: 'literal', text: 'a:batchGet' },
  ]);
});

test('variables: `{+name}` and `{name=**}` span segments, `{name=*}` does not', () => {
  assert.deepEqual(
    templateVars('/v1/{+parent}/x/{name=**}/{id=*}/{plain}').map((v) => [v.token, v.name, v.multi]),
    [
      ['+parent', 'parent', true],
      ['name=**', 'name', true],
      ['id=*', 'id', false],
      ['plain', 'plain', false],
    ],
  );
});

test('expand, then match: the same values come back', () => {
  // compute: a `/verb` literal after the variables
  assert.deepEqual(
    roundTrip('/compute/v1/projects/{project}/zones/{zone}/instances/{instance}/start', {
      project: 'my project',
      zone: 'us-east1-b',
      instance: 'a?b#c',
    }),
    {
      path: '/compute/v1/projects/my%20project/zones/us-east1-b/instances/a%3Fb%23c/start',
      vars: { project: 'my project', zone: 'us-east1-b', instance: 'a?b#c' },
    },
  );
  // AIP: a `:verb` after the last variable
  assert.deepEqual(
    roundTrip('/v1/projects/{projectsId}/topics/{topicsId}:publish', { projectsId: 'p', topicsId: 't 1' }),
    {
      path: '/v1/projects/p/topics/t%201:publish',
      vars: { projectsId: 'p', topicsId: 't 1' },
    },
  );
  // resource names across segments
  assert.deepEqual(roundTrip('/v1/{name=**}:getIamPolicy', { name: 'projects/p/topics/t' }), {
    path: '/v1/projects/p/topics/t:getIamPolicy',
    vars: { name: 'projects/p/topics/t' },
  });
  assert.deepEqual(
    roundTrip('/bigquery/v2/projects/{projectId}/datasets/{+datasetId}/tables', {
      projectId: 'p',
      datasetId: 'a/b',
    }),
    {
      path: '/bigquery/v2/projects/p/datasets/a/b/tables',
      vars: { projectId: 'p', datasetId: 'a/b' },
    },
  );
});

test('match: a multi-segment variable takes as few segments as let the rest fit', () => {
  const t = parsePathTemplate('/v1/{+parent}/topics/{topic}');
  assert.deepEqual(matchPathTemplate(t, splitRequestPath('/v1/projects/p/topics/t')), {
    parent: 'projects/p',
    topic: 't',
  });
  assert.deepEqual(matchPathTemplate(t, splitRequestPath('/v1/a/topics/b/topics/c')), {
    parent: 'a/topics/b',
    topic: 'c',
  });
  assert.equal(matchPathTemplate(t, splitRequestPath('/v1/topics/t')), undefined);
  assert.equal(matchPathTemplate(t, splitRequestPath('/v1/projects//topics/t')), undefined);
  assert.equal(matchPathTemplate(parsePathTemplate('/v1/{a}:verb'), ['v1', 'x:other']), undefined);
});

test('expand: a value filling a segment keeps its slashes; part of a segment or an object name does not', () => {
  // cloudasset: /v1/{scope}/effectiveIamPolicies with scope = organizations/123 (middle segment)
  assert.equal(
    expandPathTemplate('/v1/{scope}/effectiveIamPolicies:batchGet', () => 'organizations/123'),
    '/v1/organizations/123/effectiveIamPolicies:batchGet',
  );
  assert.equal(
    expandPathTemplate('/v1/{name}', () => 'projects/p/locations/l'),
    '/v1/projects/p/locations/l',
  );
  assert.equal(
    expandPathTemplate('/v1/{resource}:getIamPolicy', () => 'projects/p/topics/t 1'),
    '/v1/projects/p/topics/t%201:getIamPolicy',
  );
  assert.equal(
    expandPathTemplate('/v1/files/x-{id}', () => 'a/b'),
    '/v1/files/x-a%2Fb',
  );
  assert.equal(
    expandPathTemplate('/b/{bucket}/o/{object}', (v) => (v.name === 'object' ? 'd/f' : 'b')),
    '/b/b/o/d%2Ff',
  );
  // a variable left without a value stays as written
  assert.equal(
    expandPathTemplate('/v1/{a}/{b}', (v) => (v.name === 'a' ? 'x' : undefined)),
    '/v1/x/{b}',
  );
});

test('expand: no walking up the path, and ids already escaped are not escaped twice', () => {
  assert.equal(
    expandPathTemplate('/v1/{name}/x', () => '../..'),
    '/v1/%2E%2E/%2E%2E/x',
  );
  assert.equal(
    expandPathTemplate('/v1/{id}/x', () => '..'),
    '/v1/%2E%2E/x',
  );
  assert.equal(
    expandPathTemplate(
      '/v1/{name}',
      () => 'projects/p/locations/l/repositories/r/packages/golang.org%2Fx%2Fnet',
    ),
    '/v1/projects/p/locations/l/repositories/r/packages/golang.org%2Fx%2Fnet',
  );
});

test('request paths split into decoded segments; bad escapes stay as they are', () => {
  assert.deepEqual(splitRequestPath('/v1/a%2Fb/c%ZZ/'), ['v1', 'a/b', 'c%ZZ', '']);
});

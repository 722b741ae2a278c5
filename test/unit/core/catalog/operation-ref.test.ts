import assert from 'node:assert/strict';
import { test } from 'node:test';
import { operationLocation, operationRefText } from '../../../../src/core/catalog/openapi/operation-ref.js';
import { splitResourceFqn } from '../../../../src/core/catalog/resource-info.js';

test('a local pointer: path unescaped (~1 is /, ~0 is ~), verb upper-cased, no file', () => {
  assert.deepEqual(
    operationLocation({ operation: { $ref: '#/paths/~1v1~1projects~1{projectsId}~1a~0b/get' } }),
    {
      file: undefined,
      pathPointer: '#/paths/~1v1~1projects~1{projectsId}~1a~0b',
      path: '/v1/projects/{projectsId}/a~b',
      httpMethod: 'GET',
    },
  );
});

test('a file and a pointer: the file is kept apart, the pointer is local', () => {
  const ref =
    'googleapis.com/v0.1.2/services-split/compute/compute-v1.yaml#/paths/~1projects~1{project}~1zones~1{zone}~1acceleratorTypes/get';
  assert.deepEqual(operationLocation({ operation: { $ref: ref } }), {
    file: 'googleapis.com/v0.1.2/services-split/compute/compute-v1.yaml',
    pathPointer: '#/paths/~1projects~1{project}~1zones~1{zone}~1acceleratorTypes',
    path: '/projects/{project}/zones/{zone}/acceleratorTypes',
    httpMethod: 'GET',
  });
  // YAML's folded `>-` style leaves no newline, but surrounding blanks are tolerated
  assert.equal(operationLocation({ operation: { $ref: ` ${ref}\n` } })?.httpMethod, 'GET');
  assert.equal(operationLocation({ operation: { $ref: 'x.yaml#/paths/~1a/POST' } })?.httpMethod, 'POST');
});

test('the deprecated path + operation pair becomes the same location', () => {
  const where = operationLocation({
    path: { $ref: '/v1/projects/{project}/x~y' },
    operation: { $ref: 'delete' },
  });
  assert.deepEqual(where, {
    file: undefined,
    pathPointer: '#/paths/~1v1~1projects~1{project}~1x~0y',
    path: '/v1/projects/{project}/x~y',
    httpMethod: 'DELETE',
  });
  assert.equal(
    operationRefText({ path: { $ref: '/v1/x' }, operation: { $ref: 'get' } }),
    '/v1/x get',
    'errors show the pair as written',
  );
});

test('refs that do not name paths/<path>/<verb> are not operations', () => {
  for (const entry of [
    {},
    { operation: { $ref: 'get' } },
    { operation: { $ref: '#/paths/~1v1~1x' } },
    { operation: { $ref: '#/paths/~1v1~1x/fetch' } },
    { operation: { $ref: '#/components/schemas/X/get' } },
    { operation: { $ref: '#/paths//get' } },
    { operation: { $ref: '#/paths/~1v1/x/get' } },
    { path: { $ref: '/v1/x' } },
    { operation: 'just text' },
  ]) {
    assert.equal(operationLocation(entry), undefined, JSON.stringify(entry));
  }
});

test('resource FQNs: provider and service are the first two parts, the rest is the resource', () => {
  assert.deepEqual(splitResourceFqn('google.container.projects.aggregated.usableSubnetworks'), {
    provider: 'google',
    service: 'container',
    resource: 'projects.aggregated.usableSubnetworks',
  });
  assert.deepEqual(splitResourceFqn('google.compute.instances'), {
    provider: 'google',
    service: 'compute',
    resource: 'instances',
  });
  assert.throws(() => splitResourceFqn('google.compute'), /not a provider\.service\.resource name/);
});

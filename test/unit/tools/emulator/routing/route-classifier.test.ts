import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePathTemplate } from '../../../../../src/core/catalog/path-template.js';
import { classifyRoute } from '../../../../../src/tools/emulator/routing/route-classifier.js';

function c(method: string, template: string, verb: string, keyStart = 1, listLike = false) {
  const r = classifyRoute({ method, segments: parsePathTemplate(template), keyStart, verb, listLike });
  return `${r.kind}${r.targetIsCollection ? ' collection' : ' item'} end=${r.keyEnd}${r.customVerb ? ` verb=${r.customVerb}` : ''}`;
}

test('CRUD from the operation id, item vs collection from the path shape', () => {
  assert.equal(c('GET', '/v1/projects/{p}/topics', 'list'), 'list collection end=4');
  assert.equal(c('POST', '/v1/projects/{p}/locations/{l}/datasets', 'create'), 'create collection end=6');
  assert.equal(c('PUT', '/v1/projects/{p}/topics/{t}', 'create'), 'create item end=5');
  assert.equal(c('GET', '/v1/projects/{p}/topics/{t}', 'get'), 'get item end=5');
  assert.equal(c('PATCH', '/v1/projects/{p}/topics/{t}', 'patch'), 'patch item end=5');
  assert.equal(
    c('PUT', '/compute/v1/projects/{p}/zones/{z}/instances/{i}', 'update', 2),
    'update item end=8',
  );
  assert.equal(c('DELETE', '/b/{bucket}', 'delete', 0), 'delete item end=2');
  assert.equal(
    c('GET', '/compute/v1/projects/{p}/aggregated/instances', 'aggregatedList', 2),
    'aggregatedList collection end=6',
  );
});

test('custom verbs: `:verb`, compute `/verb`, collection verbs; IAM suffixes are stripped', () => {
  assert.equal(c('POST', '/v1/projects/{p}/topics/{t}:publish', 'publish'), 'custom item end=5 verb=publish');
  assert.equal(
    c('POST', '/v1/accessPolicies/{a}/accessLevels:replaceAll', 'replaceAll'),
    'custom collection end=4 verb=replaceAll',
  );
  assert.equal(
    c('POST', '/compute/v1/projects/{p}/zones/{z}/instances/{i}/start', 'start', 2),
    'custom item end=8 verb=start',
  );
  assert.equal(
    c('POST', '/compute/v1/projects/{p}/zones/{z}/instances/bulkInsert', 'bulkInsert', 2),
    'custom collection end=7 verb=bulkInsert',
  );
  assert.equal(
    c('GET', '/storage/v1/b/{bucket}/iam', 'getIamPolicy', 2),
    'getIamPolicy item end=4 verb=getIamPolicy',
  );
  assert.equal(
    c('GET', '/storage/v1/b/{bucket}/iam/testPermissions', 'testIamPermissions', 2),
    'testIamPermissions item end=4 verb=testIamPermissions',
  );
  assert.equal(
    c('POST', '/v3/projects/{p}:getIamPolicy', 'getIamPolicy'),
    'getIamPolicy item end=3 verb=getIamPolicy',
  );
  assert.equal(
    c('GET', '/v1/projects/{p}/locations/{l}/accessApprovalSettings', 'getAccessApprovalSettings'),
    'get item end=6',
  );
  assert.equal(
    c('PATCH', '/v1/projects/{p}/locations/{l}/accessApprovalSettings', 'updateAccessApprovalSettings'),
    'patch item end=6',
  );
  assert.equal(
    c('GET', '/v1/x/{a}/dicomWeb/studies/{s}/series/{se}', 'retrieveSeries'),
    'dicomWeb item end=8 verb=retrieveSeries',
  );
});

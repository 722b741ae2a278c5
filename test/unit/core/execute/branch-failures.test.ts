import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SkyqlError } from '../../../../src/base/errors/skyql-error.js';
import {
  branchFailure,
  classifyBranchError,
  hasUnallowedFailure,
  parseSkipClasses,
  summarizeBranchFailures,
} from '../../../../src/core/execute/branch-failures.js';
import { httpErrorFromResponse } from '../../../../src/core/http/http-error.js';

function apiError(status: number, error: object): SkyqlError {
  const body = Buffer.from(JSON.stringify({ error: { code: status, ...error } }));
  return httpErrorFromResponse(
    { status, statusText: '', headers: {}, body, url: 'https://x', attempts: 1 },
    { verb: 'select', resourceFqn: 'google.compute.instances', methodName: 'aggregated_list' },
  );
}

test('branch errors are classified from Google status and reasons, through wrapping errors', () => {
  const disabledV1 = apiError(403, {
    status: 'PERMISSION_DENIED',
    errors: [{ reason: 'accessNotConfigured' }],
  });
  const disabled = apiError(403, { status: 'PERMISSION_DENIED', details: [{ reason: 'SERVICE_DISABLED' }] });
  const denied = apiError(403, {
    status: 'PERMISSION_DENIED',
    details: [{ reason: 'IAM_PERMISSION_DENIED' }],
  });
  const limited = apiError(403, { errors: [{ reason: 'userRateLimitExceeded' }] });
  const wrapped = new SkyqlError('HTTP_ERROR', 'x (in the call with project=p)', { cause: disabled });
  assert.equal(classifyBranchError(disabledV1), 'disabled');
  assert.equal(classifyBranchError(wrapped), 'disabled');
  assert.equal(classifyBranchError(denied), 'denied');
  assert.equal(classifyBranchError(apiError(404, { status: 'NOT_FOUND' })), 'notfound');
  assert.equal(classifyBranchError(apiError(429, {})), 'ratelimited');
  assert.equal(classifyBranchError(limited), 'ratelimited');
  assert.equal(classifyBranchError(apiError(500, {})), 'other');
  assert.equal(classifyBranchError(new SkyqlError('NETWORK_ERROR', 'down')), 'other');
});

test('the summary: class → count → first three branches; skip decides the exit status', () => {
  const f = (project: string, err: SkyqlError) =>
    branchFailure('google.compute.instances', new Map([['project', project]]), err);
  const disabled = apiError(403, { details: [{ reason: 'SERVICE_DISABLED' }] });
  const failures = [
    f('a', disabled),
    f('b', disabled),
    f('c', disabled),
    f('d', disabled),
    f('e', apiError(404, {})),
  ];
  assert.deepEqual(failures[0].params, { project: 'a' });
  assert.equal(failures[0].status, 403);
  const allowed = parseSkipClasses(['disabled']);
  assert.equal(
    summarizeBranchFailures(failures, allowed),
    [
      '5 calls failed and left their rows out:',
      '  API not enabled (disabled, skipped as allowed): 4 — project=a; project=b; project=c; … 1 more',
      '  not found (notfound): 1 — project=e',
    ].join('\n'),
  );
  assert.equal(hasUnallowedFailure(failures, allowed), true);
  assert.equal(hasUnallowedFailure(failures, parseSkipClasses(['disabled,notfound'])), false);
});

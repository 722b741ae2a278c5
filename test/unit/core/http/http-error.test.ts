import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpErrorFromResponse } from '../../../../src/core/http/http-error.js';
import { response } from './fixture-methods.js';

const ctx = { verb: 'select', resourceFqn: 'google.storage.buckets', methodName: 'list' };

test("Google's JSON error: status, error.status and error.message", () => {
  const e = httpErrorFromResponse(
    response(404, {
      error: { code: 404, message: 'The specified bucket does not exist.', status: 'NOT_FOUND' },
    }),
    ctx,
  );
  assert.equal(e.code, 'HTTP_ERROR');
  assert.equal(
    e.message,
    'google.storage.buckets.list: HTTP 404 NOT_FOUND: The specified bucket does not exist.',
  );
  assert.match(e.hint ?? '', /SHOW METHODS IN google\.storage\.buckets/);
});

test('storage-style error without status uses the canonical name; retried responses say so', () => {
  const res = {
    ...response(503, {
      error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] },
    }),
    attempts: 5,
  };
  assert.equal(
    httpErrorFromResponse(res, ctx).message,
    'google.storage.buckets.list: HTTP 503 UNAVAILABLE: Backend Error (after 5 attempts)',
  );
  const errorsOnly = response(400, {
    error: { code: 400, errors: [{ message: 'Invalid field selection' }] },
  });
  assert.equal(
    httpErrorFromResponse(errorsOnly, ctx).message,
    'google.storage.buckets.list: HTTP 400 INVALID_ARGUMENT: Invalid field selection',
  );
});

test('non-JSON bodies give a short redacted excerpt; OAuth errors; no context', () => {
  const html = response(
    502,
    `<html><body>Bad gateway access_token=ya29.SECRET ${'x'.repeat(1000)}</body></html>`,
    { 'content-type': 'text/html' },
  );
  const e = httpErrorFromResponse(html, { verb: 'insert' });
  assert.ok(
    e.message.startsWith(
      'insert over HTTP: HTTP 502 Bad Gateway: <html><body>Bad gateway access_token=REDACTED',
    ),
    e.message,
  );
  assert.ok(e.message.length < 400);
  assert.ok(!e.message.includes('ya29'));
  const oauth = response(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  assert.equal(
    httpErrorFromResponse(oauth, { verb: 'auth' }).message,
    'auth over HTTP: HTTP 400 invalid_grant: Invalid JWT Signature.',
  );
  assert.equal(
    httpErrorFromResponse(response(500, ''), { verb: 'delete', resourceFqn: 'google.compute.instances' })
      .message,
    'google.compute.instances: HTTP 500 INTERNAL',
  );
});

test('403: an API that is not enabled is named as such; both hints say how to leave such projects out', () => {
  const disabled = httpErrorFromResponse(
    response(403, {
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'Compute Engine API has not been used in project 1 before or it is disabled.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }],
      },
    }),
    ctx,
  );
  assert.match(disabled.hint ?? '', /^the API is not enabled for the project/);
  assert.match(disabled.hint ?? '', /--execution\.keepGoing --execution\.skip disabled /);
  const legacy = response(403, { error: { code: 403, errors: [{ reason: 'accessNotConfigured' }] } });
  assert.match(httpErrorFromResponse(legacy, ctx).hint ?? '', /^the API is not enabled/);
  const denied = response(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'denied' } });
  assert.match(
    httpErrorFromResponse(denied, ctx).hint ?? '',
    /lack permission.*--execution\.skip denied,disabled/,
  );
});

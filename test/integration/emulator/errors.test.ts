import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { googleError, startTestEmulator } from './emulator-harness.js';

const DS = 'https://healthcare.googleapis.com/v1/projects/p1/locations/l1/datasets';

test('Google-shaped errors: 404, 409, 400 malformed JSON, 400 missing parameter, 405', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  googleError(await h.call('GET', `${DS}/missing`), 404, 'NOT_FOUND');
  googleError(await h.call('GET', 'https://healthcare.googleapis.com/v1/no/such/path'), 404, 'NOT_FOUND');
  googleError(await h.call('GET', 'https://nonexistent.googleapis.com/v1/x'), 404, 'NOT_FOUND');
  await h.call('POST', `${DS}?datasetId=d`, { body: {} });
  const conflict = googleError(
    await h.call('POST', `${DS}?datasetId=d`, { body: {} }),
    409,
    'ALREADY_EXISTS',
  );
  assert.match(conflict.message, /already exists/);
  const malformed = googleError(
    await h.call('POST', `${DS}?datasetId=e`, {
      raw: '{"timeZone": ',
      headers: { 'content-type': 'application/json' },
    }),
    400,
    'INVALID_ARGUMENT',
  );
  assert.match(malformed.message, /Invalid JSON payload/);
  googleError(await h.call('PATCH', `${DS}/d`, { raw: '[1,2]' }), 400, 'INVALID_ARGUMENT');
  googleError(await h.call('GET', 'https://storage.googleapis.com/storage/v1/b'), 400, 'INVALID_ARGUMENT');
  googleError(await h.call('PATCH', `${DS}/d?updateMask=a..b`, { body: {} }), 400, 'INVALID_ARGUMENT');
  googleError(await h.call('GET', `${DS}?pageSize=-1`), 400, 'INVALID_ARGUMENT');
  const wrongMethod = await h.call('PUT', DS, { body: {} });
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.json.error.code, 405);
});

test('a project the emulator does not know is answered as Google answers it, per API', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  const cases: [string, number, string, RegExp][] = [
    [
      'https://compute.googleapis.com/compute/v1/projects/nope/zones/us-east1-b/instances',
      404,
      'NOT_FOUND',
      /^The resource 'projects\/nope' was not found$/,
    ],
    [
      'https://compute.googleapis.com/compute/v1/projects/nope/aggregated/instances',
      404,
      'NOT_FOUND',
      /^The resource 'projects\/nope' was not found$/,
    ],
    [
      'https://storage.googleapis.com/storage/v1/b?project=nope',
      404,
      'NOT_FOUND',
      /^The requested project was not found\.$/,
    ],
    [
      'https://bigquery.googleapis.com/bigquery/v2/projects/nope/datasets',
      404,
      'NOT_FOUND',
      /^Not found: Project nope$/,
    ],
    ['https://pubsub.googleapis.com/v1/projects/nope/topics', 404, 'NOT_FOUND', /\(project=nope\)/],
    [
      `${DS.replace('/p1/', '/nope/')}`,
      403,
      'PERMISSION_DENIED',
      /^Permission denied on resource project nope\.$/,
    ],
  ];
  for (const [url, code, status, message] of cases) {
    assert.match(googleError(await h.call('GET', url), code, status).message, message, url);
  }
  // creating in an unknown project fails the same way, and leaves nothing behind
  googleError(
    await h.call('POST', 'https://storage.googleapis.com/storage/v1/b?project=nope', { body: { name: 'x' } }),
    404,
    'NOT_FOUND',
  );
  assert.equal((await h.call('GET', 'https://storage.googleapis.com/storage/v1/b/x')).status, 404);
  // known projects list (empty); a project created through Resource Manager is known from then on
  assert.equal((await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/p1/topics')).status, 200);
  const created = await h.call('POST', 'https://cloudresourcemanager.googleapis.com/v3/projects', {
    body: { projectId: 'fresh', displayName: 'Fresh' },
  });
  assert.equal(created.status, 200, created.text);
  assert.equal((await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/fresh/topics')).status, 200);
});

test('401 UNAUTHENTICATED without a token, with a bad token, and with an expired one', async () => {
  const h = await startTestEmulator({ projects: ['p1'], settings: { tokenLifetimeSeconds: 1 } });
  const none = googleError(await h.call('GET', DS, { token: null }), 401, 'UNAUTHENTICATED');
  assert.match(none.message, /missing required authentication credential/);
  const r = await h.call('GET', DS, { token: null });
  assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
  const bad = googleError(await h.call('GET', DS, { token: 'ya29.not-a-token' }), 401, 'UNAUTHENTICATED');
  assert.match(bad.message, /invalid authentication credentials/);
  googleError(
    await h.call('GET', DS, { token: null, headers: { authorization: 'Basic abc' } }),
    401,
    'UNAUTHENTICATED',
  );
  assert.equal((await h.call('GET', DS)).status, 200);
  assert.equal((await h.call('GET', `${DS}?access_token=${h.token}`, { token: null })).status, 200);
  await new Promise((r) => setTimeout(r, 1100));
  googleError(await h.call('GET', DS), 401, 'UNAUTHENTICATED');
});

test('auth can be turned off', async () => {
  const h = await startTestEmulator({ projects: ['p1'], auth: false });
  assert.equal((await h.call('GET', DS, { token: null })).status, 200);
});

function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.end(text));
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
  });
}

test('bad requests never crash it: fuzzed paths, huge ids, binary bodies, bad encodings, garbage HTTP', async () => {
  // the projects are known, so the requests reach the handlers behind the project check
  const h = await startTestEmulator({ projects: ['p', 'p1'] });
  const huge = 'x'.repeat(5000);
  const cases: [string, string, string | Buffer | undefined][] = [
    ['GET', `/healthcare.googleapis.com/v1/projects/${huge}/locations/l/datasets/d`, undefined],
    [
      'POST',
      `/healthcare.googleapis.com/v1/projects/p/locations/l/datasets?datasetId=${'y'.repeat(3000)}`,
      '{}',
    ],
    ['GET', '/compute.googleapis.com/compute/v1/projects/%E0%A4%A/zones/%/instances', undefined],
    [
      'POST',
      '/pubsub.googleapis.com/v1/projects/p/topics/t:publish',
      Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]),
    ],
    ['GET', '/', undefined],
    ['GET', '//', undefined],
    ['DELETE', '/storage.googleapis.com/storage/v1/b/', undefined],
    ['PATCH', '/healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d?updateMask=', 'null'],
    ['POST', '/compute.googleapis.com/compute/v1/projects/p/zones/z/instances', '{"name": {"nested": true}}'],
    ['POST', '/compute.googleapis.com/compute/v1/projects/p/zones/z/instances', '{"name": "a/b"}'],
    ['GET', '/healthcare.googleapis.com/v1/projects/p/locations/l/datasets?pageToken=%00%01', undefined],
    ['OPTIONS', '/healthcare.googleapis.com/v1/projects/p/locations/l/datasets', undefined],
    [
      'GET',
      `/healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb/studies/${huge}`,
      undefined,
    ],
    [
      'POST',
      '/healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb/studies',
      Buffer.alloc(300, 7),
    ],
  ];
  for (let i = 0; i < 60; i++) {
    const segs = Array.from(
      { length: 1 + (i % 7) },
      (_, j) =>
        ['projects', 'p', '{x}', ':get', '..', '%2F', 'zones', 'aggregated', '_'][(i * 7 + j * 3) % 9],
    );
    cases.push([
      ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'][i % 5],
      `/compute.googleapis.com/compute/v1/${segs.join('/')}`,
      i % 2 ? '{"a":' : undefined,
    ]);
  }
  for (const [method, path, body] of cases) {
    const r = await h.raw(method, path, { raw: method === 'GET' ? undefined : body });
    assert.ok(
      r.status >= 200 && r.status < 500,
      `${method} ${path.slice(0, 120)} → ${r.status} ${r.text.slice(0, 200)}`,
    );
    if (r.status >= 400)
      assert.equal(
        typeof r.json?.error?.message,
        'string',
        `${method} ${path.slice(0, 80)} answers a Google error`,
      );
  }
  const garbage = await rawHttp(h.emu.port, 'GARBAGE / HTTP/1.1\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400/);
  const health = await h.raw('GET', '/_emulator/health');
  assert.equal(health.status, 200, 'still alive');
  assert.equal((await h.call('GET', DS)).status, 200);
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../support/temp-dir.js';
import { startTestEmulator } from './emulator-harness.js';

/** Sends a request with exactly these headers (fetch would not let a test forge Host). */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; json: { error?: { message?: string }; path?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('a web page cannot drive the admin API: foreign Host, cross-origin and text/plain are refused', async () => {
  const dir = tempDir();
  const target = join(dir, 'overwritten.json');
  const h = await startTestEmulator({ statePath: join(dir, 'state.json'), stateDir: join(dir, 'snapshots') });
  const port = h.emu.port;
  const local = `127.0.0.1:${port}`;
  // The reported attack: a page on another site posts a "simple" request (no CORS preflight).
  const attack = await send(
    port,
    'POST',
    '/_emulator/save',
    { host: `evil.example:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain' },
    JSON.stringify({ path: target }),
  );
  assert.equal(attack.status, 403);
  assert.match(attack.json.error?.message ?? '', /loopback host/);
  const cases: [string, Record<string, string>, number, RegExp][] = [
    // DNS rebinding: the page's own name resolves to 127.0.0.1, so Host and Origin agree but are foreign
    [
      'rebound name',
      { host: `rebind.example:${port}`, origin: `http://rebind.example:${port}` },
      403,
      /loopback host/,
    ],
    ['loopback-looking name', { host: `127.0.0.1.evil.example:${port}` }, 403, /loopback host/],
    ['cross-origin', { host: local, origin: 'https://evil.example' }, 403, /cross-origin/],
    ['opaque origin', { host: local, origin: 'null' }, 403, /cross-origin/],
    ['cross-site fetch', { host: local, 'sec-fetch-site': 'cross-site' }, 403, /cross-origin/],
    [
      'text/plain body',
      { host: local, 'content-type': 'text/plain;charset=UTF-8' },
      415,
      /application\/json/,
    ],
    [
      'form body',
      { host: local, 'content-type': 'application/x-www-form-urlencoded' },
      415,
      /application\/json/,
    ],
    ['untyped body', { host: local }, 415, /application\/json/],
  ];
  for (const [name, headers, status, message] of cases) {
    const r = await send(port, 'POST', '/_emulator/save', headers, '{}');
    assert.equal(r.status, status, name);
    assert.match(r.json.error?.message ?? '', message, name);
  }
  // A path from the request is never used, even from a well-formed local request.
  const json = { host: local, 'content-type': 'application/json' };
  const byPath = await send(port, 'POST', '/_emulator/save', json, JSON.stringify({ path: target }));
  assert.equal(byPath.status, 400);
  for (const name of ['../escaped.json', '/tmp/abs.json', 'sub/dir.json', '.hidden', '']) {
    const r = await send(port, 'POST', '/_emulator/save', json, JSON.stringify({ name }));
    assert.equal(r.status, 400, name);
    assert.match(r.json.error?.message ?? '', /not a plain file name/, name);
  }
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(dir), [], 'nothing was written by the refused requests');

  // Local tools keep working: loopback names, JSON bodies, bodiless POSTs.
  const saved = await send(port, 'POST', '/_emulator/save', json, '{}');
  assert.equal(saved.json.path, join(dir, 'state.json'));
  const named = await send(
    port,
    'POST',
    '/_emulator/save',
    { ...json, host: `localhost:${port}` },
    '{"name":"snap"}',
  );
  assert.equal(named.json.path, join(dir, 'snapshots', 'snap.json'));
  assert.ok(JSON.parse(readFileSync(named.json.path ?? '', 'utf8')));
  const origin = { host: `[::1]:${port}`, origin: `http://localhost:${port}` };
  assert.equal((await send(port, 'POST', '/_emulator/reset', origin)).status, 200);
  assert.equal((await send(port, 'GET', '/_emulator/health', { host: local })).status, 200);
});

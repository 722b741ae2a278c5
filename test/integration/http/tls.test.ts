import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { createTransport } from '../../../src/core/http/transport.js';
import { makeCertificate } from '../../support/self-signed-cert.js';
import { tempDir } from '../../support/temp-dir.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let server: Server | undefined;
let base = '';
const dir = tempDir('skyql-tls-');
const certPath = join(dir, 'server.crt');

before(() => {
  if (!hasOpenssl) return;
  const { keyPath } = makeCertificate(dir);
  const https = createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tls":true}');
  });
  server = https;
  return new Promise<void>((resolve) =>
    https.listen(0, '127.0.0.1', () => {
      base = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
      resolve();
    }),
  );
});
after(() => server?.close());

test('a self-signed server fails verification with a hint, not retried', {
  skip: !hasOpenssl && 'openssl not installed',
}, async () => {
  const delays: number[] = [];
  const send = createTransport({ sleep: async (ms) => void delays.push(ms) });
  await assert.rejects(send({ method: 'GET', url: `${base}/x` }), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'NETWORK_ERROR'), String(e));
    assert.match(e.message, /^cannot reach 127\.0\.0\.1:\d+: .*(self.signed|certificate)/i);
    assert.match(e.hint ?? '', /--tls\.CABundle.*--tls\.allowInsecure/);
    return true;
  });
  assert.deepEqual(delays, []);
  await send.close();
});

test('--tls.allowInsecure skips verification', { skip: !hasOpenssl && 'openssl not installed' }, async () => {
  const send = createTransport({ allowInsecure: true });
  assert.equal((await send({ method: 'GET', url: `${base}/x` })).body.toString(), '{"tls":true}');
  await send.close();
});

test('--tls.CABundle trusts the extra CA (and keeps the public roots)', {
  skip: !hasOpenssl && 'openssl not installed',
}, async () => {
  const send = createTransport({ caBundle: certPath });
  assert.equal((await send({ method: 'GET', url: `${base}/x` })).status, 200);
  await send.close();
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refuseAdminRequest } from '../../../../../src/tools/emulator/server/admin-guard.js';

test('the admin API answers loopback peers only, whatever Host they claim (an emulator on 0.0.0.0)', () => {
  const headers = { host: '127.0.0.1:8089', 'content-type': 'application/json' };
  for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1', undefined])
    assert.equal(refuseAdminRequest(headers, peer), undefined, String(peer));
  for (const peer of ['192.0.2.2', '::ffff:10.0.0.5', 'fe80::1']) {
    const refused = refuseAdminRequest(headers, peer);
    assert.equal(refused?.code, 403, peer);
    assert.match(JSON.stringify(refused?.body()), /only clients on this machine/);
  }
});

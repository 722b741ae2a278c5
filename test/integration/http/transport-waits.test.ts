import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { createTransport, parseEndpointSpecs } from '../../../src/core/http/transport.js';
import { startUnacceptingPort, type UnacceptingPort } from '../../support/unaccepting-port.js';
import { json, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let srv: ScriptedServer;
let dead: UnacceptingPort;
before(async () => {
  srv = await startScriptedServer();
  dead = await startUnacceptingPort();
});
after(async () => {
  await srv.close();
  await dead.close();
});

test('a host that never accepts the connection: HTTP_CONNECT_TIMEOUT, retried even for a POST, a network hint', async () => {
  const delays: number[] = [];
  const send = createTransport({
    connectTimeoutMs: 100,
    timeoutMs: 60_000,
    maxAttempts: 2,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
  });
  await assert.rejects(
    send({ method: 'POST', url: `http://127.0.0.1:${dead.port}/insert`, body: '{}' }),
    (e: unknown) => {
      assert.ok(isSkyqlError(e, 'HTTP_CONNECT_TIMEOUT'), String(e));
      assert.equal(
        e.message,
        `cannot connect to 127.0.0.1:${dead.port}: no connection within 100 ms (connect timeout) in each of 2 attempts`,
      );
      assert.match(e.hint ?? '', /reachable.*firewall.*proxy/);
      assert.match(e.hint ?? '', /--http\.connectTimeout/);
      assert.doesNotMatch(e.hint ?? '', /apirequesttimeout/);
      return true;
    },
  );
  assert.equal(delays.length, 1, 'nothing was sent, so even a POST is tried again');
  await send.close();
});

test('a server that accepts and never answers: HTTP_TIMEOUT names the response timeout and --apirequesttimeout', async () => {
  srv.script(() => {
    /* never answers */
  });
  const send = createTransport({ timeoutMs: 100, connectTimeoutMs: 60_000, maxAttempts: 1 });
  await assert.rejects(send({ method: 'GET', url: `${srv.base}/hang` }), (e: unknown) => {
    assert.ok(isSkyqlError(e, 'HTTP_TIMEOUT'), String(e));
    assert.match(e.message, /accepted the request but did not answer within 100 ms \(response timeout\)$/);
    assert.match(e.hint ?? '', /--apirequesttimeout/);
    return true;
  });
  await send.close();
});

test('a request still waiting shows "waiting for HOST (N s)…", erased when it ends', async () => {
  const shown: (string | undefined)[] = [];
  let answer: (() => void) | undefined;
  const noticed = new Promise<void>((resolve) => {
    answer = resolve;
  });
  // the server answers only once the notice is up: no race with the clock
  srv.script((req, res) => void noticed.then(() => json(200, { ok: true })(req, res)));
  const send = createTransport({
    endpoints: parseEndpointSpecs([`google=${srv.base}`]),
    waitNoticeAfterMs: 20,
    waitNotice: (text) => {
      shown.push(text);
      if (text !== undefined) answer?.();
    },
  });
  const res = await send(
    { method: 'GET', url: 'https://compute.googleapis.com/compute/v1/projects/p/zones' },
    { provider: 'google' },
  );
  assert.equal(res.status, 200);
  assert.match(String(shown[0]), /^waiting for 127\.0\.0\.1:\d+ \(for compute\.googleapis\.com\) \(0 s\)…$/);
  assert.equal(shown.at(-1), undefined, 'erased when the request ended');
  await send.close();
});

test('direct: a call for a provider goes to its URL as it is, not through --endpoint', async () => {
  srv.script(json(200, {}));
  const send = createTransport({ endpoints: parseEndpointSpecs(['google=http://127.0.0.1:9']) });
  const res = await send(
    { method: 'GET', url: `${srv.base}/computeMetadata/v1/x` },
    { provider: 'google', direct: true },
  );
  assert.equal(res.url, `${srv.base}/computeMetadata/v1/x`);
  assert.equal(srv.seen.at(-1)?.url, '/computeMetadata/v1/x');
  await send.close();
});

import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { checkRequest, isLoopback, ownHosts } from '../../../../src/front/mcp/http-guard.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const hosts = ownHosts('127.0.0.1', 9992);

test('Host must name this server; an Origin must be its own (DNS rebinding)', () => {
  const settings = { allowedHosts: hosts, token: undefined };
  assert.equal(checkRequest(req({ host: '127.0.0.1:9992' }), settings), undefined);
  assert.equal(
    checkRequest(req({ host: 'localhost:9992', origin: 'http://localhost:9992' }), settings),
    undefined,
  );
  assert.equal(checkRequest(req({ host: 'evil.example:9992' }), settings)?.status, 403);
  assert.equal(
    checkRequest(req({ host: '127.0.0.1:9992', origin: 'http://evil.example' }), settings)?.status,
    403,
  );
  assert.equal(checkRequest(req({ host: '127.0.0.1:9992', origin: 'null' }), settings)?.status, 403);
  assert.equal(checkRequest(req({}), settings)?.status, 403);
});

test('with a token, the bearer value must match exactly', () => {
  const settings = { allowedHosts: hosts, token: 's3cret-token' };
  assert.equal(
    checkRequest(req({ host: '127.0.0.1:9992', authorization: 'Bearer s3cret-token' }), settings),
    undefined,
  );
  assert.equal(
    checkRequest(req({ host: '127.0.0.1:9992', authorization: 'bearer s3cret-token' }), settings),
    undefined,
  );
  const wrong = checkRequest(req({ host: '127.0.0.1:9992', authorization: 'Bearer s3cret-toke' }), settings);
  assert.equal(wrong?.status, 401);
  assert.equal(wrong?.headers?.['www-authenticate'], 'Bearer realm="skyql-mcp"');
  assert.equal(checkRequest(req({ host: '127.0.0.1:9992' }), settings)?.status, 401);
});

test('loopback addresses and the names a server answers to', () => {
  assert.deepEqual(
    ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '0.0.0.0', '10.0.0.1', '::'].map(isLoopback),
    [true, true, true, true, false, false, false],
  );
  assert.ok(ownHosts('0.0.0.0', 80).has('0.0.0.0:80'));
  assert.ok(ownHosts('::', 80).has('[::]:80'));
});

test('off loopback any Host is served (the token guards), but an Origin must match the Host', () => {
  const settings = { allowedHosts: undefined, token: 't' };
  const auth = { authorization: 'Bearer t' };
  assert.equal(checkRequest(req({ host: '10.0.0.5:9992', ...auth }), settings), undefined);
  assert.equal(
    checkRequest(req({ host: 'mcp.internal:9992', origin: 'https://mcp.internal:9992', ...auth }), settings),
    undefined,
  );
  assert.equal(
    checkRequest(req({ host: '10.0.0.5:9992', origin: 'http://evil.example', ...auth }), settings)?.status,
    403,
  );
  assert.equal(checkRequest(req({ host: '10.0.0.5:9992' }), settings)?.status, 401);
});

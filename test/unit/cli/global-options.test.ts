import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { apiSessionOptions } from '../../../src/cli/global-options.js';
import { rewriteUrl } from '../../../src/core/http/endpoints.js';

const quiet = { message: () => {}, progress: () => {}, progressDone: () => {} };

test('--endpoint on the command line wins over SKYQL_ENDPOINT', () => {
  const saved = process.env.SKYQL_ENDPOINT;
  process.env.SKYQL_ENDPOINT = 'google=http://127.0.0.1:1111';
  try {
    const opts = apiSessionOptions({ endpoint: ['google=http://127.0.0.1:2222'] } as never, quiet);
    const url = rewriteUrl(
      'https://storage.googleapis.com/storage/v1/b',
      opts.api?.transport?.endpoints?.get('google'),
    );
    assert.match(url, /^http:\/\/127\.0\.0\.1:2222\//);
  } finally {
    if (saved === undefined) delete process.env.SKYQL_ENDPOINT;
    else process.env.SKYQL_ENDPOINT = saved;
  }
});

test('--apirequesttimeout takes seconds, fractions allowed; negative is a usage error', () => {
  const ms = (v: string) =>
    apiSessionOptions({ apirequesttimeout: v } as never, quiet).api?.transport?.timeoutMs;
  assert.equal(ms('45'), 45_000);
  assert.equal(ms('0.25'), 250);
  assert.equal(ms('0'), 0);
  assert.throws(
    () => ms('-1'),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

test('--keyfilepath is google service-account auth with a notice; it replaces SKYQL_AUTH but clashes with --auth', () => {
  const saved = process.env.SKYQL_AUTH;
  process.env.SKYQL_AUTH = JSON.stringify({ google: { type: 'bearer', credentialsenvvar: 'T' } });
  const messages: string[] = [];
  const reporter = { ...quiet, message: (m: string) => messages.push(m) };
  try {
    const opts = apiSessionOptions({ keyfilepath: 'key.json' } as never, reporter);
    assert.deepEqual(opts.api?.auth?.get('google'), {
      type: 'service_account',
      origin: 'keyfilepath',
      credentialsFilePath: 'key.json',
    });
    assert.deepEqual(messages, [
      `--keyfilepath is deprecated; use --auth '{"google":{"type":"service_account","credentialsfilepath":"key.json"}}'`,
    ]);
    const other = JSON.stringify({ aws: { type: 'null_auth' } });
    const both = apiSessionOptions({ keyfilepath: 'k.json', auth: other } as never, quiet).api?.auth;
    assert.deepEqual([...(both?.keys() ?? [])], ['aws', 'google']);
    const clash = JSON.stringify({ google: { type: 'service_account', credentialsfilepath: 'a.json' } });
    assert.throws(
      () => apiSessionOptions({ keyfilepath: 'k.json', auth: clash } as never, quiet),
      (e: unknown) =>
        isSkyqlError(e, 'BAD_FLAG') && /--keyfilepath and the google entry of --auth/.test(e.message),
    );
  } finally {
    if (saved === undefined) delete process.env.SKYQL_AUTH;
    else process.env.SKYQL_AUTH = saved;
  }
});

test('--http.connectTimeout takes seconds (default 10), apart from --apirequesttimeout', () => {
  const transport = (flags: Record<string, string>) =>
    apiSessionOptions(flags as never, quiet).api?.transport;
  assert.equal(transport({ 'http.connectTimeout': '2.5' })?.connectTimeoutMs, 2500);
  assert.equal(transport({ 'http.connectTimeout': '2.5' })?.timeoutMs, 45_000);
  assert.equal(transport({})?.connectTimeoutMs, 10_000);
  assert.throws(
    () => transport({ 'http.connectTimeout': 'soon' }),
    (e: unknown) => isSkyqlError(e, 'BAD_FLAG'),
  );
});

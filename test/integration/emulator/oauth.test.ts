import assert from 'node:assert/strict';
import {
  createPrivateKey,
  createPublicKey,
  createSign,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { test } from 'node:test';
import { testKeyPair } from '../../support/emulator-service-account.js';
import { googleError, startTestEmulator } from './emulator-harness.js';

const SA = 'loader@p1.iam.gserviceaccount.com';

function b64url(v: unknown): string {
  return Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
}

/** A service-account JWT signed by hand with RS256, as skyql's auth code builds it. */
function jwt(key: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', ...header });
  const body = b64url(claims);
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${sig}`;
}

function claims(aud: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: SA,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud,
    iat: now,
    exp: now + 3600,
    ...over,
  };
}

async function exchange(
  url: string,
  assertion: string,
  grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer',
) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grant, assertion }).toString(),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

// two throwaway key pairs for the whole file (each takes 0.1-0.5 s to make, so the first is the test
// run's shared pair); every test starts its own emulator, which trusts only the keys that test gives it
const shared = testKeyPair();
const KEY = {
  privateKey: createPrivateKey(shared.privateKeyPem),
  publicKey: createPublicKey(shared.publicKeyPem),
};
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 });

test('JWT-bearer grant: a throwaway RSA key, trusted via a key JSON, gets a token that the APIs accept', async () => {
  const { privateKey } = KEY;
  const keyJson = JSON.stringify({
    type: 'service_account',
    client_email: SA,
    private_key_id: 'kid-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  });
  const h = await startTestEmulator({ projects: ['p1'], trustedKeys: [keyJson] });
  const tokenUrl = h.emu.tokenUrl;
  assert.equal(tokenUrl, `${h.emu.url}/oauth2.googleapis.com/token`);

  const ok = await exchange(
    tokenUrl,
    jwt(privateKey, claims('https://oauth2.googleapis.com/token'), { kid: 'kid-1' }),
  );
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.token_type, 'Bearer');
  assert.equal(typeof ok.json.expires_in, 'number');
  const token = ok.json.access_token as string;
  assert.match(token, /^ya29\./);
  const api = await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/p1/topics', { token });
  assert.equal(api.status, 200);
  const log = h.emu.log.entries({ host: 'pubsub.googleapis.com' });
  assert.equal(log[log.length - 1].authorization, `Bearer ${token}`);

  // the emulator's own token URL is an accepted audience too (token_uri pointing at it)
  assert.equal((await exchange(tokenUrl, jwt(privateKey, claims(tokenUrl)))).status, 200);
});

test('JWT-bearer grant: signature, iss, aud, exp/iat and grant type are checked', async () => {
  const { privateKey, publicKey } = KEY;
  const other = OTHER_KEY.privateKey;
  const h = await startTestEmulator({ projects: ['p1'] });
  const aud = 'https://oauth2.googleapis.com/token';
  const url = h.emu.tokenUrl;
  const untrusted = await exchange(url, jwt(privateKey, claims(aud)));
  assert.equal(untrusted.status, 400);
  assert.equal(untrusted.json.error, 'invalid_grant');

  const added = await h.raw('POST', '/_emulator/keys', {
    body: { key: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    token: null,
  });
  assert.deepEqual(added.json, { trustedKeys: 1 });
  assert.equal((await exchange(url, jwt(privateKey, claims(aud)))).status, 200);

  const cases: [string, string, RegExp][] = [
    ['wrong key', jwt(other, claims(aud)), /Invalid JWT Signature/],
    ['wrong aud', jwt(privateKey, claims('https://example.com/token')), /audience/],
    [
      'expired',
      jwt(
        privateKey,
        claims(aud, { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
      ),
      /iat and exp/,
    ],
    ['too long', jwt(privateKey, claims(aud, { exp: Math.floor(Date.now() / 1000) + 7200 })), /iat and exp/],
    [
      'issued in the future',
      jwt(privateKey, claims(aud, { iat: Math.floor(Date.now() / 1000) + 1800 })),
      /iat and exp/,
    ],
    ['no iss', jwt(privateKey, claims(aud, { iss: undefined })), /iss/],
    ['HS256', jwt(privateKey, claims(aud), { alg: 'HS256' }), /RS256/],
    ['garbage', 'a.b', /three parts/],
    [
      'tampered',
      `${jwt(privateKey, claims(aud)).split('.').slice(0, 1)}.${b64url(claims(aud, { iss: 'evil@x' }))}.${jwt(privateKey, claims(aud)).split('.')[2]}`,
      /Signature/,
    ],
  ];
  for (const [what, assertion, message] of cases) {
    const r = await exchange(url, assertion);
    assert.equal(r.status, 400, what);
    assert.equal(r.json.error, 'invalid_grant', what);
    assert.match(String(r.json.error_description), message, what);
  }
  const grant = await exchange(url, jwt(privateKey, claims(aud)), 'client_credentials');
  assert.equal(grant.json.error, 'unsupported_grant_type');
  const get = await fetch(url);
  assert.equal(get.status, 405);
});

test('a key JSON binds the key to its service account: another iss is refused', async () => {
  const { privateKey } = KEY;
  const h = await startTestEmulator({
    projects: ['p1'],
    trustedKeys: [{ publicKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), email: SA }],
  });
  const r = await exchange(
    h.emu.tokenUrl,
    jwt(
      privateKey,
      claims('https://oauth2.googleapis.com/token', { iss: 'someone-else@p1.iam.gserviceaccount.com' }),
    ),
  );
  assert.equal(r.status, 400);
  assert.match(String(r.json.error_description), /does not own/);
});

test('a generated service-account key file works end to end', async () => {
  const h = await startTestEmulator({ projects: ['p1'] });
  const key = (
    await h.raw('POST', '/_emulator/service-account-key', {
      body: { email: 'demo@p1.iam.gserviceaccount.com' },
      token: null,
    })
  ).json;
  assert.equal(key.type, 'service_account');
  assert.equal(key.token_uri, h.emu.tokenUrl);
  const { createPrivateKey } = await import('node:crypto');
  const assertion = jwt(
    createPrivateKey(key.private_key),
    { ...claims(key.token_uri), iss: key.client_email },
    { kid: key.private_key_id },
  );
  const r = await exchange(key.token_uri, assertion);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  googleError(
    await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/p1/topics', { token: 'nope' }),
    401,
    'UNAUTHENTICATED',
  );
  assert.equal(
    (
      await h.call('GET', 'https://pubsub.googleapis.com/v1/projects/p1/topics', {
        token: r.json.access_token as string,
      })
    ).status,
    200,
  );
});

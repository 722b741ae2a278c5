import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ErrorCode } from '../../../../../src/base/errors/error-codes.js';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { loadVerifier, parseSignatureFile } from '../../../../../src/core/catalog/registry/signature.js';
import { generateSigningKey, signBuffer, signFile } from '../../../../support/sign-fixture.js';

const skyql = (code: ErrorCode, message: RegExp) => (err: unknown) =>
  isSkyqlError(err, code) && message.test(err.message);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyql-sig-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function signedDoc(name: string, body = 'info:\n  title: demo\n') {
  const key = generateSigningKey();
  const path = join(dir, name);
  await writeFile(path, body);
  await signFile(path, key.privateKey, new Date('2024-05-06T07:08:09.010Z'));
  return { key, path };
}

test('parseSignatureFile decodes timestamp + signature (79 bytes, 108 base64 chars)', () => {
  const { privateKey } = generateSigningKey();
  const text = signBuffer(Buffer.from('doc'), privateKey, new Date('2024-05-06T07:08:09.010Z'));
  assert.equal(text.length, 108);
  const sig = parseSignatureFile(`${text}\n`);
  assert.equal(sig.timestamp?.toISOString(), '2024-05-06T07:08:09.010Z');
  assert.equal(sig.timestampBytes?.length, 15);
  assert.equal(sig.signature.length, 64);
});

test('parseSignatureFile accepts a bare 64-byte signature', () => {
  const sig = parseSignatureFile(signBuffer(Buffer.from('doc'), generateSigningKey().privateKey, null));
  assert.equal(sig.timestamp, undefined);
  assert.equal(sig.timestampBytes, undefined);
  assert.equal(sig.signature.length, 64);
});

test('parseSignatureFile rejects bad base64, short blobs and malformed timestamps', () => {
  const bad = (text: string, re: RegExp) =>
    assert.throws(() => parseSignatureFile(text, 'x.sig'), skyql('SIGNATURE_INVALID', re));
  bad('', /x\.sig is empty/);
  bad('not*base64!', /not valid base64/);
  bad('QUJD', /decodes to 3 bytes; expected 64/);
  bad(Buffer.alloc(70).toString('base64'), /malformed 6-byte timestamp/);
  bad(Buffer.concat([Buffer.from([9]), Buffer.alloc(78)]).toString('base64'), /unsupported version 9/);
});

test('verifyFile accepts a correctly signed file', async () => {
  const { key, path } = await signedDoc('good.yaml');
  await loadVerifier({ publicKey: key.publicKeyPem }).verifyFile(path);
});

test('verifyFileSync behaves like verifyFile', async () => {
  const { key, path } = await signedDoc('sync.yaml');
  const verifier = loadVerifier({ publicKey: key.publicKeyPem });
  verifier.verifyFileSync(path);
  const unsigned = join(dir, 'sync-unsigned.yaml');
  await writeFile(unsigned, 'x: 1\n');
  assert.throws(
    () => verifier.verifyFileSync(unsigned),
    skyql('SIGNATURE_MISSING', /sync-unsigned\.yaml\.sig not found/),
  );
  await writeFile(path, 'changed');
  assert.throws(() => verifier.verifyFileSync(path), skyql('SIGNATURE_INVALID', /does not verify/));
});

test('verifyFile accepts a bare signature when the key is a plain public key', async () => {
  const key = generateSigningKey();
  const path = join(dir, 'bare.yaml');
  await writeFile(path, 'x: 1\n');
  await signFile(path, key.privateKey, null);
  await loadVerifier({ publicKey: key.publicKeyPem }).verifyFile(path);
});

test('publicKey may be the path of a PEM file', async () => {
  const { key, path } = await signedDoc('bypath.yaml');
  const pemPath = join(dir, 'signer.pub.pem');
  await writeFile(pemPath, key.publicKeyPem);
  await loadVerifier({ publicKey: pemPath }).verifyFile(path);
});

test('a missing .sig is SIGNATURE_MISSING with a nopVerify hint', async () => {
  const path = join(dir, 'unsigned.yaml');
  await writeFile(path, 'x: 1\n');
  const verifier = loadVerifier({ publicKey: generateSigningKey().publicKeyPem });
  await assert.rejects(verifier.verifyFile(path), (err: unknown) => {
    assert.ok(isSkyqlError(err, 'SIGNATURE_MISSING'));
    assert.equal(err.message, `signature file ${path}.sig not found for ${path}`);
    assert.match(err.hint ?? '', /nopVerify/);
    return true;
  });
});

test('a tampered file is SIGNATURE_INVALID', async () => {
  const { key, path } = await signedDoc('tampered.yaml');
  await writeFile(path, 'info:\n  title: evil\n');
  await assert.rejects(
    loadVerifier({ publicKey: key.publicKeyPem }).verifyFile(path),
    skyql('SIGNATURE_INVALID', /^signature of .*tampered\.yaml does not verify against the configured key$/),
  );
});

test('a tampered signature or timestamp is SIGNATURE_INVALID', () => {
  const { privateKey, publicKeyPem } = generateSigningKey();
  const verifier = loadVerifier({ publicKey: publicKeyPem });
  const data = Buffer.from('payload');
  const raw = Buffer.from(signBuffer(data, privateKey), 'base64');
  verifier.verifyBuffer('doc', data, raw.toString('base64'));
  for (const at of [20, 78, 12]) {
    const copy = Buffer.from(raw);
    copy[at] ^= 0x01; // 20, 78: inside the signature; 12: nanoseconds of the timestamp
    assert.throws(
      () => verifier.verifyBuffer('doc', data, copy.toString('base64')),
      skyql('SIGNATURE_INVALID', /does not verify/),
    );
  }
});

test('a signature by another key is SIGNATURE_INVALID', async () => {
  const { path } = await signedDoc('otherkey.yaml');
  await assert.rejects(
    loadVerifier({ publicKey: generateSigningKey().publicKeyPem }).verifyFile(path),
    skyql('SIGNATURE_INVALID', /does not verify against the configured key/),
  );
});

test('a key bundle passes when any key verifies', async () => {
  const { key, path } = await signedDoc('bundle.yaml');
  const bundle = generateSigningKey().publicKeyPem + key.publicKeyPem;
  await loadVerifier({ publicKey: bundle }).verifyFile(path);
});

test('bad key configuration is reported', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  assert.throws(
    () => loadVerifier({ publicKey: privPem }),
    skyql('BAD_REGISTRY_CONFIG', /PRIVATE KEY block/),
  );
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
    type: 'spki',
    format: 'pem',
  });
  assert.throws(
    () => loadVerifier({ publicKey: rsa.toString() }),
    skyql('BAD_REGISTRY_CONFIG', /is rsa; .*Ed25519/),
  );
  assert.throws(
    () => loadVerifier({ publicKey: join(dir, 'nope.pem') }),
    skyql('FILE_NOT_READABLE', /nope\.pem/),
  );
});

test('an unreadable document is FILE_NOT_READABLE', async () => {
  const verifier = loadVerifier({ publicKey: generateSigningKey().publicKeyPem });
  await assert.rejects(
    verifier.verifyFile(join(dir, 'absent.yaml')),
    skyql('FILE_NOT_READABLE', /absent\.yaml/),
  );
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { loadVerifier } from '../../../../../src/core/catalog/registry/signature.js';
import { signBuffer } from '../../../../support/sign-fixture.js';

const HOUR = 3600_000;

/** Makes a self-signed Ed25519 certificate with the openssl CLI, or returns undefined without it. */
function makeCertificate(dir: string) {
  if (spawnSync('openssl', ['version']).status !== 0) return undefined;
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', keyPath, '-out', certPath];
  const r = spawnSync('openssl', [...args, '-days', '2', '-subj', '/O=Skyql Test/CN=Signer'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const cert = new X509Certificate(readFileSync(certPath));
  return {
    certPath,
    privateKey: createPrivateKey(readFileSync(keyPath)),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

test('an X.509 certificate key enforces its validity window on the signed timestamp', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-cert-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const made = makeCertificate(dir);
  if (!made) {
    t.skip('openssl CLI not available');
    return;
  }
  const { certPath, privateKey, notBefore, notAfter } = made;
  const data = Buffer.from('provider: google\n');
  const sigAt = (when: Date | null) => signBuffer(data, privateKey, when);
  const invalid = (re: RegExp) => (err: unknown) =>
    isSkyqlError(err, 'SIGNATURE_INVALID') && re.test(err.message);

  for (const publicKey of [certPath, readFileSync(certPath, 'utf8')]) {
    const verifier = loadVerifier({ publicKey });
    verifier.verifyBuffer('doc.yaml', data, sigAt(new Date(notBefore.getTime() + HOUR)));
    verifier.verifyBuffer('doc.yaml', data, sigAt(notAfter)); // bounds are inclusive
    assert.throws(
      () => verifier.verifyBuffer('doc.yaml', data, sigAt(new Date(notBefore.getTime() - 60_000))),
      invalid(
        /^signature of doc\.yaml was made at .*, outside the validity of the certificate O=Skyql Test, CN=Signer/,
      ),
    );
    assert.throws(
      () => verifier.verifyBuffer('doc.yaml', data, sigAt(new Date(notAfter.getTime() + 1000))),
      invalid(/outside the validity/),
    );
    assert.throws(() => verifier.verifyBuffer('doc.yaml', data, sigAt(null)), invalid(/has no timestamp/));
    // The time check never rescues a bad signature: a wrong signature inside the window still fails.
    assert.throws(
      () =>
        verifier.verifyBuffer('doc.yaml', Buffer.from('other'), sigAt(new Date(notBefore.getTime() + HOUR))),
      invalid(/does not verify against the configured key/),
    );
  }
});

// Checks against the real published google v1.0.4 package and StackQL's public signing certificate.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { x as extract } from 'tar';
import { isSkyqlError } from '../../../../../src/base/errors/skyql-error.js';
import { loadVerifier, parseSignatureFile } from '../../../../../src/core/catalog/registry/signature.js';
import { STACKQL_SIGNING_BUNDLE_PEM } from '../../../../../src/core/catalog/registry/signature-bundle.js';

/**
 * The SPKI public key inside the StackQL signing certificate (and every earlier one): checks StackQL
 * signatures by key alone, ignoring certificate validity.
 */
const STACKQL_SIGNING_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAeucV9eW6aRzSuOaxe1FTDaatJX7Jx0IsCMG6GzZjkTk=
-----END PUBLIC KEY-----
`;

const TGZ = '/work/shared/registry/providers/dist/googleapis.com/v1.0.4.tgz';
const FILES = ['provider.yaml', 'services/cloudresourcemanager.yaml'].flatMap((f) => [
  `v1.0.4/${f}`,
  `v1.0.4/${f}.sig`,
]);

/**
 * An earlier StackQL signing certificate over the same key, valid 2022-02-12T10:55:05Z to
 * 2024-02-12T10:55:05Z: `signing/Ed25519/test/embedded-cert.pem` in stackql/stackql-provider-registry.
 */
const STACKQL_2022_CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBojCCAVSgAwIBAgIRAKAWgEHxNF0qkxpplNUZAP0wBQYDK2VwMDExGDAWBgNV
BAoTD1N0YWNrUUwgU3R1ZGlvczEVMBMGA1UEAxMMSmVmZnJleSBBdmVuMB4XDTIy
MDIxMjEwNTUwNVoXDTI0MDIxMjEwNTUwNVowMTEYMBYGA1UEChMPU3RhY2tRTCBT
dHVkaW9zMRUwEwYDVQQDEwxKZWZmcmV5IEF2ZW4wKjAFBgMrZXADIQB65xX15bpp
HNK45rF7UVMNpq0lfsnHQiwIwbobNmOROaOBgDB+MA4GA1UdDwEB/wQEAwIChDAT
BgNVHSUEDDAKBggrBgEFBQcDATAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBSF
yMVSawVqu2UzXd7IT7Ge/kIBSjAnBgNVHREEIDAeggpzdGFja3FsLmlvgRBqYXZl
bkBzdGFja3FsLmlvMAUGAytlcANBAKg1uOra6+vlpbtzXXPw0mqiHVygyrh2jIr4
oz//4tApDLcPvbErdixrMwq5fKtgD/w10Z0Hu/wKFe89o0ZU7AI=
-----END CERTIFICATE-----
`;

test('google v1.0.4 signatures: format, StackQL key and certificate windows', async (t) => {
  if (!existsSync(TGZ)) {
    t.skip(`${TGZ} not present`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'skyql-v104-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await extract({ file: TGZ, cwd: dir }, FILES);
  const provider = join(dir, 'v1.0.4/provider.yaml');

  const sigText = readFileSync(`${provider}.sig`, 'utf8');
  assert.equal(sigText.trim().length, 108);
  const sig = parseSignatureFile(sigText);
  const year = sig.timestamp?.getUTCFullYear() ?? 0;
  assert.ok(year >= 2022 && year <= 2025, `implausible signing year ${year}`);
  assert.equal(sig.timestamp?.toISOString(), '2022-07-29T07:14:26.253Z');
  assert.equal(sig.timestampBytes?.length, 15);
  assert.equal(sig.signature.length, 64);

  // The bare StackQL key verifies the published documents.
  const byKey = loadVerifier({ publicKey: STACKQL_SIGNING_PUBLIC_KEY_PEM });
  await byKey.verifyFile(provider);
  await byKey.verifyFile(join(dir, 'v1.0.4/services/cloudresourcemanager.yaml'));

  // So does the 2022-2024 certificate, whose window contains the signing time.
  await loadVerifier({ publicKey: STACKQL_2022_CERT_PEM }).verifyFile(provider);

  // The current embedded certificate (the default) is valid only from 2025-02-27: the signature
  // checks out cryptographically, but its 2022 timestamp is outside the window.
  for (const verifier of [loadVerifier(), loadVerifier({ publicKey: STACKQL_SIGNING_BUNDLE_PEM })]) {
    await assert.rejects(verifier.verifyFile(provider), (err: unknown) => {
      assert.ok(isSkyqlError(err, 'SIGNATURE_INVALID'));
      assert.match(
        err.message,
        /was made at 2022-07-29T07:14:26\.253Z, outside the validity of the certificate/,
      );
      assert.match(
        err.message,
        /O=StackQL Studios, CN=Jeffrey Aven \(2025-02-27T21:15:00\.000Z to 2027-08-16T21:15:00\.000Z\)/,
      );
      return true;
    });
  }

  // A byte changed in the real document breaks the real signature.
  const data = readFileSync(provider);
  data[0] ^= 0x20;
  assert.throws(
    () => byKey.verifyBuffer('provider.yaml', data, sigText),
    (err: unknown) => isSkyqlError(err, 'SIGNATURE_INVALID'),
  );
});

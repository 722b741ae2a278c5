import type { KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { nodeCrypto } from '../../../base/util/lazy-crypto.js';

/** One Ed25519 key that signatures may be checked against. */
export interface SigningKey {
  readonly key: KeyObject;
  /** Where the key came from, for messages: `certificate O=..., CN=...` or `public key`. */
  readonly label: string;
  /** Certificate validity; absent for a bare public key (no time check). */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Reads Ed25519 signing keys from `source`: PEM text, or the path of a PEM file, holding one or more
 * `CERTIFICATE` (X.509; its validity window is kept) and/or `PUBLIC KEY` (SPKI) blocks.
 * @throws SkyqlError FILE_NOT_READABLE for an unreadable path, BAD_REGISTRY_CONFIG for bad content.
 */
export function loadSigningKeys(source: string): SigningKey[] {
  const isPem = source.includes('-----BEGIN ');
  const origin = isPem ? 'the configured PEM text' : source;
  const text = isPem ? source : readKeyFile(source);
  const keys: SigningKey[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const [block, type] = m;
    if (type === 'CERTIFICATE') keys.push(fromCertificate(block, origin));
    else if (type === 'PUBLIC KEY')
      keys.push({ key: ed25519(createKey(block, origin), origin), label: 'public key' });
    else {
      throw new SkyqlError(
        'BAD_REGISTRY_CONFIG',
        `${origin} holds a ${type} block; expected CERTIFICATE or PUBLIC KEY`,
        {
          hint: "configure the signer's public key or certificate, never a private key",
        },
      );
    }
  }
  if (keys.length === 0) {
    throw new SkyqlError('BAD_REGISTRY_CONFIG', `no PEM CERTIFICATE or PUBLIC KEY found in ${origin}`);
  }
  return keys;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read signing key file ${path}: ${why}`, { cause: err });
  }
}

function createKey(pem: string, origin: string): KeyObject {
  try {
    return nodeCrypto().createPublicKey(pem);
  } catch (err) {
    throw badPem(origin, 'PUBLIC KEY', err);
  }
}

function fromCertificate(pem: string, origin: string): SigningKey {
  let cert: X509Certificate;
  try {
    cert = new (nodeCrypto().X509Certificate)(pem);
  } catch (err) {
    throw badPem(origin, 'CERTIFICATE', err);
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new SkyqlError('BAD_REGISTRY_CONFIG', `certificate in ${origin} has an unreadable validity period`);
  }
  const label = `certificate ${cert.subject.split('\n').join(', ')}`;
  return { key: ed25519(cert.publicKey, origin), label, notBefore, notAfter };
}

function ed25519(key: KeyObject, origin: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SkyqlError(
      'BAD_REGISTRY_CONFIG',
      `signing key in ${origin} is ${key.asymmetricKeyType ?? 'unknown'}; StackQL signatures need Ed25519`,
    );
  }
  return key;
}

function badPem(origin: string, type: string, err: unknown): SkyqlError {
  const why = err instanceof Error ? err.message : String(err);
  return new SkyqlError('BAD_REGISTRY_CONFIG', `cannot parse the ${type} in ${origin}: ${why}`, {
    cause: err,
  });
}

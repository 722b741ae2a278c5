import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { SkyqlError } from '../../../base/errors/skyql-error.js';

/** A public key the token endpoint accepts JWT signatures from. */
export interface TrustedKey {
  readonly publicKey: KeyObject;
  /** The service account the key belongs to: the JWT's `iss` must name it. */
  readonly email?: string;
  /** `private_key_id`: matched against the JWT header's `kid` when both are known. */
  readonly keyId?: string;
}

/** What can be trusted: PEM text (public key, certificate or private key), a service-account key JSON, or a key. */
export type TrustedKeyInput =
  | string
  | KeyObject
  | { readonly publicKey: string | KeyObject; readonly email?: string; readonly keyId?: string };

function bad(message: string): SkyqlError {
  return new SkyqlError('BAD_EMULATOR_CONFIG', message, {
    hint: 'give a PEM public key, an X.509 certificate, or a service-account key JSON (with private_key and client_email)',
  });
}

function rsa(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'rsa')
    throw bad(`trusted keys must be RSA keys (got ${key.asymmetricKeyType ?? 'unknown'})`);
  return key;
}

/** Public keys of every PEM block in `text`. */
function keysFromPem(text: string): KeyObject[] {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g)];
  if (blocks.length === 0) throw bad('no PEM block found in the trusted key');
  return blocks.map(([pem, label]) => {
    try {
      if (label === 'CERTIFICATE') return rsa(new X509Certificate(pem).publicKey);
      if (label.includes('PRIVATE KEY')) return rsa(createPublicKey(createPrivateKey(pem)));
      return rsa(createPublicKey(pem));
    } catch (err) {
      if (err instanceof SkyqlError) throw err;
      throw bad(`cannot read the ${label.toLowerCase()} of a trusted key: ${(err as Error).message}`);
    }
  });
}

/** Parses one trusted-key input into keys (a PEM bundle may hold several). */
export function parseTrustedKey(input: TrustedKeyInput): TrustedKey[] {
  if (typeof input !== 'string') {
    if ('asymmetricKeyType' in input || 'export' in input) return [{ publicKey: rsa(input as KeyObject) }];
    const o = input as { publicKey: string | KeyObject; email?: string; keyId?: string };
    const keys = typeof o.publicKey === 'string' ? keysFromPem(o.publicKey) : [rsa(o.publicKey)];
    return keys.map((publicKey) => ({ publicKey, email: o.email, keyId: o.keyId }));
  }
  const text = input.trim();
  if (text.startsWith('{')) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw bad(`trusted key JSON is not valid: ${(err as Error).message}`);
    }
    const pem =
      typeof json.private_key === 'string'
        ? json.private_key
        : typeof json.public_key === 'string'
          ? json.public_key
          : undefined;
    if (pem === undefined) throw bad('service-account key JSON has neither private_key nor public_key');
    const email = typeof json.client_email === 'string' ? json.client_email : undefined;
    const keyId = typeof json.private_key_id === 'string' ? json.private_key_id : undefined;
    return keysFromPem(pem).map((publicKey) => ({ publicKey, email, keyId }));
  }
  return keysFromPem(text).map((publicKey) => ({ publicKey }));
}

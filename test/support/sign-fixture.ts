/**
 * Test helpers that produce StackQL-format signatures: base64 of
 * `GoTime(when) || Ed25519(privateKey, fileBytes || GoTime(when))`.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { encodeGoTime } from '../../src/core/catalog/registry/go-time.js';

/** A fresh Ed25519 key pair. */
export interface SigningKeyPair {
  readonly privateKey: KeyObject;
  /** SPKI `PUBLIC KEY` PEM text. */
  readonly publicKeyPem: string;
}

/** Generates an Ed25519 key pair for signing fixtures. */
export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * Returns the `.sig` text for `data`. `when` (default now) is the signed timestamp; `null` makes a
 * bare 64-byte signature over the data alone.
 */
export function signBuffer(data: Uint8Array, privateKey: KeyObject, when: Date | null = new Date()): string {
  const ts = when === null ? Buffer.alloc(0) : encodeGoTime(when);
  const signature = sign(null, Buffer.concat([data, ts]), privateKey);
  return Buffer.concat([ts, signature]).toString('base64');
}

/** Signs the file at `path`, writing `path.sig` (see {@link signBuffer} for `when`). */
export async function signFile(path: string, privateKey: KeyObject, when?: Date | null): Promise<void> {
  await writeFile(`${path}.sig`, signBuffer(await readFile(path), privateKey, when));
}

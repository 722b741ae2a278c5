/**
 * StackQL provider-document signatures (spec 8.5). A document `X` is accompanied by `X.sig`: base64
 * of `timestampBytes || signature`, where `timestampBytes` is Go `time.Time.MarshalBinary()` (15 or
 * 16 bytes) and `signature` is Ed25519 over `fileBytes || timestampBytes` (64 bytes). A bare 64-byte
 * blob is a signature over the file alone.
 */
import { readFileSync } from 'node:fs';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { nodeCrypto } from '../../../base/util/lazy-crypto.js';
import { decodeGoTime } from './go-time.js';
import { STACKQL_SIGNING_BUNDLE_PEM } from './signature-bundle.js';
import { loadSigningKeys, type SigningKey } from './signature-keys.js';

/** Size of an Ed25519 signature. */
const SIGNATURE_BYTES = 64;

/** A decoded `.sig` file. */
export interface ParsedSignature {
  /** When the document was signed (absent for a bare 64-byte signature). */
  readonly timestamp?: Date;
  /** The raw Go time bytes, which are part of the signed message. */
  readonly timestampBytes?: Buffer;
  /** The 64-byte Ed25519 signature. */
  readonly signature: Buffer;
}

/** How to verify: see {@link loadVerifier}. */
export interface VerifierConfig {
  /** PEM text, or the path of a PEM file: SPKI public key(s) and/or X.509 certificate(s). */
  readonly publicKey?: string;
}

/** Checks documents against their StackQL signatures. */
export interface Verifier {
  /** A digest of the keys it trusts (hex): what it accepts changes exactly when this does. */
  readonly keyId: string;
  /**
   * Reads `path` and `path + '.sig'` and checks the signature.
   * @throws SkyqlError SIGNATURE_MISSING (no `.sig`), SIGNATURE_INVALID, FILE_NOT_READABLE.
   */
  verifyFile(path: string): Promise<void>;
  /** Synchronous {@link Verifier.verifyFile}, for callers that load documents synchronously. */
  verifyFileSync(path: string): void;
  /**
   * Checks `sigText` (the `.sig` content) against `data`; `name` is used in messages.
   * @throws SkyqlError SIGNATURE_INVALID.
   */
  verifyBuffer(name: string, data: Uint8Array, sigText: string): void;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes the text of a `.sig` file (standard padded base64; whitespace ignored).
 * @param source names the signature in error messages.
 * @throws SkyqlError SIGNATURE_INVALID for bad base64, a wrong length or a malformed timestamp.
 */
export function parseSignatureFile(text: string, source = 'signature file'): ParsedSignature {
  const b64 = text.replace(/\s+/g, '');
  if (b64 === '') throw invalid(`${source} is empty`);
  if (!BASE64.test(b64) || b64.length % 4 !== 0) throw invalid(`${source} is not valid base64`);
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < SIGNATURE_BYTES) {
    throw invalid(
      `${source} decodes to ${raw.length} bytes; expected 64 (signature) or 79 (timestamp + signature)`,
    );
  }
  const signature = raw.subarray(raw.length - SIGNATURE_BYTES);
  if (raw.length === SIGNATURE_BYTES) return { signature };
  const timestampBytes = raw.subarray(0, raw.length - SIGNATURE_BYTES);
  try {
    return { timestamp: decodeGoTime(timestampBytes), timestampBytes, signature };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw invalid(`${source} has a malformed ${timestampBytes.length}-byte timestamp (${why})`);
  }
}

/**
 * Builds a {@link Verifier}. `config.publicKey` defaults to StackQL's embedded signing certificate
 * ({@link STACKQL_SIGNING_BUNDLE_PEM}). A signature passes when it verifies against any configured
 * key; for a certificate key the signed timestamp must also lie within the certificate's validity
 * (so untimestamped signatures fail), for a bare public key no time check is made.
 * @throws SkyqlError FILE_NOT_READABLE / BAD_REGISTRY_CONFIG when the key cannot be loaded.
 */
export function loadVerifier(config: VerifierConfig = {}): Verifier {
  const keys = loadSigningKeys(config.publicKey ?? STACKQL_SIGNING_BUNDLE_PEM);
  const digest = nodeCrypto().createHash('sha256');
  for (const k of keys) digest.update(k.key.export({ type: 'spki', format: 'der' }));
  const verifier: Verifier = {
    keyId: digest.digest('hex'),
    async verifyFile(path) {
      const { readFile } = process.getBuiltinModule('node:fs/promises');
      let data: Buffer;
      let sigText: string;
      try {
        data = await readFile(path);
      } catch (err) {
        throw unreadable(path, err);
      }
      try {
        sigText = await readFile(`${path}.sig`, 'utf8');
      } catch (err) {
        throw sigReadError(path, err);
      }
      verifier.verifyBuffer(path, data, sigText);
    },
    verifyFileSync(path) {
      let data: Buffer;
      let sigText: string;
      try {
        data = readFileSync(path);
      } catch (err) {
        throw unreadable(path, err);
      }
      try {
        sigText = readFileSync(`${path}.sig`, 'utf8');
      } catch (err) {
        throw sigReadError(path, err);
      }
      verifier.verifyBuffer(path, data, sigText);
    },
    verifyBuffer(name, data, sigText) {
      checkSignature(name, data, parseSignatureFile(sigText, `signature file ${name}.sig`), keys);
    },
  };
  return verifier;
}

function checkSignature(name: string, data: Uint8Array, sig: ParsedSignature, keys: SigningKey[]): void {
  const message = sig.timestampBytes ? Buffer.concat([data, sig.timestampBytes]) : data;
  let windowError: SkyqlError | undefined;
  for (const k of keys) {
    if (!nodeCrypto().verify(null, message, k.key, sig.signature)) continue;
    const why = outsideValidity(sig.timestamp, k);
    if (why === undefined) return;
    windowError ??= invalid(`signature of ${name} ${why}`, {
      hint: 'configure a certificate valid at the signing time, or the bare public key to check the key only',
    });
  }
  throw windowError ?? invalid(`signature of ${name} does not verify against the configured key`);
}

/** Why `timestamp` is not acceptable for key `k`, or undefined when it is. */
function outsideValidity(timestamp: Date | undefined, k: SigningKey): string | undefined {
  if (!k.notBefore || !k.notAfter) return undefined;
  const range = `${k.notBefore.toISOString()} to ${k.notAfter.toISOString()}`;
  if (!timestamp) return `has no timestamp, so it cannot be checked against the ${k.label} (valid ${range})`;
  const t = timestamp.getTime();
  if (t >= k.notBefore.getTime() && t <= k.notAfter.getTime()) return undefined;
  return `was made at ${timestamp.toISOString()}, outside the validity of the ${k.label} (${range})`;
}

function sigReadError(path: string, err: unknown): SkyqlError {
  const sigPath = `${path}.sig`;
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return unreadable(sigPath, err);
  return new SkyqlError('SIGNATURE_MISSING', `signature file ${sigPath} not found for ${path}`, {
    hint: 'to skip signature checks, set "verifyConfig": {"nopVerify": true} in the --registry config',
    cause: err,
  });
}

function unreadable(path: string, err: unknown): SkyqlError {
  const why = err instanceof Error ? err.message : String(err);
  return new SkyqlError('FILE_NOT_READABLE', `cannot read ${path}: ${why}`, { cause: err });
}

function invalid(message: string, options: { hint?: string } = {}): SkyqlError {
  return new SkyqlError('SIGNATURE_INVALID', message, options);
}

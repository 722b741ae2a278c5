import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** What the server keeps instead of the password (RFC 5802 §3). */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** Derives the verifier from a password (NFKC-normalised as a stand-in for SASLprep). */
export function scramVerifier(password: string, iterations = 4096, salt = randomBytes(16)): ScramVerifier {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  return {
    salt,
    iterations,
    storedKey: sha256(hmac(salted, 'Client Key')),
    serverKey: hmac(salted, 'Server Key'),
  };
}

function attributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 7677), without channel binding (the server
 * offers only `SCRAM-SHA-256`, so clients send the gs2 header `n,,` or `y,,`).
 */
export class ScramServer {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';

  constructor(private readonly verifier: ScramVerifier) {}

  /** Handles client-first-message; returns server-first-message. Throws Error when malformed. */
  first(clientFirst: string): string {
    const gs2 = /^([ny]|p=[^,]*),[^,]*,/.exec(clientFirst);
    if (!gs2) throw new Error('malformed SCRAM client-first-message');
    if (gs2[1].startsWith('p=')) throw new Error('SCRAM channel binding is not supported');
    this.clientFirstBare = clientFirst.slice(gs2[0].length);
    const clientNonce = attributes(this.clientFirstBare).get('r');
    if (!clientNonce) throw new Error('SCRAM client nonce missing');
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /**
   * Handles client-final-message: returns server-final-message (`v=<signature>`) when the proof is
   * right, undefined when the password is wrong. Throws Error when malformed.
   */
  final(clientFinal: string): string | undefined {
    const attrs = attributes(clientFinal);
    const proof = attrs.get('p');
    if (attrs.get('r') !== this.nonce || !proof || !attrs.has('c'))
      throw new Error('malformed SCRAM client-final-message');
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const proofBytes = Buffer.from(proof, 'base64');
    if (proofBytes.length !== signature.length) return undefined;
    const clientKey = Buffer.from(proofBytes.map((b, i) => b ^ signature[i]));
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

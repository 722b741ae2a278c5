import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import type { ServiceAccountKeyFile } from '../../../core/http/auth/service-account.js';
import type { Reply } from '../server/emulator-context.js';
import { unauthenticated } from '../server/google-error.js';
import { parseTrustedKey, type TrustedKey, type TrustedKeyInput } from './trusted-keys.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The audiences Google's token endpoint accepts in service-account JWTs. */
export const GOOGLE_TOKEN_AUDIENCES = [
  'https://oauth2.googleapis.com/token',
  'https://www.googleapis.com/oauth2/v4/token',
  'https://accounts.google.com/o/oauth2/token',
];
/** Clock skew tolerated on `iat`. */
const SKEW_SECONDS = 300;
const MAX_LIFETIME_SECONDS = 3600;

/** An OAuth error (RFC 6749 shape, which is what Google's token endpoint answers). */
class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** The claims that matter once a JWT assertion checks out. */
export interface VerifiedAssertion {
  readonly iss: string;
  readonly sub?: string;
  readonly scope?: string;
}

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new OAuthError('invalid_grant', `Invalid JWT: cannot decode the ${what}.`);
}

/**
 * Checks a service-account JWT assertion: RS256 signature by one of `keys` (the one named by `kid`
 * when known), `iss` (the key's service account when known), `aud` (one of `audiences`), `iat` and
 * `exp` (valid now, at most an hour apart).
 */
function verifyAssertion(
  assertion: string,
  keys: readonly TrustedKey[],
  audiences: readonly string[],
  now = Math.floor(Date.now() / 1000),
): VerifiedAssertion {
  const parts = assertion.split('.');
  if (parts.length !== 3 || parts.some((p) => p === ''))
    throw new OAuthError('invalid_grant', 'Invalid JWT: the assertion must have three parts.');
  const header = decodePart(parts[0], 'header');
  const claims = decodePart(parts[1], 'claim set');
  if (header.alg !== 'RS256')
    throw new OAuthError(
      'invalid_grant',
      `Invalid JWT: unsupported algorithm '${String(header.alg)}'; RS256 is required.`,
    );
  const signature = Buffer.from(parts[2], 'base64url');
  const byKid = typeof header.kid === 'string' ? keys.filter((k) => k.keyId === header.kid) : [];
  const candidates = byKid.length > 0 ? byKid : keys;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const key = candidates.find((k) => {
    try {
      return verify('RSA-SHA256', signed, k.publicKey, signature);
    } catch {
      return false;
    }
  });
  if (!key) throw new OAuthError('invalid_grant', 'Invalid JWT Signature.');
  const iss = claims.iss;
  if (typeof iss !== 'string' || iss === '')
    throw new OAuthError('invalid_grant', 'Invalid JWT: the iss claim is missing.');
  if (key.email !== undefined && iss !== key.email)
    throw new OAuthError('invalid_grant', `Invalid JWT: iss '${iss}' does not own the signing key.`);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) {
    throw new OAuthError(
      'invalid_grant',
      `Invalid JWT: Failed audience check. The expected audience is ${audiences[0]}.`,
    );
  }
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= now ||
    iat > now + SKEW_SECONDS ||
    exp <= iat ||
    exp - iat > MAX_LIFETIME_SECONDS
  ) {
    throw new OAuthError(
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  return {
    iss,
    sub: typeof claims.sub === 'string' ? claims.sub : undefined,
    scope: typeof claims.scope === 'string' ? claims.scope : undefined,
  };
}

/** An issued access token. */
export interface IssuedToken {
  readonly principal: string;
  readonly scope: string | undefined;
  readonly expiresAt: number;
}

/**
 * The OAuth side of the emulator: trusted service-account keys, the JWT-bearer token exchange and
 * the check of `Authorization: Bearer` on API calls.
 */
export class AuthService {
  private readonly keys: TrustedKey[] = [];
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly lifetimeSeconds: () => number) {}

  /** Trusts the key(s) in `input`; returns how many keys are trusted now. */
  trust(input: TrustedKeyInput): number {
    this.keys.push(...parseTrustedKey(input));
    return this.keys.length;
  }

  get trustedKeyCount(): number {
    return this.keys.length;
  }

  /** Issues an access token directly (admin API, tests). */
  issueToken(
    principal = 'emulator@skyql.local',
    scope?: string,
  ): { access_token: string; expires_in: number; token_type: 'Bearer' } {
    const lifetime = Math.max(1, Math.floor(this.lifetimeSeconds()));
    const token = `ya29.emu-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { principal, scope, expiresAt: Date.now() + lifetime * 1000 });
    return { access_token: token, expires_in: lifetime, token_type: 'Bearer' };
  }

  /** Forgets every issued token. */
  revokeAll(): void {
    this.tokens.clear();
  }

  /**
   * `POST /oauth2.googleapis.com/token`: a form (or JSON) with `grant_type` = JWT bearer and an
   * `assertion`. `audiences` are the token URLs the JWT may name.
   */
  exchange(body: Buffer, contentType: string, audiences: readonly string[]): Reply {
    const text = body.toString('utf8');
    let form: URLSearchParams;
    if (contentType.toLowerCase().includes('json')) {
      try {
        form = new URLSearchParams(
          Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]): [string, string] => [
            k,
            String(v),
          ]),
        );
      } catch {
        return this.oauthError(new OAuthError('invalid_request', 'The request body is not valid JSON.'));
      }
    } else {
      form = new URLSearchParams(text);
    }
    const grant = form.get('grant_type');
    try {
      if (grant === null) throw new OAuthError('invalid_request', 'Missing required parameter: grant_type');
      if (grant !== JWT_BEARER_GRANT)
        throw new OAuthError('unsupported_grant_type', `Invalid grant_type: ${grant}`);
      const assertion = form.get('assertion');
      if (!assertion) throw new OAuthError('invalid_request', 'Missing required parameter: assertion');
      if (this.keys.length === 0)
        throw new OAuthError(
          'invalid_grant',
          'Invalid JWT Signature. (the emulator trusts no service-account keys; use --trust-key)',
        );
      const verified = verifyAssertion(assertion, this.keys, audiences);
      return { status: 200, json: this.issueToken(verified.sub ?? verified.iss, verified.scope) };
    } catch (err) {
      if (err instanceof OAuthError) return this.oauthError(err);
      throw err;
    }
  }

  private oauthError(err: OAuthError): Reply {
    return {
      status: err.error === 'invalid_grant' ? 400 : 400,
      json: { error: err.error, error_description: err.description },
    };
  }

  /** The principal of a valid bearer token; 401 UNAUTHENTICATED otherwise. */
  check(authorization: string | undefined, accessTokenParam: string | null): string {
    let token: string | undefined;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!m)
        throw unauthenticated(
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      token = m[1];
    } else if (accessTokenParam) {
      token = accessTokenParam;
    }
    if (token === undefined) {
      throw unauthenticated(
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= Date.now()) {
      if (issued) this.tokens.delete(token);
      throw unauthenticated(
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    return issued.principal;
  }

  /** Generates a throwaway service-account key file whose `token_uri` is the emulator's, and trusts it. */
  createServiceAccountKey(
    tokenUri: string,
    email = 'skyql-emulator@skyql-demo.iam.gserviceaccount.com',
  ): ServiceAccountKeyFile {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyId = randomBytes(20).toString('hex');
    this.keys.push({ publicKey, email, keyId });
    return {
      type: 'service_account',
      project_id: email.split('@')[1]?.split('.')[0] ?? 'skyql-demo',
      private_key_id: keyId,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: String(BigInt(`0x${randomBytes(8).toString('hex')}`)),
      token_uri: tokenUri,
    };
  }
}

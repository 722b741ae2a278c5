import type { KeyObject } from 'node:crypto';
import { nodeCrypto } from '../../../base/util/lazy-crypto.js';
import type { AccessToken, AuthDeps } from './authenticator.js';
import { CachedCredential } from './cached-credential.js';
import { type AuthCallContext, postForm, readOAuthToken } from './token-endpoint.js';
import { authError } from './token-errors.js';

/** Google's token endpoint, used when a key file has no `token_uri`. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A service account key file as Google writes it (and the emulator, for its own token endpoint). */
export interface ServiceAccountKeyFile {
  readonly type: 'service_account';
  readonly project_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly client_id: string;
  readonly token_uri: string;
  readonly quota_project_id?: string;
}

/** The parts of a service account key file skyql uses. The private key is held as a KeyObject. */
export interface ServiceAccountKey {
  readonly clientEmail: string;
  readonly privateKey: KeyObject;
  readonly privateKeyId?: string;
  readonly tokenUri: string;
  readonly quotaProjectId?: string;
}

/**
 * Validates a parsed `"type": "service_account"` key file. `origin` names where it came from for
 * messages (`/path/key.json`, `environment variable GOOGLE_CREDENTIALS`).
 */
export function parseServiceAccountKey(
  json: Readonly<Record<string, unknown>>,
  origin: string,
): ServiceAccountKey {
  const ctx = { source: `service account key from ${origin}`, secrets: secretsOf(json) };
  const hint = 'use a key file created with `gcloud iam service-accounts keys create` or the Cloud console';
  const email = json.client_email;
  if (typeof email !== 'string' || email === '') throw authError(ctx, 'the key has no "client_email"', hint);
  const pem = json.private_key;
  if (typeof pem !== 'string' || pem === '') throw authError(ctx, 'the key has no "private_key"', hint);
  let privateKey: KeyObject;
  try {
    privateKey = nodeCrypto().createPrivateKey(pem);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw authError(
      ctx,
      `"private_key" is not a readable PEM private key${typeof code === 'string' ? ` (${code})` : ''}`,
      hint,
    );
  }
  const tokenUri =
    typeof json.token_uri === 'string' && json.token_uri !== '' ? json.token_uri : GOOGLE_TOKEN_URI;
  if (!/^https?:\/\//.test(tokenUri))
    throw authError(ctx, `"token_uri" is not an http(s) URL: ${tokenUri}`, hint);
  return {
    clientEmail: email,
    privateKey,
    ...(typeof json.private_key_id === 'string' && json.private_key_id !== ''
      ? { privateKeyId: json.private_key_id }
      : {}),
    tokenUri,
    ...(typeof json.quota_project_id === 'string' && json.quota_project_id !== ''
      ? { quotaProjectId: json.quota_project_id }
      : {}),
  };
}

function secretsOf(json: Readonly<Record<string, unknown>>): string[] {
  return typeof json.private_key === 'string' ? [json.private_key] : [];
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs `claims` as a compact RS256 JWT (header `kid` when given). */
export function signJwt(claims: Readonly<Record<string, unknown>>, key: KeyObject, kid?: string): string {
  const header = kid === undefined ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = nodeCrypto().createSign('RSA-SHA256').update(input).sign(key);
  return `${input}.${base64url(signature)}`;
}

/** Options of the JWT-bearer flow. */
export interface ServiceAccountOptions {
  readonly scopes: readonly string[];
  /** User to act as (domain-wide delegation). */
  readonly sub?: string;
}

/**
 * The OAuth 2.0 JWT-bearer flow: a JWT signed with the key's private key is exchanged at the key's
 * `token_uri` for an access token, cached until shortly before it expires.
 */
export class ServiceAccountCredential extends CachedCredential {
  readonly quotaProjectId: string | undefined;

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly origin: string,
    private readonly options: ServiceAccountOptions,
    private readonly deps: Pick<AuthDeps, 'send' | 'now'>,
  ) {
    super(deps.now);
    this.quotaProjectId = key.quotaProjectId;
  }

  describe(): string {
    const as = this.options.sub === undefined ? '' : ` acting as ${this.options.sub}`;
    return `service account ${this.key.clientEmail} from ${this.origin}${as}`;
  }

  protected async fetchToken(): Promise<AccessToken> {
    const now = this.deps.now();
    const iat = Math.floor(now / 1000);
    const claims: Record<string, unknown> = {
      iss: this.key.clientEmail,
      scope: this.options.scopes.join(' '),
      aud: this.key.tokenUri,
      iat,
      exp: iat + 3600,
    };
    if (this.options.sub !== undefined) claims.sub = this.options.sub;
    const assertion = signJwt(claims, this.key.privateKey, this.key.privateKeyId);
    const ctx: AuthCallContext = {
      send: this.deps.send,
      source: this.describe(),
      secrets: [assertion],
      endpoint: `the key's "token_uri"`,
      hint:
        'the token endpoint rejected the key: check that the service account and key still exist and are ' +
        'enabled, that this machine’s clock is right' +
        (this.options.sub === undefined ? '' : ', and that domain-wide delegation is granted for the scopes'),
    };
    const res = await postForm(ctx, this.key.tokenUri, { grant_type: JWT_BEARER_GRANT, assertion });
    return readOAuthToken(ctx, this.key.tokenUri, res, this.deps.now());
  }
}

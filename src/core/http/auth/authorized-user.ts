import type { AccessToken, AuthDeps } from './authenticator.js';
import { CachedCredential } from './cached-credential.js';
import { GOOGLE_TOKEN_URI } from './service-account.js';
import { type AuthCallContext, postForm, readOAuthToken } from './token-endpoint.js';
import { authError } from './token-errors.js';

/** A `"type": "authorized_user"` file (what `gcloud auth application-default login` writes). */
export interface AuthorizedUserFile {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly tokenUri: string;
  readonly account?: string;
  readonly quotaProjectId?: string;
}

/** Validates a parsed authorized_user file; `origin` names where it came from. */
export function parseAuthorizedUser(
  json: Readonly<Record<string, unknown>>,
  origin: string,
): AuthorizedUserFile {
  const secrets = [json.client_secret, json.refresh_token].filter((s): s is string => typeof s === 'string');
  const ctx = { source: `user credentials (authorized_user) from ${origin}`, secrets };
  const hint = 'run `gcloud auth application-default login` to write a fresh file';
  for (const field of ['client_id', 'client_secret', 'refresh_token']) {
    const v = json[field];
    if (typeof v !== 'string' || v === '') throw authError(ctx, `the file has no "${field}"`, hint);
  }
  const tokenUri =
    typeof json.token_uri === 'string' && json.token_uri !== '' ? json.token_uri : GOOGLE_TOKEN_URI;
  return {
    clientId: json.client_id as string,
    clientSecret: json.client_secret as string,
    refreshToken: json.refresh_token as string,
    tokenUri,
    ...(typeof json.account === 'string' && json.account !== '' ? { account: json.account } : {}),
    ...(typeof json.quota_project_id === 'string' && json.quota_project_id !== ''
      ? { quotaProjectId: json.quota_project_id }
      : {}),
  };
}

/** User credentials: the refresh token is exchanged for access tokens at the token endpoint. */
export class AuthorizedUserCredential extends CachedCredential {
  readonly quotaProjectId: string | undefined;

  constructor(
    private readonly file: AuthorizedUserFile,
    private readonly origin: string,
    private readonly deps: Pick<AuthDeps, 'send' | 'now'>,
  ) {
    super(deps.now);
    this.quotaProjectId = file.quotaProjectId;
  }

  describe(): string {
    const who = this.file.account === undefined ? '' : ` for ${this.file.account}`;
    return `user credentials (authorized_user)${who} from ${this.origin}`;
  }

  protected async fetchToken(): Promise<AccessToken> {
    const ctx: AuthCallContext = {
      send: this.deps.send,
      source: this.describe(),
      secrets: [this.file.clientSecret, this.file.refreshToken],
      endpoint: `the file's "token_uri"`,
      hint: 'the refresh token was refused (revoked or expired?): run `gcloud auth application-default login` again',
    };
    const res = await postForm(ctx, this.file.tokenUri, {
      grant_type: 'refresh_token',
      client_id: this.file.clientId,
      client_secret: this.file.clientSecret,
      refresh_token: this.file.refreshToken,
    });
    return readOAuthToken(ctx, this.file.tokenUri, res, this.deps.now());
  }
}

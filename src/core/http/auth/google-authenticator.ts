import { type AuthSpec, authSpecFlag, DEFAULT_GOOGLE_SCOPES } from '../../../base/config/auth-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { HttpRequest } from '../http-types.js';
import { findApplicationDefaultCredentials } from './adc.js';
import { type AuthDeps, type Authenticator, type Credential, withHeaders } from './authenticator.js';
import { StaticTokenCredential } from './bearer.js';
import { credentialFromJson } from './credential-file.js';
import { readSpecSource } from './credential-source.js';
import { GcloudCredential } from './gcloud.js';
import { ImpersonatedCredential } from './impersonation.js';
import { raceSignal } from './token-cache.js';

/** Options of {@link createGoogleAuthenticator}. */
export interface GoogleAuthenticatorOptions {
  /** Provider name for messages (default `google`). */
  readonly provider?: string;
}

/**
 * The Authenticator for a Google provider. `spec` is the provider's resolved auth (see
 * `resolveAuthSpec`); undefined means nothing is configured, so Application Default Credentials are
 * used. Credentials are looked up lazily, on the first request that needs them; a spec that came
 * from the provider document whose source is absent (e.g. GOOGLE_CREDENTIALS unset) also falls
 * back to Application Default Credentials.
 */
export function createGoogleAuthenticator(
  spec: AuthSpec | undefined,
  deps: AuthDeps,
  options: GoogleAuthenticatorOptions = {},
): Authenticator {
  if (spec?.type === 'null_auth') return NULL_AUTHENTICATOR;
  return new GoogleAuthenticator(spec, deps, options.provider ?? 'google');
}

const NULL_AUTHENTICATOR: Authenticator = {
  authorize: (request) => Promise.resolve(request),
  describe: () => 'no credentials (null_auth)',
};

class GoogleAuthenticator implements Authenticator {
  private resolved: Credential | undefined;
  private resolving: Promise<Credential> | undefined;

  constructor(
    private readonly spec: AuthSpec | undefined,
    private readonly deps: AuthDeps,
    private readonly provider: string,
  ) {}

  async authorize(request: HttpRequest, signal?: AbortSignal): Promise<HttpRequest> {
    const credential = await this.credential(signal);
    const token = await credential.token(signal);
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const quota = this.quotaProject(credential);
    if (quota !== undefined) headers['x-goog-user-project'] = quota;
    return withHeaders(request, headers);
  }

  invalidate(): void {
    this.resolved?.invalidate?.();
  }

  describe(): string {
    const base = this.resolved?.describe() ?? this.pendingDescription();
    const quota = this.quotaProject(this.resolved);
    return quota === undefined ? base : `${base}; quota project ${quota}`;
  }

  private quotaProject(credential: Credential | undefined): string | undefined {
    return (
      this.spec?.quotaProject ??
      (this.deps.env.GOOGLE_CLOUD_QUOTA_PROJECT?.trim() || credential?.quotaProjectId)
    );
  }

  /** The credential, looked up once; concurrent first callers share the lookup. */
  private credential(signal?: AbortSignal): Promise<Credential> {
    if (this.resolved !== undefined) return Promise.resolve(this.resolved);
    if (this.resolving === undefined) {
      const p = this.resolve().then(
        (c) => {
          this.resolved = c;
          this.resolving = undefined;
          return c;
        },
        (err: unknown) => {
          this.resolving = undefined;
          throw err;
        },
      );
      this.resolving = p;
    }
    return raceSignal(this.resolving, signal);
  }

  private async resolve(): Promise<Credential> {
    const spec = this.spec;
    const impersonating = spec?.impersonateServiceAccount !== undefined;
    const targetScopes = spec?.scopes ?? DEFAULT_GOOGLE_SCOPES;
    // An impersonating source only needs to call IAM Credentials: Google's libraries give it cloud-platform.
    const sourceScopes = impersonating ? DEFAULT_GOOGLE_SCOPES : targetScopes;
    const adc = (lookedAt: string[]) =>
      findApplicationDefaultCredentials(this.deps, {
        scopes: sourceScopes,
        customScopes: !impersonating && spec?.scopes !== undefined,
        ...(spec?.sub === undefined ? {} : { sub: spec.sub }),
        lookedAt,
      });

    let base: Credential;
    if (spec === undefined) {
      base = await adc([
        `--auth: no entry for '${this.provider}', and its provider document sets no config.auth`,
      ]);
    } else if (spec.type === 'adc') {
      base = await adc([]);
    } else if (spec.type === 'interactive') {
      base = new GcloudCredential(this.deps);
    } else {
      const what = spec.type === 'bearer' ? 'bearer token' : 'service account key';
      const source = await readSpecSource(spec, this.deps, what);
      if (!source.found) {
        if (spec.origin !== 'provider') {
          throw new SkyqlError(
            'AUTH_ERROR',
            spec.origin === 'keyfilepath'
              ? `--keyfilepath: ${source.reason}`
              : `${authSpecFlag(spec.origin)} for '${this.provider}' (${spec.type}): ${source.reason}`,
            {
              hint: source.hint,
            },
          );
        }
        base = await adc([`provider default auth (config.auth, ${spec.type}): ${source.reason}`]);
      } else if (spec.type === 'bearer') {
        base = new StaticTokenCredential(checkBearer(source.text, source.origin), source.origin);
      } else {
        base = credentialFromJson(source.text, source.origin, this.deps, {
          scopes: sourceScopes,
          ...(spec.sub === undefined ? {} : { sub: spec.sub }),
        });
      }
    }

    if (spec?.impersonateServiceAccount === undefined) return base;
    return new ImpersonatedCredential(
      base,
      {
        targetServiceAccount: spec.impersonateServiceAccount,
        scopes: targetScopes,
        ...(spec.delegates === undefined ? {} : { delegates: spec.delegates }),
      },
      this.deps,
    );
  }

  private pendingDescription(): string {
    const spec = this.spec;
    let base: string;
    if (spec === undefined || spec.type === 'adc') {
      base = 'application default credentials (not looked up yet)';
    } else if (spec.type === 'interactive') {
      base = new GcloudCredential(this.deps).describe();
    } else {
      const what = spec.type === 'bearer' ? 'bearer token' : 'service account key';
      base = `${what} from ${sourceLabel(spec)}`;
      if (spec.origin === 'provider') base += ' (provider default; else application default credentials)';
    }
    if (spec?.impersonateServiceAccount === undefined) return base;
    return `service account ${spec.impersonateServiceAccount} impersonated with ${base}`;
  }
}

function sourceLabel(spec: AuthSpec): string {
  if (spec.credentialsEnvVar !== undefined) return `environment variable ${spec.credentialsEnvVar}`;
  if (spec.credentialsFilePathEnvVar !== undefined) {
    return `the file named by environment variable ${spec.credentialsFilePathEnvVar}`;
  }
  return spec.credentialsFilePath ?? '(no source)';
}

/** A bearer token must be one header-safe word; the message never quotes it. */
function checkBearer(text: string, origin: string): string {
  const token = text.trim().replace(/^Bearer\s+/i, '');
  if (token === '') throw new SkyqlError('AUTH_ERROR', `bearer token from ${origin} is empty`);
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new SkyqlError(
      'AUTH_ERROR',
      `bearer token from ${origin} is not a single token (it contains spaces, line breaks or non-ASCII characters)`,
      { hint: 'put only the access token there, e.g. the output of `gcloud auth print-access-token`' },
    );
  }
  return token;
}

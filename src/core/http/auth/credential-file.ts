import { DEFAULT_GOOGLE_SCOPES, safeJsonError } from '../../../base/config/auth-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { AuthDeps, Credential } from './authenticator.js';
import { AuthorizedUserCredential, parseAuthorizedUser } from './authorized-user.js';
import { ImpersonatedCredential, serviceAccountOfUrl } from './impersonation.js';
import { parseServiceAccountKey, ServiceAccountCredential } from './service-account.js';

/** Options applied to whatever credential a file holds. */
export interface CredentialFileOptions {
  readonly scopes: readonly string[];
  /** Domain-wide delegation subject (service account keys only). */
  readonly sub?: string;
}

/**
 * Builds a credential from the text of a Google credentials JSON file, dispatching on its `type`:
 * `service_account` (JWT-bearer flow), `authorized_user` (refresh token), or
 * `impersonated_service_account` (source credentials + generateAccessToken). `origin` names where
 * the text came from, for messages.
 */
export function credentialFromJson(
  text: string,
  origin: string,
  deps: Pick<AuthDeps, 'send' | 'now'>,
  options: CredentialFileOptions,
): Credential {
  const json = parseCredentialsJson(text, origin);
  return credentialFromObject(json, origin, deps, options);
}

/** Parses credentials JSON text, with errors that never quote the text. */
function parseCredentialsJson(text: string, origin: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    const looksLikePath = !text.trim().startsWith('{') && origin.startsWith('environment variable');
    throw new SkyqlError(
      'AUTH_ERROR',
      `credentials from ${origin} are not valid JSON (${safeJsonError(err)})`,
      {
        hint: looksLikePath
          ? 'credentialsenvvar must hold the key JSON itself; to name a key file use credentialsfilepathenvvar or credentialsfilepath'
          : 'use the JSON key file downloaded from the Cloud console or written by gcloud',
      },
    );
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new SkyqlError('AUTH_ERROR', `credentials from ${origin} must be a JSON object`);
  }
  return v as Record<string, unknown>;
}

function credentialFromObject(
  json: Record<string, unknown>,
  origin: string,
  deps: Pick<AuthDeps, 'send' | 'now'>,
  options: CredentialFileOptions,
): Credential {
  const type = json.type;
  const noSub = (kind: string) => {
    if (options.sub !== undefined) {
      throw new SkyqlError(
        'AUTH_ERROR',
        `"sub" (domain-wide delegation) needs a service account key, but ${origin} holds ${kind} credentials`,
      );
    }
  };
  switch (type) {
    case 'service_account': {
      const key = parseServiceAccountKey(json, origin);
      return new ServiceAccountCredential(key, origin, options, deps);
    }
    case 'authorized_user': {
      noSub('authorized_user');
      return new AuthorizedUserCredential(parseAuthorizedUser(json, origin), origin, deps);
    }
    case 'impersonated_service_account': {
      noSub('impersonated_service_account');
      const url = json.service_account_impersonation_url;
      const target = typeof url === 'string' ? serviceAccountOfUrl(url) : undefined;
      if (typeof url !== 'string' || target === undefined) {
        throw new SkyqlError(
          'AUTH_ERROR',
          `impersonated credentials from ${origin} have no usable "service_account_impersonation_url"`,
          { hint: 'run `gcloud auth application-default login --impersonate-service-account=<email>` again' },
        );
      }
      const sourceJson = json.source_credentials;
      if (typeof sourceJson !== 'object' || sourceJson === null || Array.isArray(sourceJson)) {
        throw new SkyqlError(
          'AUTH_ERROR',
          `impersonated credentials from ${origin} have no "source_credentials"`,
        );
      }
      const source = credentialFromObject(
        sourceJson as Record<string, unknown>,
        `source_credentials in ${origin}`,
        deps,
        {
          scopes: DEFAULT_GOOGLE_SCOPES,
        },
      );
      const delegates = Array.isArray(json.delegates)
        ? json.delegates.filter((d): d is string => typeof d === 'string' && d !== '')
        : [];
      const quota =
        typeof json.quota_project_id === 'string' && json.quota_project_id !== ''
          ? json.quota_project_id
          : undefined;
      return new ImpersonatedCredential(
        source,
        { targetServiceAccount: target, scopes: options.scopes, delegates, url },
        deps,
        quota,
      );
    }
    case 'external_account':
    case 'external_account_authorized_user':
      throw new SkyqlError(
        'AUTH_ERROR',
        `credentials from ${origin} are of type ${type} (workload identity federation), which skyql does not support yet`,
        {
          hint: `mint a token with gcloud and pass it as a bearer token: --auth '{"google": {"type": "bearer", "credentialsenvvar": "GCP_ACCESS_TOKEN"}}'`,
        },
      );
    default:
      throw new SkyqlError(
        'AUTH_ERROR',
        type === undefined
          ? `credentials from ${origin} have no "type" field`
          : `credentials from ${origin} have unsupported type ${typeof type === 'string' ? `"${type.slice(0, 60)}"` : `(a ${typeof type})`}`,
        {
          hint: 'expected a service_account key, or an authorized_user or impersonated_service_account file written by gcloud',
        },
      );
  }
}

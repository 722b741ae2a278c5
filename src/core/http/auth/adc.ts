import { join } from 'node:path';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { AuthDeps, Credential } from './authenticator.js';
import { credentialFromJson } from './credential-file.js';
import { fileErrorReason } from './credential-source.js';
import { MetadataServerCredential } from './metadata-server.js';

/**
 * Application Default Credentials, in the order of Google's client libraries:
 * 1. the file named by GOOGLE_APPLICATION_CREDENTIALS,
 * 2. gcloud's ADC file (`gcloud auth application-default login`),
 * 3. the metadata server (GCE, Cloud Run, GKE...).
 */

/** Options of the ADC search. */
export interface AdcOptions {
  readonly scopes: readonly string[];
  /** True when the scopes were configured (the metadata server is then asked for them). */
  readonly customScopes: boolean;
  readonly sub?: string;
  /** Sources already looked at before ADC (for the "nothing found" message). */
  readonly lookedAt?: readonly string[];
}

/** gcloud's ADC file: `$CLOUDSDK_CONFIG/…`, `%APPDATA%\gcloud\…` on Windows, else `~/.config/gcloud/…`. */
function gcloudAdcPath(env: NodeJS.ProcessEnv, homeDir: string, platform = process.platform): string {
  const name = 'application_default_credentials.json';
  if (env.CLOUDSDK_CONFIG) return join(env.CLOUDSDK_CONFIG, name);
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'gcloud', name);
  return join(homeDir, '.config', 'gcloud', name);
}

/** The hint shown when no credentials are found anywhere. */
const NO_CREDENTIALS_HINT = [
  'configure one of:',
  `  --auth '{"google": {"type": "service_account", "credentialsfilepath": "/path/key.json"}}'`,
  '  export GOOGLE_CREDENTIALS="$(cat key.json)"        (the key JSON itself)',
  '  export GOOGLE_APPLICATION_CREDENTIALS=/path/key.json',
  '  gcloud auth application-default login',
  `  --auth '{"google": {"type": "interactive"}}'         (gcloud's own login)`,
  `  --auth '{"google": {"type": "null_auth"}}'           (send no credentials)`,
].join('\n');

/** Finds the application default credential, or throws AUTH_ERROR listing everything looked at. */
export async function findApplicationDefaultCredentials(
  deps: AuthDeps,
  options: AdcOptions,
  signal?: AbortSignal,
): Promise<Credential> {
  const looked: string[] = [...(options.lookedAt ?? [])];
  const fileOptions = { scopes: options.scopes, ...(options.sub === undefined ? {} : { sub: options.sub }) };

  const envPath = deps.env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (envPath) {
    const origin = `${envPath} (GOOGLE_APPLICATION_CREDENTIALS)`;
    let text: string;
    try {
      text = await deps.readFile(envPath);
    } catch (err) {
      throw new SkyqlError(
        'AUTH_ERROR',
        `GOOGLE_APPLICATION_CREDENTIALS names ${envPath}: ${fileErrorReason(err)}`,
        {
          hint: 'point GOOGLE_APPLICATION_CREDENTIALS at a readable credentials JSON file, or unset it',
        },
      );
    }
    return credentialFromJson(text, origin, deps, fileOptions);
  }
  looked.push(`GOOGLE_APPLICATION_CREDENTIALS: ${envPath === undefined ? 'not set' : 'empty'}`);

  const adcPath = gcloudAdcPath(deps.env, deps.homeDir);
  let adcText: string | undefined;
  try {
    adcText = await deps.readFile(adcPath);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT') {
      throw new SkyqlError(
        'AUTH_ERROR',
        `gcloud application default credentials ${adcPath}: ${fileErrorReason(err)}`,
        {
          hint: 'fix the file’s permissions or run `gcloud auth application-default login` again',
        },
      );
    }
    looked.push(`gcloud application default credentials ${adcPath}: file not found`);
  }
  if (adcText !== undefined) return credentialFromJson(adcText, adcPath, deps, fileOptions);

  const metadata = new MetadataServerCredential(deps, options.customScopes ? options.scopes : undefined);
  const detection = await metadata.detect(signal);
  if (detection.found) {
    if (options.sub !== undefined) {
      throw new SkyqlError(
        'AUTH_ERROR',
        `"sub" (domain-wide delegation) needs a service account key, but the credentials found are ${metadata.describe()}`,
      );
    }
    return metadata;
  }
  looked.push(`metadata server ${metadata.baseUrl}: ${detection.reason}`);

  throw new SkyqlError(
    'AUTH_ERROR',
    `no Google credentials found; looked at:\n${looked.map((l) => `  - ${l}`).join('\n')}`,
    { hint: NO_CREDENTIALS_HINT },
  );
}

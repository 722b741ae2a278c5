import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { AuthConfig, AuthSpec } from '../../base/config/auth-config.js';
import { toSkyqlError } from '../../base/errors/skyql-error.js';
import { readSpecSource } from '../../core/http/auth/credential-source.js';
import type { CredentialStatus } from './mcp-context.js';

/**
 * Each configured provider's credentials as reload_credentials reports them: the type, where they
 * come from and whether that source can be read (a key file must hold JSON with a `type`). The
 * secret itself is read only to check it and never leaves this function.
 */
export async function credentialStatuses(
  auth: AuthConfig,
  setBy: (variable: string) => string | undefined = () => undefined,
): Promise<CredentialStatus[]> {
  const out: CredentialStatus[] = [];
  for (const [provider, spec] of auth) {
    const status = await statusOf(provider, spec);
    const from = settingOrigins(spec, setBy);
    out.push(from ? { ...status, detail: `${status.detail}; ${from}` } : status);
  }
  return out;
}

/**
 * Which of the variables a spec was read from were set by a file (`--env.file`): SKYQL_AUTH itself,
 * and the variable holding the key or its path, so the fix is made where the value really is.
 */
function settingOrigins(spec: AuthSpec, setBy: (variable: string) => string | undefined): string {
  const variables = [
    ...(spec.origin === 'env' ? ['SKYQL_AUTH'] : []),
    ...[spec.credentialsFilePathEnvVar, spec.credentialsEnvVar].filter((v): v is string => v !== undefined),
  ];
  return variables
    .flatMap((v) => {
      const file = setBy(v);
      return file ? [`${v} is set in ${file}: change it there, then call reload_credentials`] : [];
    })
    .join('; ');
}

async function statusOf(provider: string, spec: AuthSpec): Promise<CredentialStatus> {
  const base = { provider, type: spec.type };
  if (spec.type === 'null_auth' || spec.type === 'adc' || spec.type === 'interactive')
    return { ...base, source: spec.type, status: 'ok', detail: 'no credentials file to check' };
  try {
    const found = await readSpecSource(
      spec,
      { env: process.env, readFile: (p) => readFile(p, 'utf8'), homeDir: homedir() },
      'credentials',
    );
    if (!found.found)
      return { ...base, source: 'none', status: 'error', detail: `${found.reason}; ${found.hint}` };
    if (spec.type === 'service_account') {
      let type: unknown;
      try {
        type = (JSON.parse(found.text) as { type?: unknown }).type;
      } catch {
        return { ...base, source: found.origin, status: 'error', detail: 'the key is not valid JSON' };
      }
      if (typeof type !== 'string')
        return { ...base, source: found.origin, status: 'error', detail: 'the key JSON has no "type"' };
      return { ...base, source: found.origin, status: 'ok', detail: `key of type ${type} loaded` };
    }
    return { ...base, source: found.origin, status: 'ok', detail: 'loaded' };
  } catch (err) {
    return { ...base, source: 'unknown', status: 'error', detail: toSkyqlError(err).message };
  }
}

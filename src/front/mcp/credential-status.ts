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
export async function credentialStatuses(auth: AuthConfig, only?: string): Promise<CredentialStatus[]> {
  const out: CredentialStatus[] = [];
  for (const [provider, spec] of auth) {
    if (only !== undefined && provider !== only) continue;
    out.push(await statusOf(provider, spec));
  }
  return out;
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

import { type AuthSpec, authSpecFlag } from '../../../base/config/auth-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { AuthDeps } from './authenticator.js';

/**
 * Reading the secret a spec points at, in StackQL's order: `credentialsenvvar` (the variable holds
 * the secret itself), `credentialsfilepathenvvar` (the variable holds a path), `credentialsfilepath`.
 * The first key present decides; there is no falling through to the next.
 */

/** The secret's text and where it came from (`environment variable X`, `/path/key.json`). */
export type SourceLookup =
  | { readonly found: true; readonly text: string; readonly origin: string }
  /** The source is absent (variable unset, file missing): `reason` says so. */
  | { readonly found: false; readonly reason: string; readonly hint: string };

/** `what` names the secret for messages: 'service account key', 'bearer token'. */
export async function readSpecSource(
  spec: AuthSpec,
  deps: Pick<AuthDeps, 'env' | 'readFile' | 'homeDir'>,
  what: string,
): Promise<SourceLookup> {
  if (spec.credentialsEnvVar !== undefined) {
    const name = spec.credentialsEnvVar;
    const value = deps.env[name];
    const hint = envHint(name, what);
    if (value === undefined) return { found: false, reason: `credentialsenvvar ${name} is not set`, hint };
    if (value.trim() === '') {
      throw new SkyqlError('AUTH_ERROR', `credentialsenvvar ${name} references empty string`, { hint });
    }
    return { found: true, text: value, origin: `environment variable ${name}` };
  }
  if (spec.credentialsFilePathEnvVar !== undefined) {
    const name = spec.credentialsFilePathEnvVar;
    const value = deps.env[name];
    const hint = `set ${name} to the path of the ${what} file`;
    if (value === undefined)
      return { found: false, reason: `credentialsfilepathenvvar ${name} is not set`, hint };
    if (value.trim() === '') {
      throw new SkyqlError('AUTH_ERROR', `credentialsfilepathenvvar ${name} references empty string`, {
        hint,
      });
    }
    const path = expandHome(value.trim(), deps.homeDir);
    return readSourceFile(path, `${path} (from environment variable ${name})`, deps, what, hint);
  }
  if (spec.credentialsFilePath !== undefined) {
    const path = expandHome(spec.credentialsFilePath, deps.homeDir);
    const hint =
      spec.origin === 'keyfilepath'
        ? `check --keyfilepath (${path})`
        : `check "credentialsfilepath" in ${authSpecFlag(spec.origin)} (${path})`;
    return readSourceFile(path, path, deps, what, hint);
  }
  return {
    found: false,
    reason: 'no credentialsenvvar, credentialsfilepathenvvar or credentialsfilepath given',
    hint: `example: --auth '{"google": {"type": "service_account", "credentialsfilepath": "/path/key.json"}}'`,
  };
}

function envHint(name: string, what: string): string {
  return what === 'bearer token'
    ? `set ${name} to an access token, e.g. export ${name}="$(gcloud auth print-access-token)"`
    : `set ${name} to the key JSON itself, e.g. export ${name}="$(cat key.json)"`;
}

/** `~/x` → `<home>/x`. */
function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return `${homeDir.replace(/\/+$/, '')}/${path.slice(2)}`;
  return path;
}

async function readSourceFile(
  path: string,
  origin: string,
  deps: Pick<AuthDeps, 'readFile'>,
  what: string,
  hint: string,
): Promise<SourceLookup> {
  try {
    return { found: true, text: await deps.readFile(path), origin };
  } catch (err) {
    const why = fileErrorReason(err);
    if ((err as { code?: unknown }).code === 'ENOENT')
      return { found: false, reason: `${what} file ${origin}: ${why}`, hint };
    throw new SkyqlError('AUTH_ERROR', `${what} file ${origin}: ${why}`, { hint });
  }
}

/** `file not found`, `permission denied`, ... for a failed read. */
export function fileErrorReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot read it (${typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)})`;
  }
}

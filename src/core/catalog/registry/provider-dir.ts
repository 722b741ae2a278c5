import { SkyqlError } from '../../../base/errors/skyql-error.js';

/**
 * Registry directory of a provider. StackQL hard-codes one rename, `google` ↔ `googleapis.com`;
 * every other provider's directory is its own name.
 */
const RENAMES: Readonly<Record<string, string>> = { google: 'googleapis.com' };

/** Letters, digits, `_`, `-`, and dots between them: a name that is one path segment, never `..`. */
const PROVIDER_NAME_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** True when `name` can be a provider name (and so a folder name). */
export function isProviderName(name: string): boolean {
  return name.length <= 100 && PROVIDER_NAME_RE.test(name);
}

/** `google` → `googleapis.com`; `okta` → `okta`. Throws PROVIDER_NOT_FOUND for names that are not one path segment. */
export function providerDir(provider: string): string {
  if (!isProviderName(provider))
    throw new SkyqlError('PROVIDER_NOT_FOUND', `${JSON.stringify(provider)} is not a provider name`, {
      hint: 'provider names are letters, digits, "_", "-" and dots, e.g. google',
    });
  return RENAMES[provider] ?? provider;
}

/** `googleapis.com` → `google`; `okta` → `okta`. */
export function providerFromDir(dir: string): string {
  for (const [name, d] of Object.entries(RENAMES)) if (d === dir) return name;
  return dir;
}

/**
 * Registry directory of a provider. StackQL hard-codes one rename, `google` ↔ `googleapis.com`;
 * every other provider's directory is its own name.
 */
const RENAMES: Readonly<Record<string, string>> = { google: 'googleapis.com' };

/** `google` → `googleapis.com`; `okta` → `okta`. */
export function providerDir(provider: string): string {
  return RENAMES[provider] ?? provider;
}

/** `googleapis.com` → `google`; `okta` → `okta`. */
export function providerFromDir(dir: string): string {
  for (const [name, d] of Object.entries(RENAMES)) if (d === dir) return name;
  return dir;
}

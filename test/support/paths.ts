import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (tests run from build/test/…). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** ../shared beside the checkout (CI lays a copy there too); SKYQL_SHARED_DIR overrides. */
export const SHARED_DIR = resolve(process.env.SKYQL_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));

/** The offline registry mirror folder (contains dist/providers.yaml). */
export const MIRROR_DIR = join(SHARED_DIR, 'registry', 'providers');

/** `file://` URL of the mirror. */
export const MIRROR_URL = pathToFileURL(MIRROR_DIR).href;

/** The seed documentation page. */
export const SEED_PAGE = join(SHARED_DIR, 'seed', 'google.healthcare.series_series.md');

/** App root with both Google versions pulled, prepared once per test run by scripts/run-tests.mjs. */
export const FIXTURE_APPROOT = join(REPO_ROOT, 'build', 'test-approot');

/** The CLI entry. */
export const SKYQL_BIN = join(REPO_ROOT, 'bin', 'skyql');

if (!existsSync(MIRROR_DIR)) {
  throw new Error(`registry mirror not found at ${MIRROR_DIR}; set SKYQL_SHARED_DIR to the shared folder`);
}

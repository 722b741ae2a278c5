import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRoot, type RegistryConfig } from '../../../base/config/registry-config.js';
import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { didYouMean } from '../../../base/util/did-you-mean.js';
import { sha1Hex } from '../../../base/util/lazy-crypto.js';
import { loadYaml } from '../../../base/util/load-yaml.js';
import { ownedFolders } from '../../../base/util/owned-file.js';
import { type Reporter, silentReporter } from '../../../base/util/reporter.js';
import { createDocumentVerifier, type DocumentVerifier } from './document-verifier.js';
import { defaultFetcher, type Fetcher } from './fetcher.js';
import type { InstalledProvider } from './installed-provider.js';
import { isProviderName, providerDir, providerFromDir } from './provider-dir.js';
import { compareVersions, isVersionString, latestVersion } from './versions.js';

/** One provider in the registry index and its published versions (in index order). */
export interface RegistryEntry {
  readonly provider: string;
  readonly versions: readonly string[];
}

/** Options for {@link ProviderRegistry}. */
export interface ProviderRegistryOptions {
  readonly fetcher?: Fetcher;
  readonly reporter?: Reporter;
  /**
   * A read-only session (`srv --readonly`, `skyql mcp` in read_only mode) does not pull a missing
   * provider on first use: a pull writes the app root, which such a session refuses (REGISTRY PULL).
   */
  readonly noAutoPull?: boolean;
}

/** A missing provider in a read-only session: what to run instead of the pull it would need. */
function notPulledReadOnly(provider: string, version: string | undefined): SkyqlError {
  const what = `provider '${provider}'${version ? ` version '${version}'` : ''}`;
  return new SkyqlError(
    'READONLY_SESSION',
    `${what} is not installed, and this session is read-only: pulling it would write the app root`,
    {
      hint: `install it first with \`skyql registry pull ${provider}${version ? ` ${version}` : ''}\` (or REGISTRY PULL in a session that is not read-only), then ask again`,
    },
  );
}

/**
 * Lists, pulls and finds provider versions. A registry is either *dist*-shaped (an http(s) URL, or a
 * folder with `dist/providers.yaml`: pull downloads `dist/<dir>/<version>.tgz` and unpacks it under
 * the app root) or *src*-shaped (a folder with `src/<dir>/<version>/`, read in place).
 * Several versions live side by side; the newest is used unless one is pinned.
 */
export class ProviderRegistry {
  readonly config: RegistryConfig;
  private readonly fetcher: Fetcher;
  private readonly reporter: Reporter;
  private readonly noAutoPull: boolean;
  private readonly verifier: DocumentVerifier | undefined;
  private index: Promise<RegistryEntry[]> | undefined;
  private knownShape: 'dist' | 'src' | undefined;

  constructor(config: RegistryConfig, options: ProviderRegistryOptions = {}) {
    this.config = config;
    this.fetcher = options.fetcher ?? defaultFetcher;
    this.reporter = options.reporter ?? silentReporter;
    this.noAutoPull = options.noAutoPull ?? false;
    this.verifier = config.verifyConfig.nopVerify ? undefined : createDocumentVerifier(config.verifyConfig);
  }

  /** Local folder of a `file://` registry, else undefined. */
  private get localRegistryDir(): string | undefined {
    return this.config.url.startsWith('file:') ? fileURLToPath(this.config.url) : undefined;
  }

  /** `src` when the registry is a local folder read in place, else `dist` (looked up once). */
  get shape(): 'dist' | 'src' {
    this.knownShape ??= this.findShape();
    return this.knownShape;
  }

  private findShape(): 'dist' | 'src' {
    const dir = this.localRegistryDir;
    if (dir === undefined || existsSync(join(dir, this.config.distPrefix, 'providers.yaml'))) return 'dist';
    if (existsSync(join(dir, this.config.srcPrefix))) return 'src';
    throw new SkyqlError(
      'REGISTRY_UNREACHABLE',
      `registry folder ${dir} has neither ${this.config.distPrefix}/providers.yaml nor ${this.config.srcPrefix}/`,
      { hint: 'point --registry at the folder that contains dist/ (e.g. .../registry/providers)' },
    );
  }

  /** The registry's providers and versions (REGISTRY LIST). Read once per instance. */
  list(): Promise<RegistryEntry[]> {
    this.index ??= this.shape === 'src' ? Promise.resolve(this.scanSrcRegistry()) : this.fetchIndex();
    return this.index;
  }

  private async fetchIndex(): Promise<RegistryEntry[]> {
    const url = `${this.config.url}/${this.config.distPrefix}/providers.yaml`;
    const data = await this.fetcher(url);
    let doc: unknown;
    try {
      doc = loadYaml(data.toString('utf8'));
    } catch (err) {
      throw new SkyqlError(
        'REGISTRY_BAD_INDEX',
        `registry index ${url} is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    const providers = (doc as { providers?: Record<string, { versions?: unknown }> } | null)?.providers;
    if (!providers || typeof providers !== 'object') {
      throw new SkyqlError('REGISTRY_BAD_INDEX', `registry index ${url} has no 'providers' map`);
    }
    // Names and versions become folder names: a hostile index must not write elsewhere.
    const bad = (what: string, value: string) =>
      new SkyqlError(
        'REGISTRY_BAD_INDEX',
        `registry index ${url} lists an invalid ${what} ${JSON.stringify(value)}`,
        {
          hint: 'the registry is damaged or hostile: check the --registry URL',
        },
      );
    return Object.entries(providers)
      .map(([provider, v]) => {
        if (!isProviderName(provider)) throw bad('provider name', provider);
        const versions = Array.isArray(v?.versions) ? v.versions.map(String) : [];
        for (const version of versions)
          if (!isVersionString(version)) throw bad(`version of ${provider}:`, version);
        return { provider, versions };
      })
      .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
  }

  private scanSrcRegistry(): RegistryEntry[] {
    const root = join(this.localRegistryDir as string, this.config.srcPrefix);
    return scanVersions(root).map(({ provider, versions }) => ({ provider, versions }));
  }

  /** Versions of `provider` installed locally (pulled, or in place for a src registry), oldest first. */
  installedVersions(provider: string): string[] {
    const set = new Set<string>();
    for (const root of this.localRoots()) {
      for (const v of listVersionDirs(join(root, providerDir(provider)))) set.add(v);
    }
    return [...set].sort(compareVersions);
  }

  /** Every installed provider with its versions, sorted by name (SHOW PROVIDERS). */
  installedProviders(): RegistryEntry[] {
    const map = new Map<string, Set<string>>();
    for (const root of this.localRoots()) {
      for (const { provider, versions } of scanVersions(root)) {
        const set = map.get(provider) ?? new Set<string>();
        for (const v of versions) set.add(v);
        map.set(provider, set);
      }
    }
    return [...map.entries()]
      .map(([provider, set]) => ({ provider, versions: [...set].sort(compareVersions) }))
      .sort((a, b) => (a.provider < b.provider ? -1 : 1));
  }

  private localRoots(): string[] {
    const roots = [installRoot(this.config)];
    const dir = this.localRegistryDir;
    if (dir !== undefined && this.shape === 'src') roots.unshift(join(dir, this.config.srcPrefix));
    return roots;
  }

  /** The installed provider version to use: `version` if given, else the newest stable one. */
  resolve(provider: string, version?: string): InstalledProvider | undefined {
    const chosen = version ?? latestVersion(this.installedVersions(provider));
    if (chosen === undefined || !isVersionString(chosen)) return undefined;
    for (const root of this.localRoots()) {
      const dir = join(root, providerDir(provider), chosen);
      if (existsSync(join(dir, 'provider.yaml'))) return this.describeInstall(provider, chosen, root);
    }
    return undefined;
  }

  /** The install of `name` `version` under `root`, the doc root its `$ref`s are relative to. */
  private describeInstall(name: string, version: string, root: string): InstalledProvider {
    const dir = join(root, providerDir(name), version);
    // pulled providers live in the app root, whose cache this is; a registry read in place (another
    // doc root) gets its own cache, named by a hash of where it is
    const place = root === installRoot(this.config) ? 'pulled' : sha1Hex(dir).slice(0, 16);
    const verifier = this.verifier;
    // what was read with verification on (and with which keys) is cached apart from what was not:
    // a copy made by an unverified run must never serve a verified one
    const cacheKey = verifier ? `${place}-verified-${verifier.keyId.slice(0, 12)}` : place;
    return {
      name,
      version,
      dir,
      docRoot: root,
      cacheDir: join(this.config.localDocRoot, 'cache', `${providerDir(name)}-${version}-${cacheKey}`),
      verifyDocument: verifier ? (path: string) => verifier.verifyFileSync(path) : undefined,
    };
  }

  /**
   * The installed provider, pulling the latest (or the given) version first when it is not here,
   * with a message saying so.
   */
  async ensure(provider: string, version?: string): Promise<InstalledProvider> {
    const found = this.resolve(provider, version);
    if (found) return found;
    if (this.noAutoPull) throw notPulledReadOnly(provider, version);
    this.reporter.message(
      `provider '${provider}'${version ? ` version '${version}'` : ''} is not installed; pulling it from ${this.config.url}`,
    );
    return this.pull(provider, version);
  }

  /** REGISTRY PULL: downloads and unpacks `provider` at `version` (default: latest stable published). */
  async pull(provider: string, version?: string): Promise<InstalledProvider> {
    if (version !== undefined && !isVersionString(version)) {
      throw new SkyqlError('PROVIDER_VERSION_NOT_FOUND', `'${version}' is not a provider version`, {
        hint: 'versions look like v1.0.4 or v25.07.00000; REGISTRY LIST <provider> shows them',
      });
    }
    const entries = await this.list();
    const entry = entries.find((e) => e.provider === provider);
    if (!entry) {
      throw new SkyqlError(
        'PROVIDER_NOT_FOUND',
        `provider '${provider}' is not in the registry at ${this.config.url}${didYouMean(
          provider,
          entries.map((e) => e.provider),
        )}`,
        { hint: 'REGISTRY LIST shows the available providers' },
      );
    }
    const chosen = version ?? latestVersion(entry.versions);
    if (chosen === undefined || !entry.versions.includes(chosen)) {
      throw new SkyqlError(
        'PROVIDER_VERSION_NOT_FOUND',
        `provider '${provider}' has no version '${version ?? ''}' in the registry; available: ${entry.versions.join(', ')}`,
      );
    }
    if (this.shape === 'src') {
      const found = this.resolve(provider, chosen) as InstalledProvider;
      this.reporter.message(`${provider} provider, version '${chosen}' is read in place from ${found.dir}`);
      return found;
    }
    return this.download(provider, chosen);
  }

  private async download(provider: string, version: string): Promise<InstalledProvider> {
    const dirName = providerDir(provider);
    const url = `${this.config.url}/${this.config.distPrefix}/${dirName}/${version}.tgz`;
    const task = `pulling ${provider} ${version}`;
    const data = await this.fetcher(url, (got, total) => this.reporter.progress(task, got, total));
    this.reporter.progressDone(task);
    const providerRoot = join(installRoot(this.config), dirName);
    const staging = join(providerRoot, `.pull-${version}-${process.pid}-${Date.now()}`);
    try {
      // tar and zlib load only for a pull, never for a statement over installed providers
      const { unpackPackage } = await import('./unpack.js');
      await unpackPackage(data, staging, `${dirName}/${version}.tgz`);
      const unpacked = join(staging, version);
      if (!existsSync(join(unpacked, 'provider.yaml'))) {
        throw new SkyqlError(
          'CORRUPT_PACKAGE',
          `provider package ${dirName}/${version}.tgz has no ${version}/provider.yaml`,
        );
      }
      if (this.verifier) await this.verifier.verifyTree(unpacked);
      const { rename, rm } = fsPromises();
      const target = join(providerRoot, version);
      const old = `${staging}-old`;
      if (existsSync(target)) await rename(target, old);
      await rename(unpacked, target);
      await rm(old, { recursive: true, force: true });
      const installed = this.describeInstall(provider, version, installRoot(this.config));
      await forgetCaches(installed.cacheDir);
      this.reporter.message(`${provider} provider, version '${version}' successfully installed`);
      return installed;
    } finally {
      await fsPromises().rm(staging, { recursive: true, force: true });
    }
  }
}

/**
 * Removes the caches of a freshly pulled version (`cacheDir`, verified or not): its files may keep
 * their packaged modification times, so old copies could look current. Only folders that are this
 * user's alone (owned-file.ts) are removed; another's is left, and never used.
 */
async function forgetCaches(cacheDir: string): Promise<void> {
  const root = dirname(cacheDir);
  const prefix = basename(cacheDir).replace(/-verified-[0-9a-f]+$/, '');
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (name !== prefix && !name.startsWith(`${prefix}-verified-`)) continue;
    const dir = join(root, name);
    if (ownedFolders(root, dir)) await fsPromises().rm(dir, { recursive: true, force: true });
  }
}

/** Version folders (those holding provider.yaml) under `<root>/<providerDir>`. */
function listVersionDirs(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((v) => !v.startsWith('.') && existsSync(join(dir, v, 'provider.yaml')));
}

function scanVersions(root: string): RegistryEntry[] {
  let dirs: string[];
  try {
    dirs = readdirSync(root);
  } catch {
    return [];
  }
  return dirs
    .filter((d) => !d.startsWith('.'))
    .map((d) => ({
      provider: providerFromDir(d),
      versions: listVersionDirs(join(root, d)).sort(compareVersions),
    }))
    .filter((e) => e.versions.length > 0);
}

/** node:fs/promises, loaded on the first pull rather than at every start (exec never needs it else). */
function fsPromises(): typeof import('node:fs/promises') {
  return process.getBuiltinModule('node:fs/promises');
}

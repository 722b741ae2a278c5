import { SkyqlError } from '../../base/errors/skyql-error.js';
import { didYouMean } from '../../base/util/did-you-mean.js';
import { BUILTIN_PROVIDER, builtinProvider } from './builtin/builtin-provider.js';
import type { Resource } from './model/catalog-types.js';
import type { ProviderRegistry } from './registry/provider-registry.js';
import { ProviderHandle, type ServiceHandle } from './service-catalog.js';

/**
 * The catalog: providers → services → resources, loaded lazily from installed provider documents.
 * A provider that is not installed is pulled (latest, or the pinned version) on first use.
 */
export class Catalog {
  readonly registry: ProviderRegistry;
  private readonly pins: ReadonlyMap<string, string>;
  private readonly providers = new Map<string, Promise<ProviderHandle>>();

  /** `pins` maps provider → version to use instead of the newest installed. */
  constructor(registry: ProviderRegistry, pins: ReadonlyMap<string, string> = new Map()) {
    this.registry = registry;
    this.pins = pins;
  }

  /** The provider, pulling it first when needed. */
  provider(name: string): Promise<ProviderHandle> {
    let p = this.providers.get(name);
    if (!p) {
      p = this.loadProvider(name);
      this.providers.set(name, p);
      p.catch(() => this.providers.delete(name));
    }
    return p;
  }

  /**
   * The provider when it is loaded or installed, else undefined: never pulls and never reports an
   * unknown name (a warm-up before planning asks this; the planner then finds the handle made here).
   */
  installedProvider(name: string): Promise<ProviderHandle> | undefined {
    if (this.providers.has(name) || name === BUILTIN_PROVIDER) return this.provider(name);
    const installed = this.registry.resolve(name, this.pins.get(name));
    if (!installed) return undefined;
    const p = (async () => new ProviderHandle(installed))();
    this.providers.set(name, p);
    p.catch(() => this.providers.delete(name));
    return p;
  }

  private async loadProvider(name: string): Promise<ProviderHandle> {
    if (name === BUILTIN_PROVIDER) return builtinProvider();
    const version = this.pins.get(name);
    const installed = this.registry.resolve(name, version);
    if (installed) return new ProviderHandle(installed);
    let entries: Awaited<ReturnType<ProviderRegistry['list']>>;
    try {
      entries = await this.registry.list();
    } catch (err) {
      const local = this.registry.installedProviders().map((e) => e.provider);
      if (local.length > 0 && !local.includes(name)) throw this.unknownProvider(name, local);
      throw err;
    }
    if (!entries.some((e) => e.provider === name)) {
      const known = new Set([
        ...entries.map((e) => e.provider),
        ...this.registry.installedProviders().map((e) => e.provider),
      ]);
      throw this.unknownProvider(name, [...known]);
    }
    return new ProviderHandle(await this.registry.ensure(name, version));
  }

  private unknownProvider(name: string, known: readonly string[]): SkyqlError {
    return new SkyqlError('PROVIDER_NOT_FOUND', `provider '${name}' not found${didYouMean(name, known)}`, {
      hint: 'SHOW PROVIDERS lists installed providers; REGISTRY LIST lists the registry',
    });
  }

  /** `provider.service` */
  async service(provider: string, service: string): Promise<ServiceHandle> {
    return (await this.provider(provider)).service(service);
  }

  /** `provider.service.resource` */
  async resource(provider: string, service: string, resource: string): Promise<Resource> {
    return (await this.service(provider, service)).resource(resource);
  }
}

import { join } from 'node:path';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { didYouMean } from '../../base/util/did-you-mean.js';
import type { JsonObject, Resource, ServiceSummary } from './model/catalog-types.js';
import { buildResource } from './openapi/build-resource.js';
import { isObject } from './openapi/json-pointer.js';
import { loadCachedDocument } from './registry/document-cache.js';
import type { InstalledProvider } from './registry/installed-provider.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Loads a document of an installed provider through the JSON cache, checking its signature first. */
function loadDocument(install: InstalledProvider, relPath: string): JsonObject {
  const yamlPath = join(install.docRoot, relPath);
  const cachePath = join(install.cacheDir, `${relPath.replace(/[\\/]/g, '__')}.json`);
  const doc = loadCachedDocument(yamlPath, cachePath, install.verifyDocument);
  if (!isObject(doc))
    throw new SkyqlError('BAD_PROVIDER_DOC', `provider document ${yamlPath} is not a mapping`);
  return doc;
}

/** One service of a provider: its summary and, loaded on first use, its OpenAPI document. */
export class ServiceHandle {
  readonly provider: string;
  readonly summary: ServiceSummary;
  private readonly install: InstalledProvider;
  private docCache: JsonObject | undefined;
  private readonly resources = new Map<string, Resource>();

  constructor(provider: string, summary: ServiceSummary, install: InstalledProvider) {
    this.provider = provider;
    this.summary = summary;
    this.install = install;
  }

  get name(): string {
    return this.summary.name;
  }

  /** The service's OpenAPI document (parsed once, from the JSON cache when possible). */
  get doc(): JsonObject {
    this.docCache ??= loadDocument(this.install, this.summary.ref);
    return this.docCache;
  }

  private get resourceEntries(): JsonObject {
    const components = isObject(this.doc.components) ? this.doc.components : {};
    const res = components['x-stackQL-resources'];
    return isObject(res) ? res : {};
  }

  /** Resource names in document order. */
  resourceNames(): string[] {
    return Object.keys(this.resourceEntries);
  }

  /** id, title and description of a resource, read without building its methods. */
  resourceSummary(name: string): { name: string; id: string; title: string; description: string } {
    const entry = this.resourceEntries[name];
    const e = isObject(entry) ? entry : {};
    return {
      name,
      id: str(e.id) || `${this.provider}.${this.name}.${name}`,
      title: str(e.title),
      description: str(e.description).trim(),
    };
  }

  /** The resource called `name`; RESOURCE_NOT_FOUND with the closest names otherwise. */
  resource(name: string): Resource {
    const cached = this.resources.get(name);
    if (cached) return cached;
    const entry = this.resourceEntries[name];
    if (!isObject(entry)) {
      const fqnPrefix = `${this.provider}.${this.name}.`;
      throw new SkyqlError(
        'RESOURCE_NOT_FOUND',
        `resource '${fqnPrefix}${name}' not found${didYouMean(name, this.resourceNames(), fqnPrefix)}`,
        { hint: `SHOW RESOURCES IN ${this.provider}.${this.name} lists its resources` },
      );
    }
    const resource = buildResource(
      { provider: this.provider, service: this.name, doc: this.doc },
      name,
      entry,
    );
    this.resources.set(name, resource);
    return resource;
  }
}

/** An installed provider version: its provider.yaml and services. */
export class ProviderHandle {
  readonly install: InstalledProvider;
  private readonly summaries: Map<string, ServiceSummary>;
  private readonly handles = new Map<string, ServiceHandle>();
  /** provider.yaml `config` (default auth etc.), if any. */
  readonly config: JsonObject | undefined;

  constructor(install: InstalledProvider) {
    this.install = install;
    const doc = loadDocument(install, join(install.dir.slice(install.docRoot.length + 1), 'provider.yaml'));
    this.config = isObject(doc.config) ? doc.config : undefined;
    const services = isObject(doc.providerServices) ? doc.providerServices : {};
    this.summaries = new Map();
    for (const [key, raw] of Object.entries(services)) {
      if (!isObject(raw)) continue;
      const ref = isObject(raw.service) ? str(raw.service.$ref) : '';
      this.summaries.set(key, {
        name: str(raw.name) || key,
        id: str(raw.id) || key,
        title: str(raw.title),
        description: str(raw.description).trim(),
        version: str(raw.version),
        preferred: raw.preferred !== false,
        ref,
      });
    }
  }

  get name(): string {
    return this.install.name;
  }

  get version(): string {
    return this.install.version;
  }

  /** Service summaries sorted by name; non-preferred ones only when asked for. */
  services(includeNonPreferred = false): ServiceSummary[] {
    return [...this.summaries.values()]
      .filter((s) => includeNonPreferred || s.preferred)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The service called `name`; SERVICE_NOT_FOUND with the closest names otherwise. */
  service(name: string): ServiceHandle {
    const cached = this.handles.get(name);
    if (cached) return cached;
    const summary = this.summaries.get(name);
    if (!summary) {
      throw new SkyqlError(
        'SERVICE_NOT_FOUND',
        `service '${this.name}.${name}' not found in ${this.name} ${this.version}${didYouMean(name, this.summaries.keys(), `${this.name}.`)}`,
        { hint: `SHOW SERVICES IN ${this.name} lists its services` },
      );
    }
    const handle = new ServiceHandle(this.name, summary, this.install);
    this.handles.set(name, handle);
    return handle;
  }
}

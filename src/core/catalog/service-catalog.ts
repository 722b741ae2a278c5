import { join } from 'node:path';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { didYouMean } from '../../base/util/did-you-mean.js';
import type { JsonObject, Resource, ServiceSummary } from './model/catalog-types.js';
import { buildResource } from './openapi/build-resource.js';
import { sliceDocument } from './openapi/document-slice.js';
import { isObject, resolvePointer } from './openapi/json-pointer.js';
import type { InstalledProvider } from './registry/installed-provider.js';
import { loadProviderDocument, loadResourceSlice } from './registry/provider-documents.js';
import { type DocumentLoader, type ResourceSource, resourceSource } from './resource-source.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Reads resource `name`'s slice of document `docRef` (cached on disk), calling `build` to cut it
 * when there is no current copy; `sourceRefs` are the documents it depends on.
 */
export type SliceLoader = (
  docRef: string,
  sourceRefs: readonly string[],
  name: string,
  build: () => JsonObject,
) => JsonObject;

/**
 * One service of a provider: its summary and, loaded on first use, its resources and the documents
 * they read (one service document, or in the older layout a register and several documents).
 */
export class ServiceHandle {
  readonly provider: string;
  readonly summary: ServiceSummary;
  private readonly load: DocumentLoader;
  private readonly docs = new Map<string, JsonObject>();
  private readonly resources = new Map<string, Resource>();
  private readonly source: ResourceSource;
  private readonly slices: SliceLoader | undefined;

  /**
   * `documents` reads the provider's documents by `$ref` (ProviderHandle.documents); `slices`, when
   * given, reads a resource's slice of its document instead of the whole document.
   */
  constructor(provider: string, summary: ServiceSummary, documents: DocumentLoader, slices?: SliceLoader) {
    this.provider = provider;
    this.summary = summary;
    this.load = documents;
    this.slices = slices;
    this.source = resourceSource(provider, summary, (ref, what) => this.document(ref, what));
  }

  get name(): string {
    return this.summary.name;
  }

  /** A document of the provider by `$ref`, parsed once per handle (from the JSON cache when possible). */
  private document(ref: string, what: string): JsonObject {
    let doc = this.docs.get(ref);
    if (!doc) {
      doc = this.load(ref, what);
      this.docs.set(ref, doc);
    }
    return doc;
  }

  private get resourceEntries(): JsonObject {
    return this.source.entries();
  }

  /** The entry of resource `name` (own keys only: `__proto__` is no resource). */
  private entryOf(name: string): unknown {
    const entries = this.resourceEntries;
    return Object.hasOwn(entries, name) ? entries[name] : undefined;
  }

  /** Resource names in document order. */
  resourceNames(): string[] {
    return Object.keys(this.resourceEntries);
  }

  /**
   * The `$ref`s of the documents the resources read (the service document; in the older layout
   * those the register names). Loads no OpenAPI document, so the emulator can index hosts cheaply.
   */
  documentRefs(): string[] {
    return this.source.documentRefs();
  }

  /** The entries of the resources that read document `ref` (the emulator takes their objectKeys). */
  entriesReading(ref: string): JsonObject {
    const out: JsonObject = {};
    for (const [name, entry] of Object.entries(this.resourceEntries))
      if (this.source.documentRef(name) === ref) out[name] = entry;
    return out;
  }

  /** The OpenAPI document of `ref` (one of {@link documentRefs}). */
  documentAt(ref: string): JsonObject {
    return this.document(ref, `document ${ref} of ${this.provider}.${this.name}`);
  }

  /** id, title and description of a resource, read without building its methods. */
  resourceSummary(name: string): { name: string; id: string; title: string; description: string } {
    const entry = this.entryOf(name);
    const e = isObject(entry) ? entry : {};
    return {
      name,
      id: str(e.id) || `${this.provider}.${this.name}.${name}`,
      title: str(e.title),
      description: str(e.description).trim(),
    };
  }

  /** The entry of resource `name`; RESOURCE_NOT_FOUND with the closest names otherwise. */
  private requireEntry(name: string): JsonObject {
    const entry = this.entryOf(name);
    if (isObject(entry)) return entry;
    const fqnPrefix = `${this.provider}.${this.name}.`;
    throw new SkyqlError(
      'RESOURCE_NOT_FOUND',
      `resource '${fqnPrefix}${name}' not found${didYouMean(name, this.resourceNames(), fqnPrefix)}`,
      { hint: `SHOW RESOURCES IN ${this.provider}.${this.name} lists its resources` },
    );
  }

  /** The resource called `name`; RESOURCE_NOT_FOUND with the closest names otherwise. */
  resource(name: string): Resource {
    const cached = this.resources.get(name);
    if (cached) return cached;
    const { doc, entry, docRef } = this.slices ? this.sliced(name) : this.whole(name);
    const resource = buildResource({ provider: this.provider, service: this.name, doc, docRef }, name, entry);
    this.resources.set(name, resource);
    return resource;
  }

  private whole(name: string): { doc: JsonObject; entry: JsonObject; docRef: string } {
    const entry = this.requireEntry(name);
    const docRef = this.source.documentRef(name);
    return { doc: this.document(docRef, `document of ${this.provider}.${this.name}.${name}`), entry, docRef };
  }

  /**
   * Resource `name` read from its slice: a cached slice needs neither the whole document nor (in
   * the current layout, where the slice holds the entry) the resource list.
   */
  private sliced(name: string): { doc: JsonObject; entry: JsonObject; docRef: string } {
    const docRef = this.source.documentRef(name);
    const pointer = this.source.entryPointer(name);
    const build = () => {
      const { doc, entry } = this.whole(name);
      return sliceDocument(doc, entry, pointer);
    };
    const slices = this.slices as SliceLoader;
    let doc = slices(docRef, this.source.sourceRefs(name), name, build);
    let entry = pointer === undefined ? this.requireEntry(name) : resolvePointer(doc, pointer);
    if (!isObject(entry)) {
      doc = build(); // not in this slice: cut from the document (which says whether it exists)
      entry = pointer === undefined ? this.requireEntry(name) : resolvePointer(doc, pointer);
    }
    return { doc, entry: entry as JsonObject, docRef };
  }
}

/** An installed provider version (or skyql's built-in one): its provider.yaml and services. */
export class ProviderHandle {
  readonly install: InstalledProvider;
  /** Reads a document of this provider by `$ref` (files for installed providers, memory for built-ins). */
  readonly documents: DocumentLoader;
  private readonly summaries: Map<string, ServiceSummary>;
  private readonly handles = new Map<string, ServiceHandle>();
  /** provider.yaml `config` (default auth etc.), if any. */
  readonly config: JsonObject | undefined;
  /** Reads resources' slices (installed providers; built-ins keep their small documents whole). */
  private readonly slices: SliceLoader | undefined;

  /** `documents` replaces the file loader (built-in providers): resources then read whole documents. */
  constructor(install: InstalledProvider, documents?: DocumentLoader) {
    this.install = install;
    this.documents = documents ?? ((ref, what) => loadProviderDocument(install, ref, what));
    this.slices = documents
      ? undefined
      : (docRef, sourceRefs, name, build) => loadResourceSlice(install, docRef, sourceRefs, name, build);
    const doc = this.documents(
      join(install.dir.slice(install.docRoot.length + 1), 'provider.yaml'),
      `provider.yaml of ${install.name} ${install.version}`,
    );
    this.config = isObject(doc.config) ? doc.config : undefined;
    const services = isObject(doc.providerServices) ? doc.providerServices : {};
    this.summaries = new Map();
    for (const [key, raw] of Object.entries(services)) {
      if (!isObject(raw)) continue;
      const ref = isObject(raw.service) ? str(raw.service.$ref).trim() : '';
      const resourcesRef = isObject(raw.resources) ? str(raw.resources.$ref).trim() : '';
      this.summaries.set(key, {
        name: str(raw.name) || key,
        id: str(raw.id) || key,
        title: str(raw.title),
        description: str(raw.description).trim(),
        version: str(raw.version),
        preferred: raw.preferred !== false,
        ref,
        resourcesRef: resourcesRef || undefined,
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
    const handle = new ServiceHandle(this.name, summary, this.documents, this.slices);
    this.handles.set(name, handle);
    return handle;
  }
}

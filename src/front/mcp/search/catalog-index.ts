import { BUILTIN_PROVIDER } from '../../../core/catalog/builtin/builtin-provider.js';
import type { Catalog } from '../../../core/catalog/catalog.js';
import type { JsonObject, Resource } from '../../../core/catalog/model/catalog-types.js';
import type { ProviderHandle } from '../../../core/catalog/service-catalog.js';
import { cachedEntries } from './index-cache.js';
import { entry, type IndexEntry } from './index-entry.js';

export type { EntryKind, IndexEntry } from './index-entry.js';

/** Nested response fields are indexed this deep below a column (`allowed.IPProtocol`). */
const NESTED_DEPTH = 1;

/**
 * Builds the index over every installed provider (each at the version the catalog uses) and the
 * built-in one. A provider's entries are read from its cache folder when an earlier run saved them
 * (versions do not change once installed; a re-pull empties the folder).
 */
export async function buildCatalogIndex(catalog: Catalog): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  const providers = [...catalog.registry.installedProviders().map((p) => p.provider), BUILTIN_PROVIDER];
  for (const providerName of providers) {
    let provider: ProviderHandle;
    try {
      provider = await catalog.provider(providerName);
    } catch {
      continue;
    }
    entries.push(...(await cachedEntries(provider.install.cacheDir, () => providerEntries(provider))));
  }
  return entries;
}

/**
 * One provider's entries: services, resources, methods and the columns of each resource's SELECT
 * methods with their nested fields. A service whose documents fail to load keeps only its own entry.
 */
async function providerEntries(provider: ProviderHandle): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const summary of provider.services(true)) {
    entries.push(entry('service', `${provider.name}.${summary.name}`, summary.title || summary.description));
    try {
      const service = provider.service(summary.name);
      for (const name of service.resourceNames()) addResource(entries, service.resource(name));
    } catch {
      // a broken service document: keep the service entry, skip its resources
    }
    // yield between services so other requests (pings, cancels) are served while building
    await new Promise((r) => setImmediate(r));
  }
  return entries;
}

function addResource(entries: IndexEntry[], resource: Resource): void {
  entries.push(entry('resource', resource.fqn, resource.title || resource.description));
  const seen = new Set<string>();
  for (const method of resource.methods) {
    entries.push(entry('method', `${resource.fqn}.${method.name}`, method.description));
    if (method.verb !== 'select') continue;
    for (const column of method.columns) {
      if (seen.has(column.name)) continue;
      seen.add(column.name);
      const fqn = `${resource.fqn}.${column.name}`;
      entries.push(entry('field', fqn, column.description));
      addNested(entries, resource.doc, fqn, column.schema, NESTED_DEPTH, seen, column.name);
    }
  }
}

function addNested(
  entries: IndexEntry[],
  doc: JsonObject,
  prefix: string,
  schema: JsonObject | undefined,
  depth: number,
  seen: Set<string>,
  relative: string,
): void {
  if (depth <= 0 || !schema) return;
  let s = deref(doc, schema);
  if (s?.type === 'array' && isObject(s.items)) s = deref(doc, s.items);
  const props = s && isObject(s.properties) ? s.properties : undefined;
  if (!props) return;
  for (const [name, raw] of Object.entries(props)) {
    const key = `${relative}.${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const child = isObject(raw) ? deref(doc, raw) : undefined;
    entries.push(
      entry('field', `${prefix}.${name}`, typeof child?.description === 'string' ? child.description : ''),
    );
    addNested(entries, doc, `${prefix}.${name}`, child, depth - 1, seen, key);
  }
}

/** A schema with its local `$ref` followed (a few hops at most). */
function deref(doc: JsonObject, schema: JsonObject): JsonObject | undefined {
  let s: JsonObject | undefined = schema;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 5; hops++) {
    const ref: string = s.$ref;
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = doc;
    for (const part of ref.slice(2).split('/'))
      node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    s = isObject(node) ? node : undefined;
  }
  return s;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

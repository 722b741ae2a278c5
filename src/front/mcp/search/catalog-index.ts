import type { Catalog } from '../../../core/catalog/catalog.js';
import type { JsonObject, Resource } from '../../../core/catalog/model/catalog-types.js';

/** What an index entry names. */
export type EntryKind = 'service' | 'resource' | 'method' | 'field';

/** One searchable name: a service, resource, method or response field (nested fields dotted). */
export interface IndexEntry {
  readonly kind: EntryKind;
  /** `google.compute`, `google.compute.firewalls`, `google.compute.firewalls.list`, `google.compute.firewalls.sourceRanges`. */
  readonly fqn: string;
  /** The last part, lower-cased, for exact and prefix matches. */
  readonly name: string;
  /** Words of the whole path (camelCase and snake_case split), lower-cased. */
  readonly words: readonly string[];
  /** Stems ({@link stem}) of the words of the last part. */
  readonly nameStems: ReadonlySet<string>;
  /** Stems of every word of the path. */
  readonly stems: ReadonlySet<string>;
  /** A field below another field (`firewalls.allowed.IPProtocol`): ranks below top-level fields. */
  readonly nested: boolean;
  /** The fqn lower-cased, for dotted queries. */
  readonly path: string;
  /** First sentence of the description, for the answer (and the weakest match). */
  readonly summary: string;
  readonly summaryLower: string;
}

/** Nested response fields are indexed this deep below a column (`allowed.IPProtocol`). */
const NESTED_DEPTH = 1;

/**
 * Builds the index over every installed provider (each at the version the catalog uses): services,
 * resources, methods and the columns of each resource's SELECT methods with their nested fields.
 * A service whose documents fail to load is skipped (its name stays searchable).
 */
export async function buildCatalogIndex(catalog: Catalog): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  const providers = catalog.registry.installedProviders().map((p) => p.provider);
  for (const providerName of providers) {
    let provider: Awaited<ReturnType<Catalog['provider']>>;
    try {
      provider = await catalog.provider(providerName);
    } catch {
      continue;
    }
    for (const summary of provider.services(true)) {
      entries.push(entry('service', `${providerName}.${summary.name}`, summary.title || summary.description));
      try {
        const service = provider.service(summary.name);
        for (const name of service.resourceNames()) addResource(entries, service.resource(name));
      } catch {
        // a broken service document: keep the service entry, skip its resources
      }
      // yield between services so other requests (pings, cancels) are served while building
      await new Promise((r) => setImmediate(r));
    }
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

function entry(kind: EntryKind, fqn: string, description: string, nested = false): IndexEntry {
  const last = fqn.slice(fqn.lastIndexOf('.') + 1);
  const words = splitWords(fqn);
  const summary = firstSentence(description);
  return {
    kind,
    fqn,
    name: last.toLowerCase(),
    words,
    nameStems: new Set(splitWords(last).map(stem)),
    stems: new Set(words.map(stem)),
    nested,
    path: fqn.toLowerCase(),
    summary,
    summaryLower: summary.toLowerCase(),
  };
}

/** A crude English stem so singular and plural meet: policies → policy, buckets → bucket, addresses → address. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `google.compute.firewalls.sourceRanges` → google, compute, firewalls, source, ranges, sourceranges. */
export function splitWords(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/[.\s/_-]+/)) {
    if (!part) continue;
    out.add(part.toLowerCase());
    for (const w of part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
      if (w) out.add(w.toLowerCase());
  }
  return [...out];
}

function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const end = t.search(/\.(\s|$)/);
  const s = end >= 0 ? t.slice(0, end + 1) : t;
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

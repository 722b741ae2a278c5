import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { JsonObject, ServiceSummary } from './model/catalog-types.js';
import { escapeToken, isObject } from './openapi/json-pointer.js';

/**
 * Where a service's resources are declared and which OpenAPI document each one resolves against.
 * Two readers fill the one catalog model, chosen by the shape of provider.yaml's entry:
 *
 * - the current layout keeps the resources in the service document's
 *   `components.x-stackQL-resources`, and every resource reads that document;
 * - the older layout's entry has `resources: {$ref}`, a resource register: `resources: {<name>:
 *   {id, name, title, methods, sqlVerbs?, serviceDoc?}}` beside a top-level `serviceDoc` (and
 *   `servers`, ignored). A resource reads its own `serviceDoc`, else the register's, else the
 *   entry's `service` (plain OpenAPI documents, which may be split across files).
 *
 * Downstream code sees only Resources (each carrying its document), so both layouts behave alike.
 */
export interface ResourceSource {
  /** Resource entries by name, in document order. */
  entries(): JsonObject;
  /** The `$ref` (relative to the doc root) of the document resource `name` reads. */
  documentRef(name: string): string;
  /** Every document some resource reads, without loading any of them. */
  documentRefs(): string[];
  /**
   * The documents resource `name`'s definition comes from (its document; in the older layout the
   * register too), which key its cached slice. Loads at most the register.
   */
  sourceRefs(name: string): string[];
  /** Where resource `name`'s entry sits inside its document (current layout), else undefined. */
  entryPointer(name: string): string | undefined;
}

/** Loads a document of the provider by `$ref`; `what` names it in errors. */
export type DocumentLoader = (ref: string, what: string) => JsonObject;

function refOf(v: unknown): string {
  return isObject(v) && typeof v.$ref === 'string' ? v.$ref.trim() : '';
}

function serviceDocRef(provider: string, summary: ServiceSummary): string {
  if (summary.ref === '') {
    throw new SkyqlError(
      'BAD_PROVIDER_DOC',
      `service ${provider}.${summary.name} has no service document in provider.yaml (no service: {$ref})`,
      { hint: `SHOW SERVICES IN ${provider} lists the services with documents` },
    );
  }
  return summary.ref;
}

/** The current layout: resources under the service document's `x-stackQL-resources`. */
function embeddedSource(provider: string, summary: ServiceSummary, load: DocumentLoader): ResourceSource {
  let entries: JsonObject | undefined;
  return {
    entries() {
      if (entries === undefined) {
        const ref = serviceDocRef(provider, summary);
        const doc = load(ref, `service document of ${provider}.${summary.name}`);
        const components = isObject(doc.components) ? doc.components : {};
        const res = components['x-stackQL-resources'];
        entries = isObject(res) ? res : {};
      }
      return entries;
    },
    documentRef: () => serviceDocRef(provider, summary),
    documentRefs: () => (summary.ref === '' ? [] : [summary.ref]),
    sourceRefs: () => [serviceDocRef(provider, summary)],
    entryPointer: (name) => `#/components/x-stackQL-resources/${escapeToken(name)}`,
  };
}

/** The older layout: resources in a register naming their documents (`serviceDoc`). */
function registerSource(
  provider: string,
  summary: ServiceSummary,
  registerRef: string,
  load: DocumentLoader,
): ResourceSource {
  let register: JsonObject | undefined;
  const read = (): JsonObject => {
    register ??= load(registerRef, `resource register of ${provider}.${summary.name}`);
    return register;
  };
  const entries = (): JsonObject => {
    const res = read().resources;
    return isObject(res) ? res : {};
  };
  const documentRef = (name: string): string => {
    const entry = entries()[name];
    return (
      refOf(isObject(entry) ? entry.serviceDoc : undefined) ||
      refOf(read().serviceDoc) ||
      serviceDocRef(provider, summary)
    );
  };
  return {
    entries,
    documentRef,
    documentRefs: () => [...new Set(Object.keys(entries()).map(documentRef))],
    sourceRefs: (name) => [registerRef, documentRef(name)],
    entryPointer: () => undefined,
  };
}

/** The reader for a service, chosen by its provider.yaml entry (`resources: {$ref}` or not). */
export function resourceSource(
  provider: string,
  summary: ServiceSummary,
  load: DocumentLoader,
): ResourceSource {
  return summary.resourcesRef
    ? registerSource(provider, summary, summary.resourcesRef, load)
    : embeddedSource(provider, summary, load);
}

import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { byteOrder } from '../../core/catalog/resource-info.js';
import { copyable, tableClose, tableOpen, tableRow } from './html-table.js';
import { escapeMdx } from './markdown-escape.js';
import { DOC_VERB_ORDER, methodsForVerb } from './method-doc.js';
import type { DocParam } from './params-doc.js';

/**
 * The parameters of all methods: those required by some method first, then the optional ones,
 * each group sorted by name. A parameter required by one method and optional in another is listed
 * once, as required (the published generator lists it twice, with the same anchor).
 */
function collectParams(resource: Resource, doc: JsonObject): { required: DocParam[]; optional: DocParam[] } {
  const required = new Map<string, DocParam>();
  const optional = new Map<string, DocParam>();
  for (const verb of DOC_VERB_ORDER) {
    for (const m of methodsForVerb(resource, doc, verb)) {
      for (const p of m.params.required) required.set(p.name, p);
      for (const p of m.params.optional) optional.set(p.name, p);
    }
  }
  const sorted = (map: Map<string, DocParam>) => [...map.values()].sort((a, b) => byteOrder(a.name, b.name));
  return { required: sorted(required), optional: sorted(optional).filter((p) => !required.has(p.name)) };
}

/**
 * "Parameters": one row per parameter with an anchor (`parameter-<name>`) the Methods table links to.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function parametersSection(resource: Resource, doc: JsonObject): string {
  let out =
    '\n\n## Parameters\n\nParameters can be passed in the `WHERE` clause of a query. ' +
    'Check the [Methods](#methods) section to see which parameters are required or optional for each operation.\n\n';
  out += tableOpen(['Name', 'Datatype', 'Description']);
  const { required, optional } = collectParams(resource, doc);
  for (const p of [...required, ...optional]) {
    out += tableRow(
      [copyable(p.name), `<code>${p.type}</code>`, escapeMdx(p.description)],
      `parameter-${p.name}`,
    );
  }
  return out + tableClose();
}

import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { copyable, tableClose, tableOpen, tableRow } from './html-table.js';
import { escapeMdx } from './markdown-escape.js';
import { DOC_VERB_ORDER, methodsForVerb } from './method-doc.js';
import type { DocParam } from './params-doc.js';

/** Parameter names as links to their rows in the "Parameters" table, comma-separated. */
function paramLinks(params: readonly DocParam[]): string {
  return params.map((p) => `<a href="#parameter-${p.name}"><code>${p.name}</code></a>`).join(', ');
}

/**
 * "Methods": every method with the verb it is accessible by (select, insert, update, replace,
 * delete, then exec), its required parameters in declaration (path) order, its optional
 * parameters, and its description.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function methodsSection(resource: Resource, doc: JsonObject): string {
  let out = '\n## Methods\n\nThe following methods are available for this resource:\n\n';
  out += tableOpen(['Name', 'Accessible by', 'Required Params', 'Optional Params', 'Description']);
  for (const verb of DOC_VERB_ORDER) {
    for (const m of methodsForVerb(resource, doc, verb)) {
      out += tableRow([
        `<a href="#${m.name}">${copyable(m.name)}</a>`,
        copyable(verb),
        paramLinks(m.params.required),
        paramLinks(m.params.optional),
        escapeMdx(m.description),
      ]);
    }
  }
  return out + tableClose();
}

import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { copyable, tableClose, tableOpen, tableRow } from './html-table.js';
import { escapeMdx } from './markdown-escape.js';
import { methodsForVerb } from './method-doc.js';
import { methodTabs, TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen, tabsOpen } from './tabs.js';

/**
 * "Fields": one tab per SELECT method with the description of its response schema and a table of
 * the response's fields (name, `type (format)`, description). Resources without a SELECT method get
 * the "not supported" note instead.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function fieldsSection(resource: Resource, doc: JsonObject): string {
  let out = '## Fields\n\nThe following fields are returned by `SELECT` queries:\n\n';
  const methods = methodsForVerb(resource, doc, 'select');
  if (methods.length === 0) {
    return `${out}\`SELECT\` not supported for this resource, use \`SHOW METHODS\` to view available operations for the resource.\n\n`;
  }
  out += tabsOpen(methodTabs(methods.map((m) => m.name)));
  for (const m of methods) {
    out += tabItemOpen(m.name);
    if (m.response.description) out += `${escapeMdx(m.response.description)}\n\n`;
    out += tableOpen(['Name', 'Datatype', 'Description']);
    for (const f of m.response.fields) {
      out += tableRow([copyable(f.name), `<code>${f.type}</code>`, escapeMdx(f.description)]);
    }
    out += `${tableClose()}\n${TAB_ITEM_CLOSE}`;
  }
  return out + TABS_CLOSE;
}

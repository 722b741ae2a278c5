import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { exampleDescription, exampleSectionOpen, fqnOf, quoted } from './example-text.js';
import { methodsForVerb } from './method-doc.js';
import { TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen } from './tabs.js';

/**
 * "`SELECT` examples": per SELECT method, a query of all its fields with the required parameters
 * (marked `-- required`) and the optional ones in the WHERE clause. Empty when there is none.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function selectExamples(resource: Resource, doc: JsonObject): string {
  const methods = methodsForVerb(resource, doc, 'select');
  if (methods.length === 0) return '';
  let out = exampleSectionOpen('`SELECT` examples', methods);
  for (const m of methods) {
    const columns = m.response.fields.map((f) => f.name);
    const conditions = [
      ...m.params.required.map((p) => `${p.name} = ${quoted(p.name)} -- required`),
      ...m.params.optional.map((p) => `${p.name} = ${quoted(p.name)}`),
    ];
    out += tabItemOpen(m.name);
    out += `${exampleDescription(m, true)}\n\n\`\`\`sql\nSELECT\n${columns.length > 0 ? columns.join(',\n') : '*'}`;
    out += `\nFROM ${fqnOf(resource)}`;
    if (conditions.length > 0) out += `\nWHERE ${conditions.join('\nAND ')}`;
    out += `;\n\`\`\`\n${TAB_ITEM_CLOSE}`;
  }
  return out + TABS_CLOSE;
}

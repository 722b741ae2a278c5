import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { exampleDescription, exampleSectionOpen, fqnOf, quoted } from './example-text.js';
import { methodsForVerb } from './method-doc.js';
import { TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen } from './tabs.js';

/**
 * "`DELETE` examples": per DELETE method, `DELETE FROM … WHERE` with the required parameters
 * (`--required`) and the optional ones. Empty when the resource has no DELETE method.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function deleteExamples(resource: Resource, doc: JsonObject): string {
  const methods = methodsForVerb(resource, doc, 'delete');
  if (methods.length === 0) return '';
  let out = exampleSectionOpen('`DELETE` examples', methods);
  for (const m of methods) {
    const conditions = [
      ...m.params.required.map((p) => `${p.name} = ${quoted(p.name)} --required`),
      ...m.params.optional.map((p) => `${p.name} = ${quoted(p.name)}`),
    ];
    out += `${tabItemOpen(m.name)}${exampleDescription(m, false)}\n\n\`\`\`sql\nDELETE FROM ${fqnOf(resource)}`;
    if (conditions.length > 0) out += `\nWHERE ${conditions.join('\nAND ')}`;
    out += `;\n\`\`\`\n${TAB_ITEM_CLOSE}`;
  }
  return out + TABS_CLOSE;
}

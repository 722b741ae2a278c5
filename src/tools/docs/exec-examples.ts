import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { bare, exampleDescription, exampleSectionOpen, fqnOf, quoted } from './example-text.js';
import { type MethodDoc, methodsForVerb } from './method-doc.js';
import { isUnquoted, writableProps } from './request-body-doc.js';
import { TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen } from './tabs.js';

/** `EXEC provider.service.resource.method @p='…' --required, … @@json='{…}';` */
function execStatement(resource: Resource, m: MethodDoc): string {
  const args = [
    ...m.params.required.map((p) => `@${p.name}=${quoted(p.name)} --required`),
    ...m.params.optional.map((p) => `@${p.name}=${p.boolean ? bare(p.name) : quoted(p.name)}`),
  ];
  let sql = `EXEC ${fqnOf(resource)}.${m.name} \n${args.join(', \n')}`;
  if (m.body.properties.length > 0) {
    if (args.length > 0) sql += ' \n';
    const members = writableProps(m.body).map(
      (p) => `"${p.name}": ${isUnquoted(p) ? bare(p.name) : `"${bare(p.name)}"`}`,
    );
    sql += `@@json=\n'{\n${members.join(', \n')}${members.length > 0 ? '\n' : ''}}'`;
  }
  return `${sql};`;
}

/**
 * "Lifecycle Methods": per method that no SQL verb uses, an `EXEC` with its parameters (`@name=`)
 * and, when it takes a body, an `@@json` object of the writable body fields. Empty when there is
 * no such method.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function execExamples(resource: Resource, doc: JsonObject): string {
  const methods = methodsForVerb(resource, doc, 'exec');
  if (methods.length === 0) return '';
  let out = exampleSectionOpen('Lifecycle Methods', methods);
  for (const m of methods) {
    out += `${tabItemOpen(m.name)}${exampleDescription(m, true)}\n\n\`\`\`sql\n${execStatement(resource, m)}\n\`\`\`\n${TAB_ITEM_CLOSE}`;
  }
  return out + TABS_CLOSE;
}

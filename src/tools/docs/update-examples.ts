import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { bare, exampleDescription, exampleSectionOpen, fqnOf, quoted } from './example-text.js';
import { type MethodDoc, methodsForVerb } from './method-doc.js';
import { isUnquoted, writableProps } from './request-body-doc.js';
import { rawType } from './schema-deref.js';
import { TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen } from './tabs.js';

/**
 * The `UPDATE`/`REPLACE … SET … WHERE …` statement of one method. Optional parameters are written
 * `'{{ name}}'` (no space before the closing braces), as on the published pages.
 */
function updateStatement(resource: Resource, m: MethodDoc, keyword: 'UPDATE' | 'REPLACE'): string {
  const props = writableProps(m.body);
  const set = props.map((p) => `data__${p.name} = ${isUnquoted(p) ? bare(p.name) : quoted(p.name)}`);
  const requiredBody = m.body.required.flatMap((name) => props.filter((p) => p.name === name));
  const where = [
    ...m.params.required.map((p) => `${p.name} = ${quoted(p.name)} --required`),
    ...requiredBody.map(
      (p) =>
        `data__${p.name} = ${rawType(p.schema) === 'boolean' ? bare(p.name) : quoted(p.name)} --required`,
    ),
    ...m.params.optional.map((p) => `${p.name} = ${p.boolean ? `{{ ${p.name}}}` : `'{{ ${p.name}}}'`}`),
  ];
  let sql = `${keyword} ${fqnOf(resource)}\nSET \n${set.length > 0 ? set.join(',\n') : '-- No updatable properties'}`;
  sql += `\nWHERE \n${where.join('\nAND ')}`;
  if (m.response.fields.length > 0) sql += `\nRETURNING\n${m.response.fields.map((f) => f.name).join(',\n')}`;
  return `${sql};`;
}

/**
 * "`UPDATE` examples" (or "`REPLACE` examples" with `replace`): per method, the statement setting
 * every writable request-body field as `data__<name>`, with the required parameters and required
 * body fields (`--required`) and the optional parameters in the WHERE clause, returning the
 * response fields. Empty when the resource has no such method.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 * @param verb `update` (default) or `replace`
 */
export function updateExamples(
  resource: Resource,
  doc: JsonObject,
  verb: 'update' | 'replace' = 'update',
): string {
  const methods = methodsForVerb(resource, doc, verb);
  if (methods.length === 0) return '';
  const keyword = verb === 'update' ? 'UPDATE' : 'REPLACE';
  let out = exampleSectionOpen(`\`${keyword}\` examples`, methods);
  for (const m of methods) {
    out += `${tabItemOpen(m.name)}${exampleDescription(m, false)}\n\n\`\`\`sql\n${updateStatement(resource, m, keyword)}\n\`\`\`\n${TAB_ITEM_CLOSE}`;
  }
  return out + TABS_CLOSE;
}

/**
 * "`REPLACE` examples": {@link updateExamples} for the REPLACE methods.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function replaceExamples(resource: Resource, doc: JsonObject): string {
  return updateExamples(resource, doc, 'replace');
}

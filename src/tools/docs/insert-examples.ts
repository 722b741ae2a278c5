import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { bare, exampleDescription, exampleSectionOpen, fqnOf, quoted } from './example-text.js';
import { insertManifest } from './insert-manifest.js';
import { type MethodDoc, methodsForVerb } from './method-doc.js';
import { isUnquoted, writableProps } from './request-body-doc.js';
import { TAB_ITEM_CLOSE, TABS_CLOSE, tabItemOpen } from './tabs.js';

/** The `INSERT INTO … SELECT …` statement of one method. */
function insertStatement(resource: Resource, m: MethodDoc): string {
  const props = writableProps(m.body);
  const columns = [
    ...props.map((p) => `data__${p.name}`),
    ...m.params.required.map((p) => p.name),
    ...m.params.optional.map((p) => p.name),
  ];
  const values = [
    ...props.map(
      (p) =>
        (isUnquoted(p) ? bare(p.name) : quoted(p.name)) +
        (m.body.required.includes(p.name) ? ' --required' : ''),
    ),
    ...m.params.required.map((p) => quoted(p.name)),
    ...m.params.optional.map((p) => quoted(p.name)),
  ];
  let sql = `INSERT INTO ${fqnOf(resource)} (\n${columns.join(',\n')}\n)\nSELECT \n${values.join(',\n')}`;
  if (m.response.fields.length > 0) sql += `\nRETURNING\n${m.response.fields.map((f) => f.name).join(',\n')}`;
  return `${sql}\n;`;
}

/**
 * "`INSERT` examples": per INSERT method an `INSERT INTO … SELECT` with the writable request-body
 * fields as `data__<name>` columns (required ones marked `--required`), the parameters, and a
 * RETURNING clause of the response fields; plus a "Manifest" tab. Empty when there is no INSERT.
 *
 * @param resource the resource being documented
 * @param doc the service's OpenAPI document
 */
export function insertExamples(resource: Resource, doc: JsonObject): string {
  const methods = methodsForVerb(resource, doc, 'insert');
  if (methods.length === 0) return '';
  let out = exampleSectionOpen('`INSERT` examples', methods, [{ label: 'Manifest', value: 'manifest' }]);
  for (const m of methods) {
    out += `${tabItemOpen(m.name)}${exampleDescription(m, false)}\n\n\`\`\`sql\n${insertStatement(resource, m)}\n\`\`\`\n${TAB_ITEM_CLOSE}`;
  }
  out += `${tabItemOpen('manifest')}${insertManifest(resource, methods)}${TAB_ITEM_CLOSE}`;
  return out + TABS_CLOSE;
}

import type { Resource } from '../../core/catalog/model/catalog-types.js';
import { jsString } from './markdown-escape.js';
import type { MethodDoc } from './method-doc.js';
import type { DocParam } from './params-doc.js';
import { type BodyProp, writableProps } from './request-body-doc.js';
import { rawDescription, rawType } from './schema-deref.js';

/**
 * The "Manifest" tab of the INSERT examples: a stackql-deploy style YAML list of the inputs of the
 * resource's INSERT methods: required parameters, then the writable request-body properties (with
 * description, `valid_values` for enums and `default`), then optional parameters.
 *
 * Descriptions are written raw (inside a fenced code block MDX does not interpret them) as a folded
 * block scalar. Unlike the published generator, lines after the first are indented too, so
 * multi-line descriptions stay valid YAML.
 */
export function insertManifest(resource: Resource, methods: readonly MethodDoc[]): string {
  const required = new Map<string, DocParam>();
  const optional = new Map<string, DocParam>();
  const body = new Map<string, BodyProp>();
  for (const m of methods) {
    for (const p of m.params.required) required.set(p.name, p);
    for (const p of m.params.optional)
      if (!required.has(p.name) && !optional.has(p.name)) optional.set(p.name, p);
    for (const p of writableProps(m.body)) body.set(p.name, p);
  }
  let out = `\`\`\`yaml\n# Description fields are for documentation purposes\n- name: ${resource.name}\n  props:\n`;
  for (const p of required.values()) {
    out += `    - name: ${p.name}\n      value: ${p.type || 'string'}\n      description: Required parameter for the ${resource.name} resource.\n`;
  }
  for (const p of body.values()) out += bodyPropEntry(p);
  for (const p of optional.values()) {
    if (required.has(p.name)) continue;
    out += `    - name: ${p.name}\n      value: ${p.type || 'string'}\n`;
    if (p.description) out += `      description: ${p.description}\n`;
  }
  return `${out}\`\`\`\n`;
}

function bodyPropEntry(p: BodyProp): string {
  let out = `    - name: ${p.name}\n      value: ${rawType(p.schema) || 'string'}\n`;
  const description = rawDescription(p.schema);
  if (description) {
    const lines = description.split('\n').map((l) => `        ${l}`);
    out += `      description: >\n${lines.join('\n')}\n        \n`;
  }
  if (Array.isArray(p.schema.enum)) {
    out += `      valid_values: ['${p.schema.enum.map((v) => (v === null || v === undefined ? '' : jsString(v))).join("', '")}']\n`;
  }
  if (p.schema.default !== undefined) out += `      default: ${jsString(p.schema.default)}\n`;
  return out;
}

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { extractDataBlocks } from './data-blocks.js';
import { jsonErrorOffset, lineColumn } from './json-error-position.js';
import { evaluateJsonnet, type JsonnetSource } from './jsonnet.js';
import { renderTemplate } from './template-render.js';

/** Template data from outside the script (`--iqldata`, `--var`). */
export interface TemplateInput {
  /** The `--iqldata` file: its text, type (from the extension) and name for messages. */
  readonly data?: { readonly text: string; readonly type: 'json' | 'jsonnet'; readonly origin: string };
  /** `--var k=v`: top-level values (over the data's), and Jsonnet external variables (`std.extVar`). */
  readonly vars?: ReadonlyMap<string, string>;
}

/** A script after templating. */
export interface PreparedScript {
  readonly text: string;
  /** True when it had data blocks, `{{ }}` or outside data: the text was rendered. */
  readonly templated: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function parseData(
  text: string,
  type: 'json' | 'jsonnet',
  source: JsonnetSource,
  vars: ReadonlyMap<string, string>,
) {
  const origin = source.origin;
  let value: unknown;
  if (type === 'jsonnet') value = await evaluateJsonnet(text, vars, source);
  else {
    try {
      value = JSON.parse(text);
    } catch {
      // V8's message quotes the text; only the position is reported (the file may hold secrets)
      const at = jsonErrorOffset(text);
      const where = at === undefined ? '' : ` at ${lineColumn(text, at)}`;
      throw new SkyqlError('TEMPLATE_ERROR', `${origin} is not valid JSON${where}`, {
        hint: 'template data must be one JSON object (a .jsonnet file is evaluated as Jsonnet)',
      });
    }
  }
  if (!isObject(value)) throw new SkyqlError('TEMPLATE_ERROR', `${origin} must hold a JSON object`);
  return value;
}

/**
 * StackQL's pre-processing of `exec` input, before parsing: inline `<<<json ... >>>` blocks are
 * removed and merged (later keys win; ignored when `--iqldata` is given), `--var` values are laid
 * over the data, and the text is rendered as a template (see template-render.ts). Input with none
 * of these is returned unchanged.
 */
export async function prepareScript(source: string, input: TemplateInput = {}): Promise<PreparedScript> {
  const vars = input.vars ?? new Map<string, string>();
  const { text, blocks } = extractDataBlocks(source);
  const templated = blocks.length > 0 || input.data !== undefined || vars.size > 0 || text.includes('{{');
  if (!templated) return { text: source, templated: false };
  let data: Record<string, unknown> = {};
  if (input.data)
    data = await parseData(input.data.text, input.data.type, { origin: input.data.origin }, vars);
  else
    for (const b of blocks) {
      // Jsonnet positions in a block are the script's lines; its imports start from the working folder.
      const source =
        b.type === 'jsonnet'
          ? { origin: '<<<jsonnet block', firstLine: b.line }
          : { origin: `the data block at line ${b.line}` };
      data = { ...data, ...(await parseData(b.body, b.type, source, vars)) };
    }
  for (const [k, v] of vars) data[k] = v;
  return { text: text.includes('{{') ? renderTemplate(text, data) : text, templated: true };
}

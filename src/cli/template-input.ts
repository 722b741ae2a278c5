import { readFileSync } from 'node:fs';
import { SkyqlError } from '../base/errors/skyql-error.js';
import type { TemplateInput } from '../core/template/prepare-script.js';

/** `--var k=v` values (repeatable, also comma-separated) as a map; a bad entry is a BAD_FLAG. */
function parseVars(entries: readonly string[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new SkyqlError('BAD_FLAG', `--var expects name=value, got '${entry}'`, {
        hint: '--var project=my-project --var region=us-central1; commas separate --var entries (as in StackQL) and values are strings: give lists and other typed values in a JSON data file (--iqldata vars.json) or a <<<json ... >>> block',
      });
    vars.set(name, entry.slice(eq + 1));
  }
  return vars;
}

/** The template data given by `--iqldata` (`.json`, or `.jsonnet`/`.libsonnet`) and `--var`. */
export function templateInput(path: string | undefined, varEntries: readonly string[]): TemplateInput {
  const vars = parseVars(varEntries);
  if (path === undefined) return { vars };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read --iqldata ${path}: ${(err as Error).message}`);
  }
  const type = /\.(jsonnet|libsonnet)$/i.test(path) ? 'jsonnet' : 'json';
  return { vars, data: { text, type, origin: path } };
}

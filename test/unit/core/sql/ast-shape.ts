import type { Statement } from '../../../../src/core/sql/ast/statement.js';

/**
 * A statement without offsets, for compact golden tables: `text` and `start` are dropped, names
 * become their parts and SQL fragments their text. Offsets are asserted separately.
 */
export function shape(stmt: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stmt)) {
    if (key === 'text' || key === 'start') continue;
    if (key === 'target' && value && typeof value === 'object' && 'parts' in value) out[key] = value.parts;
    else if (key === 'where' && value && typeof value === 'object' && 'text' in value) out[key] = value.text;
    else out[key] = value;
  }
  return out;
}

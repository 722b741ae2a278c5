import { SkyqlError } from '../../../base/errors/skyql-error.js';
import type { SqlDialect } from '../dialect.js';
import { analyzeSelect } from './analyze-select.js';
import { applyEdits, type TextEdit } from './apply-edits.js';

/** StackQL's `--indirect.depth.max` default: views within views at most this deep. */
export const DEFAULT_VIEW_DEPTH = 5;

/** Largest statement text view expansion may build (1 MB): each use of a view copies its query. */
export const MAX_EXPANDED_CHARS = 1_000_000;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Replaces every reference to a view in a SELECT by its stored query as a subquery
 * (`FROM v` → `FROM (<query>) AS "v"`, keeping an alias when there is one), repeatedly, so views
 * over views work and each use re-runs the view's query. CTE names shadow views. `viewText` returns
 * a view's query, or undefined for names that are not views. Throws VIEW_DEPTH_EXCEEDED past
 * `maxDepth` levels (a view that refers to itself, directly or not, ends there too).
 */
export function expandViews(
  text: string,
  viewText: (name: string) => string | undefined,
  maxDepth = DEFAULT_VIEW_DEPTH,
  dialect: SqlDialect = 'sqlite',
): string {
  let current = text;
  for (let depth = 0; ; depth++) {
    const analysis = analyzeSelect(current, dialect);
    const edits: TextEdit[] = [];
    for (const scope of analysis.scopes) {
      for (const ref of scope.from) {
        if (ref.kind !== 'local' || ref.parts.length !== 1 || analysis.cteNames.has(ref.parts[0])) continue;
        const body = viewText(ref.parts[0]);
        if (body === undefined) continue;
        const alias = ref.alias === undefined ? ` AS ${quote(ref.parts[0])}` : '';
        edits.push({ start: ref.nameStart, end: ref.nameEnd, text: `(${body})${alias}` });
      }
    }
    if (edits.length === 0) return current;
    const size = edits.reduce((n, e) => n + e.text.length - (e.end - e.start), current.length);
    if (size > MAX_EXPANDED_CHARS) {
      // views used many times over each other grow exponentially: refuse before building the text
      throw new SkyqlError(
        'VIEW_TOO_LARGE',
        `the statement expands to more than ${MAX_EXPANDED_CHARS} characters of SQL once its views are substituted`,
        {
          hint: 'views that use other views many times multiply; materialize one (CREATE MATERIALIZED VIEW)',
        },
      );
    }
    if (depth >= maxDepth) {
      throw new SkyqlError('VIEW_DEPTH_EXCEEDED', `views nest more than ${maxDepth} levels deep`, {
        hint: 'a view may refer to itself through other views; check the view definitions',
      });
    }
    current = applyEdits(current, edits);
  }
}

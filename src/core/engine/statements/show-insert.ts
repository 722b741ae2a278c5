import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../../base/result/result-set.js';
import type { Method, Resource } from '../../catalog/model/catalog-types.js';
import type { ShowInsertStatement } from '../../sql/ast/statement.js';
import type { EngineContext } from '../engine-context.js';
import { insertJsonTemplate } from './insert-json-template.js';
import { insertSkeleton } from './insert-skeleton.js';
import { partsOf } from './target-parts.js';

/** The INSERT method a template is for: the first of `sqlVerbs.insert`, as StackQL takes it. */
export function insertMethod(resource: Resource): Method {
  const m = resource.verbs.insert[0];
  if (!m)
    throw new SkyqlError(
      'NO_MATCHING_METHOD',
      `cannot find matching operation, possible causes include missing required parameters or an unsupported method for the resource, to find required parameters for supported methods run SHOW METHODS IN ${resource.fqn}: cannot resolve Method`,
      { hint: `${resource.fqn} has no INSERT method; SHOW METHODS IN ${resource.fqn} lists what it has` },
    );
  return m;
}

/**
 * `SHOW [EXTENDED] INSERT [/*+ REQUIRED[, JSON] *\/] INTO p.s.r`: one row, column `insert_statement`.
 * StackQL's `<<<jsonnet` skeleton by default; with the JSON hint, skyql's runnable variant.
 */
export async function showInsert(ctx: EngineContext, stmt: ShowInsertStatement): Promise<ResultSet> {
  const [p, s, r] = partsOf(stmt.target, 3, 'SHOW INSERT INTO <provider>.<service>.<resource>');
  const resource = await ctx.catalog.resource(p, s, r);
  const method = insertMethod(resource);
  // The document the method's schemas `$ref` into: the resource's own.
  const doc = resource.doc;
  const text = stmt.json
    ? insertJsonTemplate(resource, method, doc, stmt.required, stmt.extended)
    : insertSkeleton(resource.fqn, method, doc, { extended: stmt.extended, requiredOnly: stmt.required });
  return textResult(['insert_statement'], [[text]]);
}

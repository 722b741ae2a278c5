import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../../base/result/result-set.js';
import { didYouMean } from '../../../base/util/did-you-mean.js';
import type { MethodParam, SchemaColumn } from '../../catalog/model/catalog-types.js';
import { byteOrder, describeMethodOf, describeOrder } from '../../catalog/resource-info.js';
import type { DescribeMethodStatement, DescribeStatement } from '../../sql/ast/statement.js';
import type { EngineContext } from '../engine-context.js';
import { project } from '../row-filter.js';
import { schemaShape } from './schema-shape-text.js';
import { partsOf } from './target-parts.js';

/** DESCRIBE [EXTENDED] p.s.r: the resource's columns from its first SELECT method. */
export async function describeResource(ctx: EngineContext, stmt: DescribeStatement): Promise<ResultSet> {
  const [p, s, r] = partsOf(stmt.target, 3, 'DESCRIBE <provider>.<service>.<resource>');
  const resource = await ctx.catalog.resource(p, s, r);
  const method = describeMethodOf(resource);
  const rows = describeOrder(method.columns).map((c) => [c.name, c.type, c.description]);
  const all = textResult(['name', 'type', 'description'], rows);
  return stmt.extended ? all : project(all, ['name', 'type']);
}

/** DESCRIBE METHOD [EXTENDED] p.s.r.m: inputs (required, then optional) and output columns. */
export async function describeMethod(ctx: EngineContext, stmt: DescribeMethodStatement): Promise<ResultSet> {
  const [p, s, r, m] = partsOf(stmt.target, 4, 'DESCRIBE METHOD <provider>.<service>.<resource>.<method>');
  const resource = await ctx.catalog.resource(p, s, r);
  const method = resource.methods.find((x) => x.name === m);
  if (!method) {
    throw new SkyqlError(
      'METHOD_NOT_FOUND',
      `method '${m}' not found in ${resource.fqn}${didYouMean(
        m,
        resource.methods.map((x) => x.name),
        `${resource.fqn}.`,
      )}`,
      { hint: `SHOW METHODS IN ${resource.fqn} lists its methods` },
    );
  }
  const doc = resource.doc;
  const inputs = method.params.filter((x) => !x.shared);
  const paramRow = (x: MethodParam) => [
    x.name,
    x.type,
    x.required ? 'input_required' : 'input_optional',
    schemaShape(doc, x.schema),
    x.description,
  ];
  const outRow = (c: SchemaColumn) => [c.name, c.type, 'output', schemaShape(doc, c.schema), c.description];
  const rows = [
    ...inputs.filter((x) => x.required).map(paramRow),
    ...inputs
      .filter((x) => !x.required)
      .sort((a, b) => byteOrder(a.name, b.name))
      .map(paramRow),
    ...describeOrder(method.columns).map(outRow),
  ];
  const all = textResult(['name', 'type', 'param_type', 'shape', 'description'], rows);
  return stmt.extended ? all : project(all, ['name', 'type', 'param_type', 'shape']);
}

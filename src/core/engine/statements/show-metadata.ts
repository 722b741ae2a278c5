import { type ResultSet, textResult } from '../../../base/result/result-set.js';
import { BUILTIN_PROVIDER, BUILTIN_VERSION } from '../../catalog/builtin/builtin-provider.js';
import { SQL_VERB_ORDER } from '../../catalog/model/catalog-types.js';
import { latestVersion } from '../../catalog/registry/versions.js';
import { byteOrder, requiredParamsInShowOrder } from '../../catalog/resource-info.js';
import type { ShowStatement } from '../../sql/ast/statement.js';
import type { EngineContext } from '../engine-context.js';
import { filterLike, filterWhere, project } from '../row-filter.js';
import { partsOf } from './target-parts.js';

/**
 * Per SHOW object: the columns (the plain set and the EXTENDED additions, StackQL's shapes) and
 * those LIKE matches, any of them (StackQL: id or name; name only for providers).
 */
const SHAPES = {
  providers: { plain: ['name', 'version'], extended: [], like: ['name'] },
  services: { plain: ['id', 'name', 'title'], extended: ['description', 'version'], like: ['id', 'name'] },
  resources: { plain: ['name', 'id'], extended: ['description'], like: ['id', 'name'] },
  methods: {
    plain: ['MethodName', 'RequiredParams', 'SQLVerb'],
    extended: ['description'],
    like: ['MethodName'],
  },
} as const;

async function allRows(ctx: EngineContext, stmt: ShowStatement): Promise<ResultSet> {
  switch (stmt.object) {
    case 'providers': {
      const rows = ctx.registry
        .installedProviders()
        .map((p) => [p.provider, latestVersion(p.versions) ?? '']);
      rows.push([BUILTIN_PROVIDER, BUILTIN_VERSION]); // skyql.org.projects and friends, always there
      return textResult(['name', 'version'], rows);
    }
    case 'services': {
      const [provider] = partsOf(stmt.target, 1, 'SHOW SERVICES IN <provider>');
      const handle = await ctx.catalog.provider(provider);
      const rows = handle
        .services(ctx.includeNonPreferred)
        .map((s) => [s.id, s.name, s.title, s.description, s.version]);
      return textResult(['id', 'name', 'title', 'description', 'version'], rows);
    }
    case 'resources': {
      const [provider, service] = partsOf(stmt.target, 2, 'SHOW RESOURCES IN <provider>.<service>');
      const svc = await ctx.catalog.service(provider, service);
      const rows = svc
        .resourceNames()
        .sort(byteOrder)
        .map((name) => {
          const r = svc.resourceSummary(name);
          return [r.name, r.id, r.description];
        });
      return textResult(['name', 'id', 'description'], rows);
    }
    case 'methods': {
      const [p, s, r] = partsOf(stmt.target, 3, 'SHOW METHODS IN <provider>.<service>.<resource>');
      const resource = await ctx.catalog.resource(p, s, r);
      const rows = SQL_VERB_ORDER.flatMap((verb) =>
        resource.methods
          .filter((m) => m.verb === verb)
          .sort((a, b) => byteOrder(a.name, b.name))
          .map((m) => [
            m.name,
            requiredParamsInShowOrder(m)
              .map((x) => x.name)
              .join(', '),
            verb.toUpperCase(),
            m.description,
          ]),
      );
      return textResult(['MethodName', 'RequiredParams', 'SQLVerb', 'description'], rows);
    }
  }
}

/** SHOW [EXTENDED] PROVIDERS | SERVICES | RESOURCES | METHODS [IN …] [LIKE … | WHERE …]. */
export async function showMetadata(
  ctx: EngineContext,
  stmt: ShowStatement,
  signal?: AbortSignal,
): Promise<ResultSet> {
  const shape = SHAPES[stmt.object];
  let result = await allRows(ctx, stmt);
  if (stmt.like !== undefined) result = filterLike(result, shape.like, stmt.like);
  if (stmt.where !== undefined)
    result = await filterWhere(ctx.store, ctx.read, result, stmt.where.text, signal);
  return project(result, stmt.extended ? [...shape.plain, ...shape.extended] : shape.plain);
}

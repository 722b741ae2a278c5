import { SkyqlError } from '../../../base/errors/skyql-error.js';
import { type ResultSet, textResult } from '../../../base/result/result-set.js';
import { didYouMean } from '../../../base/util/did-you-mean.js';
import { latestVersion } from '../../catalog/registry/versions.js';
import type { RegistryListStatement, RegistryPullStatement } from '../../sql/ast/statement.js';
import type { EngineContext } from '../engine-context.js';

/** REGISTRY LIST → provider, version (latest stable); REGISTRY LIST p → provider, versions. */
export async function registryList(ctx: EngineContext, stmt: RegistryListStatement): Promise<ResultSet> {
  const entries = await ctx.registry.list();
  if (stmt.provider === undefined) {
    return textResult(
      ['provider', 'version'],
      entries.map((e) => [e.provider, latestVersion(e.versions) ?? '']),
    );
  }
  const entry = entries.find((e) => e.provider === stmt.provider);
  if (!entry) {
    throw new SkyqlError(
      'PROVIDER_NOT_FOUND',
      `provider '${stmt.provider}' is not in the registry${didYouMean(
        stmt.provider,
        entries.map((e) => e.provider),
      )}`,
    );
  }
  return textResult(['provider', 'versions'], [[entry.provider, entry.versions.join(', ')]]);
}

/** REGISTRY PULL p [v]: installs the version; messages go to the reporter, no rows. */
export async function registryPull(ctx: EngineContext, stmt: RegistryPullStatement): Promise<undefined> {
  await ctx.registry.pull(stmt.provider, stmt.version);
  return undefined;
}

import { BUILTIN_PROVIDER } from '../catalog/builtin/builtin-provider.js';
import { describeMethodOf } from '../catalog/resource-info.js';
import type { Session } from './session.js';

/**
 * Names for interactive completion, from the catalog and the session: installed providers, the
 * services, resources and methods below a dotted path, a resource's columns, and the session's
 * views and local tables. Lookups that fail (unknown names, documents that do not load) give no
 * names rather than errors: completion must never disturb the prompt.
 */
export class CompletionNames {
  constructor(private readonly session: Session) {}

  /** Providers installed in the app root, and skyql's built-in one. */
  providers(): string[] {
    try {
      return [...this.session.context.registry.installedProviders().map((e) => e.provider), BUILTIN_PROVIDER];
    } catch {
      return [BUILTIN_PROVIDER];
    }
  }

  /** `[p]` → services, `[p, s]` → resources, `[p, s, r]` → methods. */
  async children(path: readonly string[]): Promise<string[]> {
    const { catalog, includeNonPreferred } = this.session.context;
    try {
      if (path.length === 1)
        return (await catalog.provider(path[0])).services(includeNonPreferred).map((s) => s.name);
      if (path.length === 2) return (await catalog.service(path[0], path[1])).resourceNames();
      if (path.length === 3)
        return (await catalog.resource(path[0], path[1], path[2])).methods.map((m) => m.name);
    } catch {
      // unknown name or unreadable document: nothing to offer
    }
    return [];
  }

  /** Columns a SELECT on `p.s.r` returns. */
  async columns(path: readonly string[]): Promise<string[]> {
    if (path.length !== 3) return [];
    try {
      const resource = await this.session.context.catalog.resource(path[0], path[1], path[2]);
      return describeMethodOf(resource).columns.map((c) => c.name);
    } catch {
      return [];
    }
  }

  /** Views, materialized views and local tables of the session. */
  localNames(): string[] {
    const tables = this.session.context.store.userTableNames();
    return [...new Set([...this.session.objects.listViews().map((v) => v.name), ...tables])];
  }
}

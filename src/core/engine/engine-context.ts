import type { Reporter } from '../../base/util/reporter.js';
import type { Catalog } from '../catalog/catalog.js';
import type { ProviderRegistry } from '../catalog/registry/provider-registry.js';
import type { LocalStream } from '../store/local-stream.js';
import type { LocalRead, SqlStore } from '../store/sql-store.js';

/** What statement executors work with; built once per session by createSession(). */
export interface EngineContext {
  readonly registry: ProviderRegistry;
  readonly catalog: Catalog;
  readonly store: SqlStore;
  /** Runs user SQL as one read-only query (in a runner process when the session has runners). */
  readonly read: LocalRead;
  /** {@link read} with the rows sent to a sink in batches as they are read (`skyql exec`'s output). */
  readonly stream: LocalStream;
  readonly reporter: Reporter;
  /** Show services the provider marks non-preferred (`--usenonpreferredapis`). */
  readonly includeNonPreferred: boolean;
}

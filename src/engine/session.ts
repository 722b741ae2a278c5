import { Catalog } from '../catalog/catalog.js';
import type { Fetcher } from '../catalog/registry/fetcher.js';
import { ProviderRegistry } from '../catalog/registry/provider-registry.js';
import type { RegistryConfig } from '../config/registry-config.js';
import { SkyqlError, toSkyqlError } from '../errors/skyql-error.js';
import type { Statement } from '../sql/ast/statement.js';
import { parseScript } from '../sql/parser/parse-script.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { type Reporter, silentReporter } from '../util/reporter.js';
import type { EngineContext } from './engine-context.js';
import { type ResultSet, textResult } from './result-set.js';
import { describeMethod, describeResource } from './statements/describe.js';
import { registryList, registryPull } from './statements/registry-statements.js';
import { showMetadata } from './statements/show-metadata.js';
import { SKYQL_VERSION } from './version.js';

/** Settings for {@link createSession}. */
export interface SessionOptions {
  readonly registry: RegistryConfig;
  readonly reporter?: Reporter;
  /** Provider → version to use instead of the newest installed. */
  readonly pins?: ReadonlyMap<string, string>;
  readonly includeNonPreferred?: boolean;
  /** Replaces network/file access to the registry (tests). */
  readonly fetcher?: Fetcher;
}

/** The outcome of one statement of a script: rows, nothing (messages only), or an error. */
export type StatementOutcome =
  | { readonly ok: true; readonly text: string; readonly result: ResultSet | undefined }
  | { readonly ok: false; readonly text: string; readonly error: SkyqlError };

/**
 * A session: runs statements against one catalog and one embedded SQL store. The CLI, the shell
 * and the wire server all go through it.
 */
export class Session {
  readonly context: EngineContext;

  constructor(context: EngineContext) {
    this.context = context;
  }

  /** Runs one parsed statement. */
  async execute(stmt: Statement): Promise<ResultSet | undefined> {
    const ctx = this.context;
    switch (stmt.kind) {
      case 'show':
        return showMetadata(ctx, stmt);
      case 'describe':
        return describeResource(ctx, stmt);
      case 'describeMethod':
        return describeMethod(ctx, stmt);
      case 'registryList':
        return registryList(ctx, stmt);
      case 'registryPull':
        return registryPull(ctx, stmt);
      case 'showVersion':
        return stmt.extended
          ? textResult(['version', 'platform'], [[SKYQL_VERSION, `${process.platform}/${process.arch}`]])
          : textResult(['version'], [[SKYQL_VERSION]]);
      case 'showTransactionIsolation':
        return textResult(['transaction_isolation'], [['read committed']]);
      case 'showInsert':
      case 'other':
        throw new SkyqlError(
          'UNSUPPORTED_STATEMENT',
          `${stmt.kind === 'other' ? stmt.verb : 'SHOW INSERT'} statements are not supported yet`,
          {
            hint: 'this build runs SHOW, DESCRIBE and REGISTRY statements',
          },
        );
    }
  }

  /**
   * Runs every statement of a script in order; a failing statement does not stop the others.
   * Yields each outcome as soon as it is known, so output streams.
   */
  async *run(script: string): AsyncGenerator<StatementOutcome> {
    let entries: ReturnType<typeof parseScript>;
    try {
      entries = parseScript(script);
    } catch (err) {
      yield { ok: false, text: script, error: toSkyqlError(err) };
      return;
    }
    for (const parsed of entries) {
      if (!parsed.ok) {
        yield { ok: false, text: parsed.text, error: parsed.error };
        continue;
      }
      try {
        yield { ok: true, text: parsed.statement.text, result: await this.execute(parsed.statement) };
      } catch (err) {
        yield { ok: false, text: parsed.statement.text, error: toSkyqlError(err) };
      }
    }
  }

  close(): void {
    this.context.store.close();
  }
}

/** Builds a session: registry, catalog and an (initially unopened) SQLite store. */
export function createSession(options: SessionOptions): Session {
  const reporter = options.reporter ?? silentReporter;
  const registry = new ProviderRegistry(options.registry, { reporter, fetcher: options.fetcher });
  return new Session({
    registry,
    catalog: new Catalog(registry, options.pins),
    store: new SqliteStore(),
    reporter,
    includeNonPreferred: options.includeNonPreferred ?? false,
  });
}

import { Catalog } from '../catalog/catalog.js';
import type { Fetcher } from '../catalog/registry/fetcher.js';
import { ProviderRegistry } from '../catalog/registry/provider-registry.js';
import type { AuthConfig } from '../config/auth-config.js';
import type { RegistryConfig } from '../config/registry-config.js';
import { SkyqlError, toSkyqlError } from '../errors/skyql-error.js';
import { executeSelect } from '../execute/execute-select.js';
import { HttpRowSource } from '../execute/http-row-source.js';
import type { RowSource } from '../execute/row-source.js';
import { createTransport, type Transport, type TransportOptions } from '../http/transport.js';
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

/** Until API access is configured, SELECTs on provider tables fail clearly. */
const noApiAccess: RowSource = {
  fetch(method) {
    return Promise.reject(
      new SkyqlError(
        'UNSUPPORTED_STATEMENT',
        `cannot call ${method.resourceFqn}.${method.name}: API access is not configured in this session`,
      ),
    );
  },
};

/** Settings for {@link createSession}. */
export interface SessionOptions {
  readonly registry: RegistryConfig;
  readonly reporter?: Reporter;
  /** Provider → version to use instead of the newest installed. */
  readonly pins?: ReadonlyMap<string, string>;
  readonly includeNonPreferred?: boolean;
  /** Replaces network/file access to the registry (tests). */
  readonly fetcher?: Fetcher;
  /** Where SELECT gets API rows (HTTP unless replaced). */
  readonly rowSource?: RowSource;
  /** Concurrent API calls per table fan-out (`--execution.concurrency.limit`, default 16; <= 0 unbounded). */
  readonly concurrency?: number;
  /** Keep the rows of successful fan-out branches when some fail, with a warning. */
  readonly keepGoing?: boolean;
  /** API access over HTTP (used when no rowSource is given). */
  readonly api?: ApiOptions;
}

/** How the session reaches provider APIs. */
export interface ApiOptions {
  readonly transport: TransportOptions;
  readonly auth: AuthConfig;
  /** Pages per call at most; 0 = all. */
  readonly pageLimit: number;
}

/** How SELECT reaches APIs. */
interface SelectSettings {
  readonly rowSource: RowSource;
  readonly concurrency: number;
  readonly keepGoing: boolean;
  /** Releases connections. */
  readonly close: () => Promise<void> | undefined;
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
  private readonly settings: SelectSettings;

  constructor(context: EngineContext, settings: SelectSettings) {
    this.context = context;
    this.settings = settings;
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
      case 'other':
        if (stmt.verb === 'SELECT' || stmt.verb === 'WITH') return this.select(stmt.text);
        throw new SkyqlError('UNSUPPORTED_STATEMENT', `${stmt.verb} statements are not supported yet`, {
          hint: 'this build runs SELECT, SHOW, DESCRIBE and REGISTRY statements',
        });
      case 'showInsert':
        throw new SkyqlError('UNSUPPORTED_STATEMENT', 'SHOW INSERT statements are not supported yet', {
          hint: 'this build runs SELECT, SHOW, DESCRIBE and REGISTRY statements',
        });
    }
  }

  private select(text: string): Promise<ResultSet> {
    const { catalog, store, reporter } = this.context;
    return executeSelect(
      {
        catalog,
        store,
        source: this.settings.rowSource,
        options: {
          concurrency: this.settings.concurrency,
          keepGoing: this.settings.keepGoing,
          warn: (m) => reporter.message(m),
        },
      },
      text,
    );
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

  async close(): Promise<void> {
    this.context.store.close();
    await this.settings.close();
  }
}

/** Builds a session: registry, catalog and an (initially unopened) SQLite store. */
export function createSession(options: SessionOptions): Session {
  const reporter = options.reporter ?? silentReporter;
  const registry = new ProviderRegistry(options.registry, { reporter, fetcher: options.fetcher });
  const catalog = new Catalog(registry, options.pins);
  let transport: Transport | undefined;
  let rowSource = options.rowSource;
  if (!rowSource && options.api) {
    transport = createTransport(options.api.transport);
    rowSource = new HttpRowSource({
      catalog,
      send: transport,
      auth: options.api.auth,
      pageLimit: options.api.pageLimit,
      warn: (m) => reporter.message(m),
    });
  }
  return new Session(
    {
      registry,
      catalog,
      store: new SqliteStore(),
      reporter,
      includeNonPreferred: options.includeNonPreferred ?? false,
    },
    {
      rowSource: rowSource ?? noApiAccess,
      concurrency: options.concurrency ?? 16,
      keepGoing: options.keepGoing ?? false,
      close: () => transport?.close(),
    },
  );
}

import type { QualifiedName } from './qualified-name.js';
import type { SqlFragment } from './sql-fragment.js';
import type { StatementBase } from './statement-base.js';

/** What `SHOW` lists. */
export type ShowObject = 'providers' | 'services' | 'resources' | 'methods';

/**
 * `SHOW [EXTENDED] {PROVIDERS | SERVICES | RESOURCES | METHODS} [{IN | FROM} <target>]
 * [LIKE 'pattern' | WHERE <expr>]`. The target has 1 part for SERVICES (provider), 2 for RESOURCES
 * (provider.service), 3 for METHODS (provider.service.resource) and is absent for PROVIDERS.
 */
export interface ShowStatement extends StatementBase {
  readonly kind: 'show';
  readonly object: ShowObject;
  readonly extended: boolean;
  readonly target?: QualifiedName;
  /** The LIKE pattern, unescaped (filters on `name`). */
  readonly like?: string;
  /** The WHERE expression as written, for the local SQL engine. */
  readonly where?: SqlFragment;
}

/** `SHOW [EXTENDED] VERSION`. */
export interface ShowVersionStatement extends StatementBase {
  readonly kind: 'showVersion';
  readonly extended: boolean;
}

/** `SHOW [EXTENDED] INSERT [/*+ REQUIRED, JSON *\/] INTO <provider>.<service>.<resource>`. */
export interface ShowInsertStatement extends StatementBase {
  readonly kind: 'showInsert';
  readonly extended: boolean;
  /** True with the `REQUIRED` hint: the template lists required fields only. */
  readonly required: boolean;
  /** True with the `JSON` hint: skyql's runnable template with a `<<<json` block instead of StackQL's skeleton. */
  readonly json: boolean;
  readonly target: QualifiedName;
}

/** `SHOW TRANSACTION ISOLATION LEVEL` (sent by PostgreSQL clients). */
export interface ShowTransactionIsolationStatement extends StatementBase {
  readonly kind: 'showTransactionIsolation';
}

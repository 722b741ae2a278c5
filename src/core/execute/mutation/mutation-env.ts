import type { ResultSet } from '../../../base/result/result-set.js';
import type { Reporter } from '../../../base/util/reporter.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { HttpRequest, HttpResponse } from '../../http/http-types.js';
import type { AwaitSettings } from '../operations/await-operation.js';
import type { Shard } from '../shard.js';

/** Sends one request to a provider's API with its credentials. */
export type ProviderSend = (
  provider: string,
  request: HttpRequest,
  signal?: AbortSignal,
) => Promise<HttpResponse>;

/** What running a mutation (INSERT, UPDATE, REPLACE, DELETE, EXEC) needs from the session. */
export interface MutationEnv {
  readonly catalog: Catalog;
  /** Authorised sending; undefined when the session has no API access (only EXPLAIN works then). */
  readonly send?: ProviderSend;
  /** Messages (`The operation was despatched successfully`) and progress lines go here. */
  readonly reporter: Reporter;
  /** Runs a SELECT (sources of INSERT ... SELECT). */
  readonly select: (text: string, signal?: AbortSignal) => Promise<ResultSet>;
  /** Evaluates SQL expressions locally (SQLite, read-only) and returns their values in order. */
  readonly evaluate: (expressions: readonly string[]) => Promise<readonly unknown[]>;
  /** Calls in flight at once for multi-row and fan-out statements (<= 0: unbounded). */
  readonly concurrency: number;
  /** `--shard K/N`: only the calls whose values hash to K are sent (execute/shard.ts). */
  readonly shard?: Shard;
  /** Build the requests and return them instead of sending anything (EXPLAIN). */
  readonly dryRun: boolean;
  readonly await: AwaitSettings;
  readonly signal?: AbortSignal;
  /** Told how many calls changed something (sent and not skipped by INSERT IGNORE). */
  readonly rowCount?: (n: number) => void;
}

import type { RegistryConfig } from '../../../base/config/registry-config.js';
import type { Reporter } from '../../../base/util/reporter.js';
import type { Catalog } from '../../../core/catalog/catalog.js';
import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import type { Fetcher } from '../../../core/catalog/registry/fetcher.js';
import type { AuthService } from '../auth/oauth-token.js';
import type { TrustedKeyInput } from '../auth/trusted-keys.js';
import type { RouteTable } from '../routing/route-table.js';
import type { SeedDocument } from '../state/state-file.js';
import type { StateStore } from '../state/state-store.js';
import type { EmulatorSettings } from './emulator-context.js';
import type { FaultRule, FaultSet } from './faults.js';
import type { QuotaRule, QuotaTracker } from './quota.js';
import type { LogEntry, RequestLog } from './request-log.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Provider whose documents define the APIs (default `google`). */
  readonly provider?: string;
  /** Provider version (default: newest installed, pulling the latest when none is). */
  readonly version?: string;
  /** Where provider documents come from (default: ~/.skyql and the public registry). */
  readonly registry?: RegistryConfig;
  /** A ready catalog instead of `registry`. */
  readonly catalog?: Catalog;
  readonly fetcher?: Fetcher;
  readonly reporter?: Reporter;
  /** Require bearer tokens on API calls (default true). */
  readonly auth?: boolean;
  /** Service-account public keys (PEM, certificate, or key JSON) the token endpoint trusts. */
  readonly trustedKeys?: readonly TrustedKeyInput[];
  /** Seed documents or paths of seed files (JSON/YAML), applied in order. */
  readonly seed?: SeedDocument | string | readonly (SeedDocument | string)[];
  /** Load the demo data set first. */
  readonly sample?: boolean;
  /**
   * Generate an organisation: `{projects: N, seed?, folderDepth?, foldersPerFolder?, …}` (the seed
   * format's `sampleOrg`, docs/emulator.md), loaded after the sample and before the seeds.
   */
  readonly sampleOrg?: JsonObject;
  /** Rate quotas: `compute.googleapis.com=50/s[,project=5/s]` or rule objects. */
  readonly quotas?: readonly (string | QuotaRule)[];
  /** The quotas' clock in milliseconds (default `performance.now`); tests move time with it. */
  readonly clock?: () => number;
  /** State file: loaded at start when it exists, written by `save()` and on close. */
  readonly statePath?: string;
  /** Folder of named snapshots (`save(name)`, `POST /_emulator/save {"name"}`); nothing else is written there. */
  readonly stateDir?: string;
  readonly settings?: Partial<EmulatorSettings>;
  readonly faults?: readonly FaultRule[];
  /** Compile every host's routes at start instead of on first use. */
  readonly preload?: boolean;
  /** Request log size (default 2000). */
  readonly logLimit?: number;
  /** Largest request body accepted (default 64 MiB). */
  readonly maxBodyBytes?: number;
  /** Called after each API request is answered. */
  readonly onRequest?: (entry: LogEntry) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`; a call to `https://HOST/PATH` goes to `${url}/HOST/PATH`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly provider: string;
  readonly version: string;
  /** The OAuth token endpoint (`${url}/oauth2.googleapis.com/token`). */
  readonly tokenUrl: string;
  /** Milliseconds from the call to listening. */
  readonly startupMs: number;
  readonly store: StateStore;
  readonly settings: EmulatorSettings;
  readonly log: RequestLog;
  readonly faults: FaultSet;
  /** Rate quotas and request counters (`/_emulator/quota`). */
  readonly quota: QuotaTracker;
  readonly auth: AuthService;
  readonly routes: RouteTable;
  /** Maps a Google URL (`https://compute.googleapis.com/...`) to the emulator. */
  endpoint(googleUrl: string): string;
  /** Issues an access token without the JWT flow. */
  issueToken(principal?: string): string;
  /** Merges a seed document (or a seed file) into the state. */
  seed(doc: SeedDocument | string): void;
  /** Empties the state; `reseed` loads the start-up seeds again. */
  reset(reseed?: boolean): void;
  snapshot(): SeedDocument;
  /**
   * Writes the state to the state file, or with `name` to `<stateDir>/<name>` (a plain file name,
   * `.json` added unless it ends in .json/.yaml/.yml); returns the path written.
   */
  save(name?: string): string;
  close(): Promise<void>;
}

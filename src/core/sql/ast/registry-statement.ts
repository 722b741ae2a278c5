import type { StatementBase } from './statement-base.js';

/** `REGISTRY LIST [<provider>]`: all providers' latest versions, or one provider's versions. */
export interface RegistryListStatement extends StatementBase {
  readonly kind: 'registryList';
  readonly provider?: string;
}

/**
 * `REGISTRY PULL <provider> [<version>]`; the version is written bare (`v1.0.4`, `v25.07.00000`)
 * or quoted (`'v1.0.4'`). Without a version the registry's latest is pulled.
 */
export interface RegistryPullStatement extends StatementBase {
  readonly kind: 'registryPull';
  readonly provider: string;
  readonly version?: string;
}

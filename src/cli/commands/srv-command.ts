import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { createSession } from '../../core/engine/create-session.js';
import { SqlRunnerPool } from '../../core/store/sql-runner-pool.js';
import { addCacheOption, type CacheFlags, cacheFromFlags } from '../cache-option.js';
import {
  type ApiFlags,
  addApiOptions,
  apiSessionOptions,
  SRV_STATEMENT_TIMEOUT_S,
} from '../global-options.js';
import { untilStopSignal } from '../interrupt.js';
import { stderrReporter } from '../stderr-reporter.js';

interface SrvFlags extends ApiFlags, CacheFlags {
  'pgsrv.address': string;
  'pgsrv.port': string;
  'pgsrv.tls'?: string;
  'pgsrv.user'?: string;
  'pgsrv.password'?: string;
  'pgsrv.maxConnections': string;
  readonly?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new SkyqlError('BAD_FLAG', `--pgsrv.port must be an integer from 0 to 65535, got '${value}'`);
  return n;
}

/** Serves until SIGINT/SIGTERM; returns the exit code. */
async function runSrv(flags: SrvFlags): Promise<number> {
  const reporter = stderrReporter();
  const base = apiSessionOptions(flags, reporter, SRV_STATEMENT_TIMEOUT_S); // validates the flags first
  const cache = cacheFromFlags(flags); // shared: one client's query warms the others'
  // Every client query runs in a runner process: a timeout or CancelRequest kills it, others go on.
  const runners = new SqlRunnerPool();
  const { startPgServer } = await import('../../front/pgwire/pg-server.js');
  const { parseTlsSettings } = await import('../../front/pgwire/tls-settings.js');
  const maxConnections = Number(flags['pgsrv.maxConnections']);
  if (!Number.isInteger(maxConnections) || maxConnections < 1)
    throw new SkyqlError('BAD_FLAG', `--pgsrv.maxConnections must be a positive integer`);
  const server = await startPgServer({
    address: flags['pgsrv.address'],
    port: port(flags['pgsrv.port']),
    tls: flags['pgsrv.tls'] ? parseTlsSettings(flags['pgsrv.tls']) : undefined,
    user: flags['pgsrv.user'],
    password: flags['pgsrv.password'] ?? process.env.SKYQL_PGSRV_PASSWORD,
    readonly: flags.readonly === true,
    maxConnections,
    createSession: (notices) =>
      createSession({ ...base, reporter: notices, cache, runners, readonly: flags.readonly === true }),
  });
  runners.warm();
  process.stdout.write(`skyql srv listening on ${server.address}:${server.port}\n`);
  const auth =
    flags['pgsrv.password'] || process.env.SKYQL_PGSRV_PASSWORD
      ? 'SCRAM-SHA-256 password'
      : 'none (any user)';
  reporter.message(
    `tls: ${flags['pgsrv.tls'] ? 'required' : 'off'}; authentication: ${auth}${flags.readonly ? '; read-only' : ''}`,
  );
  if (
    server.address !== '127.0.0.1' &&
    server.address !== 'localhost' &&
    server.address !== '::1' &&
    !auth.startsWith('SCRAM')
  )
    reporter.message(
      `warning: listening on ${server.address} without a password: anyone who can reach this port can use your credentials`,
    );
  await untilStopSignal();
  await server.close();
  await runners.close();
  return 0;
}

/** `skyql srv`: the PostgreSQL wire-protocol server. */
export function srvCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('srv')
    .description('serve SQL over the PostgreSQL wire protocol (psql, drivers, BI tools)')
    .option(
      '--pgsrv.address <address>',
      'address to bind (StackQL binds 0.0.0.0; skyql defaults to loopback)',
      '127.0.0.1',
    )
    .option('--pgsrv.port <port>', 'port to listen on', '5466')
    .option(
      '--pgsrv.tls <json>',
      'TLS: {"keyFilePath", "certFilePath", "clientCAs": [PEM or base64 PEM]} (clientCAs: mTLS)',
    )
    .option('--pgsrv.user <name>', 'the only user name accepted (default: any)')
    .option('--pgsrv.password <password>', 'require this password, SCRAM-SHA-256 (env SKYQL_PGSRV_PASSWORD)')
    .option('--pgsrv.maxConnections <n>', 'client connections at most', '100')
    .option('--readonly', 'refuse INSERT/UPDATE/REPLACE/DELETE/EXEC on providers and REGISTRY PULL');
  addCacheOption(addApiOptions(cmd)).action(async (flags: SrvFlags) => {
    setExit(await runSrv(flags));
  });
}

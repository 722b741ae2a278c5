import type { Command } from 'commander';
import { createSession } from '../../core/engine/create-session.js';
import { PgConnectionSlots } from '../../core/store/pg/pg-connection-slots.js';
import { defaultResultMemoryBytes, ResultMemory } from '../../core/store/result-memory.js';
import { runnerPoolFor } from '../../core/store/sql-runner-pool.js';
import { FLAGS, SRV_STATEMENT_TIMEOUT_S } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addApiOptions, apiSessionOptions, cacheFromFlags } from '../global-options.js';
import { untilStopSignal } from '../interrupt.js';
import { probeSqlBackend } from '../sql-backend-probe.js';
import { stderrReporter } from '../stderr-reporter.js';

/** Serves until SIGINT/SIGTERM; returns the exit code. */
async function runSrv(flags: ParsedFlags): Promise<number> {
  const reporter = stderrReporter(process.stderr, { status: false });
  const base = apiSessionOptions(flags, reporter, SRV_STATEMENT_TIMEOUT_S); // validates the flags first
  const cache = cacheFromFlags(flags); // shared: one client's query warms the others'
  await probeSqlBackend(base, createSession); // a bad --sqlBackend fails at start, not at the first client
  // Every client query on SQLite runs in a runner process: a timeout or CancelRequest kills it,
  // others go on (PostgreSQL cancels its own).
  const runners = runnerPoolFor(base.sqlBackend);
  const { startPgServer } = await import('../../front/pgwire/pg-server.js');
  const { parseTlsSettings } = await import('../../front/pgwire/tls-settings.js');
  const tls = readFlag(flags, FLAGS.pgTls);
  const password = readFlag(flags, FLAGS.pgPassword) ?? process.env.SKYQL_PGSRV_PASSWORD;
  const readonly = readFlag(flags, FLAGS.readonly) === true;
  const maxResultBytes = readFlag(flags, FLAGS.pgMaxResultBytes);
  // the result bytes every client's queries may hold at once: many results under the per-query cap
  // must not add up to more heap than the process has
  const memoryMiB = readFlag(flags, FLAGS.pgResultMemory);
  const resultMemory = new ResultMemory(
    memoryMiB === undefined ? defaultResultMemoryBytes() : memoryMiB * 1024 * 1024,
    '--pgsrv.resultMemory',
  );
  // over a PostgreSQL backend: the clients share a bounded set of PostgreSQL connections
  const backendLimits = {
    slots: new PgConnectionSlots(readFlag(flags, FLAGS.pgMaxBackendConnections)),
    idleMs: readFlag(flags, FLAGS.pgBackendIdleTimeout),
  };
  const server = await startPgServer({
    address: readFlag(flags, FLAGS.pgAddress),
    port: readFlag(flags, FLAGS.pgPort),
    tls: tls ? parseTlsSettings(tls) : undefined,
    user: readFlag(flags, FLAGS.pgUser),
    password,
    readonly,
    maxConnections: readFlag(flags, FLAGS.pgMaxConnections),
    startupTimeoutMs: readFlag(flags, FLAGS.pgStartupTimeout),
    maxMessageBytes: readFlag(flags, FLAGS.pgMaxMessageBytes),
    reporter,
    createSession: (notices) =>
      createSession({
        ...base,
        reporter: notices,
        cache,
        runners,
        readonly,
        maxResultBytes,
        resultMemory,
        backendLimits,
      }),
  });
  runners?.warm();
  process.stdout.write(`skyql srv listening on ${server.address}:${server.port}\n`);
  const auth = password ? 'SCRAM-SHA-256 password' : 'none (any user)';
  reporter.message(
    `tls: ${tls ? 'required' : 'off'}; authentication: ${auth}${readonly ? '; read-only' : ''}; result memory: ${Math.round(resultMemory.limit / (1024 * 1024))} MiB`,
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
  await runners?.close();
  return 0;
}

/** `skyql srv`: the PostgreSQL wire-protocol server. */
export function srvCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('srv')
    .description('serve SQL over the PostgreSQL wire protocol (psql, drivers, BI tools)');
  addFlags(cmd, [
    FLAGS.pgAddress,
    FLAGS.pgPort,
    FLAGS.pgTls,
    FLAGS.pgUser,
    FLAGS.pgPassword,
    FLAGS.pgMaxConnections,
    FLAGS.pgMaxBackendConnections,
    FLAGS.pgBackendIdleTimeout,
    FLAGS.pgStartupTimeout,
    FLAGS.pgMaxMessageBytes,
    FLAGS.pgMaxResultBytes,
    FLAGS.pgResultMemory,
    FLAGS.readonly,
  ]);
  addFlags(addApiOptions(cmd), [FLAGS.cacheTtl]).action(async (flags: ParsedFlags) => {
    setExit(await runSrv(flags));
  });
}

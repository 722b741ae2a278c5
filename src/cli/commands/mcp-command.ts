import { join } from 'node:path';
import type { Command } from 'commander';
import type { Reporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import { SKYQL_VERSION } from '../../core/engine/version.js';
import { EnvFile } from '../env-file.js';
import { FLAGS, SRV_STATEMENT_TIMEOUT_S } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addApiOptions, apiSessionOptions, appRoot, cacheFromFlags } from '../global-options.js';
import { untilStopSignal } from '../interrupt.js';
import { probeSqlBackend } from '../sql-backend-probe.js';
import { stderrReporter } from '../stderr-reporter.js';

/** Where the audit log goes unless the config names a file. */
export function defaultAuditPath(root: string): string {
  return join(root, 'mcp', 'audit.jsonl');
}

/**
 * Serves MCP until stdin ends (stdio) or SIGINT/SIGTERM; returns the exit code. The MCP SDK and the
 * front end are imported here, so no other command loads them.
 */
async function runMcp(flags: ParsedFlags): Promise<number> {
  const reporter = stderrReporter(process.stderr, { status: false, progress: 'never' });
  const { parseMcpConfig } = await import('../../front/mcp/mcp-config.js');
  const config = parseMcpConfig(readFlag(flags, FLAGS.mcpConfig), {
    serverType: readFlag(flags, FLAGS.mcpServerType),
    mode: readFlag(flags, FLAGS.mcpMode),
  });
  const envPath = readFlag(flags, FLAGS.envFile);
  const envFile = envPath ? new EnvFile(envPath) : undefined;
  envFile?.load();
  // as srv: a statement may run 120 s unless told, local SQL in shared runner processes it can kill
  // (--execution.timeout 0: no limit, local SQL in this process as in exec)
  const timeoutS = SRV_STATEMENT_TIMEOUT_S;
  let options = apiSessionOptions(flags, reporter, timeoutS); // validates the flags before serving
  const cache = cacheFromFlags(flags);
  const { runnerPoolFor } = await import('../../core/store/sql-runner-pool.js');
  const runners = (options.statementTimeoutMs ?? 0) > 0 ? runnerPoolFor(options.sqlBackend) : undefined;
  // as srv: the result bytes all sessions' queries may hold at once (a quarter of the heap limit)
  const { ResultMemory } = await import('../../core/store/result-memory.js');
  const resultMemory = new ResultMemory();
  const [{ createSession }, { JsonlAuditLog }, { CatalogSearch }, { credentialStatuses }, serve] =
    await Promise.all([
      import('../../core/engine/create-session.js'),
      import('../../front/mcp/audit-log.js'),
      import('../../front/mcp/search/catalog-search.js'),
      import('../../front/mcp/credential-status.js'),
      import('../../front/mcp/serve.js'),
    ]);
  await probeSqlBackend(options, createSession); // a bad --sqlBackend fails at start
  let generation = 0;
  const sessions = {
    create: (notices: Reporter): Session =>
      createSession({
        ...options,
        reporter: notices,
        cache,
        runners,
        maxResultBytes: config.maxQueryBytes,
        resultMemory,
        // read_only: the engine refuses changes and the pull of a missing provider too, not only the tools
        readonly: config.mode === 'read_only',
      }),
    get generation() {
      return generation;
    },
    reload: async () => {
      envFile?.load();
      options = apiSessionOptions(flags, reporter, timeoutS);
      cache.clear();
      generation++;
      return credentialStatuses(options.api?.auth ?? new Map(), (name) =>
        envFile?.sets(name) ? `--env.file ${envPath}` : undefined,
      );
    },
  };
  const root = appRoot(flags);
  const auditPath = config.audit.disabled ? undefined : (config.audit.path ?? defaultAuditPath(root));
  const audit = auditPath ? new JsonlAuditLog(auditPath, config.audit.strict) : undefined;
  const token = readFlag(flags, FLAGS.mcpToken) ?? process.env.SKYQL_MCP_TOKEN;
  const ctx = {
    mode: config.mode,
    limits: { rowLimit: config.rowLimit, maxBytes: config.maxResultBytes, maxCellBytes: config.maxCellBytes },
    approvalTimeoutMs: config.approvalSeconds * 1000,
    audit,
    sessions,
    search: new CatalogSearch(),
    info: {
      version: SKYQL_VERSION,
      transport: config.transport,
      registry: options.registry.url,
      appRoot: root,
      auditPath,
    },
  };
  runners?.warm();
  try {
    if (config.transport === 'stdio') {
      const stop = new AbortController();
      void untilStopSignal().then(() => stop.abort());
      reporter.message(
        `skyql mcp: serving stdio, mode ${config.mode}${auditPath ? `, audit log ${auditPath}` : ', audit off'}`,
      );
      await serve.serveStdio(ctx, stop.signal);
      return 0;
    }
    const server = await serve.serveHttp(ctx, {
      host: config.host,
      port: config.port,
      token,
      maxSessions: readFlag(flags, FLAGS.mcpMaxSessions),
      sessionIdleMs: readFlag(flags, FLAGS.mcpSessionIdle),
      log: (line) => reporter.message(line),
    });
    // the first stdout line says where (tests and scripts read the port from it with address :0)
    process.stdout.write(`skyql mcp listening on ${server.url}\n`);
    reporter.message(
      `mode ${config.mode}; ${token ? 'bearer token required' : 'no token (loopback only)'}${auditPath ? `; audit log ${auditPath}` : '; audit off'}`,
    );
    await untilStopSignal();
    await server.close();
    return 0;
  } finally {
    await audit?.close();
    await runners?.close();
  }
}

/** `skyql mcp`: the Model Context Protocol server. */
export function mcpCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('mcp')
    .description(
      'serve the Model Context Protocol (stdio or Streamable HTTP) so AI agents can query and, when allowed, change resources',
    );
  addFlags(cmd, [
    FLAGS.mcpServerType,
    FLAGS.mcpConfig,
    FLAGS.mcpMode,
    FLAGS.mcpToken,
    FLAGS.mcpMaxSessions,
    FLAGS.mcpSessionIdle,
    FLAGS.envFile,
  ]);
  addFlags(addApiOptions(cmd), [FLAGS.cacheTtl]).action(async (flags: ParsedFlags) => {
    setExit(await runMcp(flags));
  });
}

import {
  DEFAULT_BACKEND_IDLE_MS,
  DEFAULT_MAX_BACKEND_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_RESULT_BYTES,
  DEFAULT_STARTUP_TIMEOUT_MS,
} from '../front/pgwire/server-limits.js';
import { type Flag, integer, oneOf, seconds, text, toggle } from './flag-types.js';

/** Flags of `skyql srv` and `skyql mcp`, part of {@link FLAGS} (flag-table.ts). */
export const SERVER_FLAGS = {
  // srv (defaults of the wire server, which only srv loads)
  pgAddress: {
    syntax: '--pgsrv.address <address>',
    help: 'address to bind (StackQL binds 0.0.0.0; skyql defaults to loopback)',
    type: text,
    default: '127.0.0.1',
  },
  pgPort: {
    syntax: '--pgsrv.port <port>',
    help: 'port to listen on',
    type: integer(0, 65535),
    default: 5466,
  },
  pgTls: {
    syntax: '--pgsrv.tls <json>',
    help: 'TLS: {"keyFilePath", "certFilePath", "clientCAs": [PEM or base64 PEM]} (clientCAs: mTLS)',
    type: text,
  },
  pgUser: { syntax: '--pgsrv.user <name>', help: 'the only user name accepted (default: any)', type: text },
  pgPassword: {
    syntax: '--pgsrv.password <password>',
    help: 'require this password, SCRAM-SHA-256 (env SKYQL_PGSRV_PASSWORD)',
    type: text,
  },
  pgMaxConnections: {
    syntax: '--pgsrv.maxConnections <n>',
    help: 'client connections at most',
    type: integer(1),
    default: DEFAULT_MAX_CONNECTIONS,
  },
  pgMaxBackendConnections: {
    syntax: '--pgsrv.maxBackendConnections <n>',
    help: 'with a PostgreSQL --sqlBackend: PostgreSQL connections at most, shared by the clients (keep it below max_connections); a client past it waits, then gets 53300',
    type: integer(1),
    default: DEFAULT_MAX_BACKEND_CONNECTIONS,
  },
  pgBackendIdleTimeout: {
    syntax: '--pgsrv.backendIdleTimeout <seconds>',
    help: "with a PostgreSQL --sqlBackend: close a client's PostgreSQL connection after this long unused, unless it holds TEMP tables (0: never)",
    type: seconds,
    default: DEFAULT_BACKEND_IDLE_MS,
  },
  pgStartupTimeout: {
    syntax: '--pgsrv.startupTimeout <seconds>',
    help: 'close connections that have not authenticated after this long',
    type: seconds,
    default: DEFAULT_STARTUP_TIMEOUT_MS,
  },
  pgMaxMessageBytes: {
    syntax: '--pgsrv.maxMessageBytes <n>',
    help: 'largest message after authentication (before it: 10000 bytes)',
    type: integer(1),
    default: DEFAULT_MAX_MESSAGE_BYTES,
  },
  pgMaxResultBytes: {
    syntax: '--pgsrv.maxResultBytes <n>',
    help: 'bytes of rows one query may produce (at most --pgsrv.resultMemory); past them it fails with RESULT_TOO_LARGE',
    type: integer(1),
    default: DEFAULT_MAX_RESULT_BYTES,
  },
  pgResultMemory: {
    syntax: '--pgsrv.resultMemory <MiB>',
    help: "MiB query results may hold in memory at once, over all clients (default: a quarter of Node's heap limit); a query whose rows do not fit fails with SERVER_BUSY (53200), and no query's result may be larger",
    type: integer(1),
  },
  readonly: {
    syntax: '--readonly',
    help: 'refuse INSERT/UPDATE/REPLACE/DELETE/EXEC on providers and REGISTRY PULL',
    type: toggle,
  },

  // mcp (literal defaults: the MCP modules load only with `skyql mcp`)
  mcpServerType: {
    syntax: '--mcp.server.type <type>',
    help: 'stdio (default) or http (Streamable HTTP, address from --mcp.config, default 127.0.0.1:9992)',
    type: oneOf(['stdio', 'http'] as const),
  },
  mcpConfig: {
    syntax: '--mcp.config <json>',
    help: 'StackQL\'s MCP config: {"server": {"transport", "address", "mode"}, "audit": {"disabled", "path", "strict"}, "limits": {"rowLimit", "maxBytes", "maxCellBytes", "maxQueryBytes", "approvalSeconds"}}',
    type: text,
  },
  mcpMode: {
    syntax: '--mcp.mode <mode>',
    help: 'safety mode: read_only, safe (changes need approval; default), delete_safe, full_access',
    type: oneOf(['read_only', 'safe', 'delete_safe', 'full_access'] as const),
  },
  mcpToken: {
    syntax: '--mcp.token <token>',
    help: 'bearer token HTTP clients must send (env SKYQL_MCP_TOKEN); required off loopback',
    type: text,
  },
  mcpMaxSessions: {
    syntax: '--mcp.maxSessions <n>',
    help: 'HTTP: MCP sessions at once (default 64); at the limit the least recently used idle one is closed',
    type: integer(1),
  },
  mcpSessionIdle: {
    syntax: '--mcp.sessionIdle <seconds>',
    help: 'HTTP: close a session with no request or open stream for this long (default 600; 0: never)',
    type: seconds,
  },
  envFile: {
    syntax: '--env.file <file>',
    help: 'KEY=VALUE lines set in the environment before auth is read (SKYQL_AUTH, key paths); re-read by reload_credentials',
    type: text,
  },
} satisfies Record<string, Flag<unknown>>;

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { DEFAULT_MAX_CELL_BYTES } from './render-cell.js';
import { DEFAULT_MAX_RESULT_BYTES, DEFAULT_ROW_LIMIT } from './render-result.js';
import { DEFAULT_SAFETY_MODE, parseSafetyMode, type SafetyMode } from './safety-mode.js';

/** Where StackQL's HTTP server listens by default. */
export const DEFAULT_HTTP_ADDRESS = '127.0.0.1:9992';

/** `--mcp.config` and the `--mcp.*` flags, validated. */
export interface McpConfig {
  readonly transport: 'stdio' | 'http';
  readonly host: string;
  readonly port: number;
  readonly mode: SafetyMode;
  readonly audit: { readonly disabled: boolean; readonly path: string | undefined; readonly strict: boolean };
  readonly rowLimit: number;
  readonly maxResultBytes: number;
  /** Bytes of one cell in a tool result at most (longer ones are cut). */
  readonly maxCellBytes: number;
  /** Bytes a local query may produce before it fails (RESULT_TOO_LARGE), so no huge value is built. */
  readonly maxQueryBytes: number;
  /** Seconds an approval prompt waits for the user before the change counts as declined. */
  readonly approvalSeconds: number;
}

/** The user gets this long to answer an approval prompt before the change counts as declined. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;

/** What a local query may produce at most by default: far above what a tool returns, far below memory. */
export const DEFAULT_MAX_QUERY_BYTES = 64 * 1024 * 1024;

/** Flags that override the JSON (`--mcp.server.type`, `--mcp.mode`). */
export interface McpFlagOverrides {
  readonly serverType?: string;
  readonly mode?: string;
}

const bad = (message: string) =>
  new SkyqlError('BAD_MCP_CONFIG', message, {
    hint: `e.g. --mcp.config '{"server": {"transport": "http", "address": "${DEFAULT_HTTP_ADDRESS}", "mode": "safe"}, "audit": {"path": "audit.jsonl"}}'`,
  });

/**
 * Reads `--mcp.config` (StackQL's JSON: `server.transport`, `server.address`, `server.mode`; skyql's
 * `audit.{disabled, path, strict}` and `limits.{rowLimit, maxBytes, maxCellBytes, maxQueryBytes, approvalSeconds}`), then the flags over it.
 */
export function parseMcpConfig(json: string | undefined, flags: McpFlagOverrides = {}): McpConfig {
  let raw: Record<string, unknown> = {};
  if (json !== undefined && json.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(json);
      if (!isObject(parsed)) throw bad('--mcp.config must be a JSON object');
      raw = parsed;
    } catch (err) {
      if (err instanceof SkyqlError) throw err;
      throw bad('--mcp.config is not valid JSON');
    }
  }
  const server = section(raw, 'server');
  const audit = section(raw, 'audit');
  const limits = section(raw, 'limits');
  const transport = flags.serverType ?? str(server.transport, 'server.transport') ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'http')
    throw bad(`unknown MCP transport '${transport}' (stdio or http)`);
  const { host, port } = splitAddress(str(server.address, 'server.address') ?? DEFAULT_HTTP_ADDRESS);
  const modeText = flags.mode ?? str(server.mode, 'server.mode') ?? str(raw.mode, 'mode');
  return {
    transport,
    host,
    port,
    mode: modeText === undefined ? DEFAULT_SAFETY_MODE : parseSafetyMode(modeText),
    audit: {
      disabled: bool(audit.disabled, 'audit.disabled') ?? false,
      path: str(audit.path, 'audit.path'),
      strict: bool(audit.strict, 'audit.strict') ?? true,
    },
    rowLimit: int(limits.rowLimit, 'limits.rowLimit') ?? DEFAULT_ROW_LIMIT,
    maxResultBytes: int(limits.maxBytes, 'limits.maxBytes') ?? DEFAULT_MAX_RESULT_BYTES,
    maxCellBytes: int(limits.maxCellBytes, 'limits.maxCellBytes') ?? DEFAULT_MAX_CELL_BYTES,
    maxQueryBytes: int(limits.maxQueryBytes, 'limits.maxQueryBytes') ?? DEFAULT_MAX_QUERY_BYTES,
    approvalSeconds:
      int(limits.approvalSeconds, 'limits.approvalSeconds') ?? DEFAULT_APPROVAL_TIMEOUT_MS / 1000,
  };
}

/** `127.0.0.1:9992`, `[::1]:9992`, `0.0.0.0:0`. */
export function splitAddress(address: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address.trim());
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw bad(`server.address must be host:port, got '${address}'`);
  return { host: m[1] ?? m[2], port };
}

function section(raw: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = raw[key];
  if (v === undefined) return {};
  if (!isObject(v)) throw bad(`"${key}" must be an object`);
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, key: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw bad(`"${key}" must be a string`);
  return v;
}

function bool(v: unknown, key: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw bad(`"${key}" must be true or false`);
  return v;
}

function int(v: unknown, key: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw bad(`"${key}" must be a positive integer`);
  return v;
}

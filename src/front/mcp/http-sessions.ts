import type { ServerResponse } from 'node:http';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SkyqlMcpServer } from './mcp-server.js';

/** MCP sessions at once by default (`--mcp.maxSessions`). */
export const DEFAULT_MAX_SESSIONS = 64;
/** A session with no request and no open stream for this long is closed (`--mcp.sessionIdle`). */
export const DEFAULT_SESSION_IDLE_MS = 10 * 60_000;

/** One MCP session over HTTP: its transport, its server (and skyql session), how it is used. */
export interface LiveSession {
  readonly transport: StreamableHTTPServerTransport;
  readonly mcp: SkyqlMcpServer;
  /** When its last request or stream ended (or began, while none has ended). */
  lastUsed: number;
  /** Requests and streams (SSE answers, the GET stream) open now. */
  open: number;
}

/** Limits of a {@link SessionTable}. */
export interface SessionLimits {
  readonly maxSessions: number;
  readonly idleMs: number;
}

/**
 * The HTTP endpoint's MCP sessions. A session is idle when it has no request or stream open; one
 * idle for `idleMs` is closed (each holds a skyql session and its SQLite file), and when the table
 * is full a new client takes the place of the least recently used idle one — so abandoned sessions
 * cannot keep new clients out, while a session in use is never closed under its client.
 */
export class SessionTable {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly limits: SessionLimits) {
    // checked a few times per idle period, at most once a minute
    const every = limits.idleMs > 0 ? Math.min(60_000, Math.max(100, limits.idleMs / 4)) : 60_000;
    this.sweep = setInterval(() => this.closeIdle(), every);
    this.sweep.unref();
  }

  get(id: string | undefined): LiveSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  add(id: string, transport: StreamableHTTPServerTransport, mcp: SkyqlMcpServer): void {
    this.sessions.set(id, { transport, mcp, lastUsed: Date.now(), open: 0 });
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Counts `res` as open on `live` until it is closed (a finished answer or a dropped stream). */
  track(live: LiveSession, res: ServerResponse): void {
    live.open++;
    live.lastUsed = Date.now();
    res.once('close', () => {
      live.open--;
      live.lastUsed = Date.now();
    });
  }

  /**
   * Whether a new session may start: true below the limit, or after closing the least recently used
   * idle session at it; false when every session is in use.
   */
  async makeRoom(): Promise<boolean> {
    if (this.sessions.size < this.limits.maxSessions) return true;
    let oldest: LiveSession | undefined;
    for (const live of this.sessions.values())
      if (live.open === 0 && (!oldest || live.lastUsed < oldest.lastUsed)) oldest = live;
    if (!oldest) return false;
    await this.end(oldest);
    return this.sessions.size < this.limits.maxSessions;
  }

  /** Closes every session and stops the sweep. */
  async closeAll(): Promise<void> {
    clearInterval(this.sweep);
    for (const live of [...this.sessions.values()]) await this.end(live);
  }

  /** Closes the sessions idle for longer than `idleMs` (0: never). */
  private closeIdle(): void {
    if (this.limits.idleMs <= 0) return;
    const now = Date.now();
    for (const live of [...this.sessions.values()])
      if (live.open === 0 && now - live.lastUsed > this.limits.idleMs) void this.end(live);
  }

  private async end(live: LiveSession): Promise<void> {
    if (live.transport.sessionId) this.sessions.delete(live.transport.sessionId);
    await live.transport.close().catch(() => undefined);
    await live.mcp.close().catch(() => undefined);
  }
}

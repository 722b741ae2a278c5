import type { Reporter } from '../../base/util/reporter.js';
import type { Session } from '../../core/engine/session.js';
import type { AuditSink } from './audit-log.js';
import type { ResultLimits } from './render-result.js';
import type { SafetyMode } from './safety-mode.js';
import type { CatalogSearch } from './search/catalog-search.js';

/** One provider's credentials after reload_credentials: where they come from and whether they load. */
export interface CredentialStatus {
  readonly provider: string;
  readonly type: string;
  /** Where the credentials come from (flag, env var name, file path), never their contents. */
  readonly source: string;
  readonly status: 'ok' | 'error';
  readonly detail: string;
}

/** How the server makes sessions: the same options as `skyql exec`; a reload makes later ones anew. */
export interface SessionFactory {
  /** A session whose messages (notices, "operation despatched") go to `reporter`. */
  create(reporter: Reporter): Session;
  /** Counts reloads: a session made before the latest reload is replaced before its next use. */
  readonly generation: number;
  /** Re-reads `--env.file` and the auth settings; reports each configured provider, never a secret. */
  reload(): Promise<CredentialStatus[]>;
}

/** What every MCP server instance (one per stdio run, one per HTTP session) shares. */
export interface McpContext {
  readonly mode: SafetyMode;
  readonly limits: ResultLimits;
  /** How long an approval prompt waits for the user (default DEFAULT_APPROVAL_TIMEOUT_MS). */
  readonly approvalTimeoutMs?: number;
  readonly audit: AuditSink | undefined;
  readonly sessions: SessionFactory;
  readonly search: CatalogSearch;
  readonly info: ServerFacts;
}

/** What server_info reports. */
export interface ServerFacts {
  readonly version: string;
  readonly transport: 'stdio' | 'http';
  readonly address?: string;
  readonly registry: string;
  readonly appRoot: string;
  readonly auditPath?: string;
}

/**
 * One MCP connection's skyql session, made on first use and replaced after a credential reload.
 * Tool calls on it run one at a time (a session runs one statement at a time, as in exec).
 */
export class SessionSlot {
  private session: Session | undefined;
  private generation = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private notes: string[] = [];
  /** The session's messages, kept for the tool call that caused them. */
  private readonly reporter: Reporter = {
    message: (text) => {
      if (this.notes.length < 100) this.notes.push(text);
    },
    progress() {},
    progressDone() {},
  };

  constructor(private readonly factory: SessionFactory) {}

  /** The messages of the running call so far (and forgets them). */
  takeNotes(): string[] {
    const notes = this.notes;
    this.notes = [];
    return notes;
  }

  /**
   * Runs `fn` with the session once the calls before it are done; the result memory its statements
   * took goes back when it ends (the answer holds only what fits `limits.maxBytes`).
   */
  exclusive<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.notes = [];
      const session = await this.current();
      try {
        return await fn(session);
      } finally {
        session.results?.drop();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async current(): Promise<Session> {
    if (!this.session || this.generation !== this.factory.generation) {
      const old = this.session;
      this.session = this.factory.create(this.reporter);
      this.generation = this.factory.generation;
      await old?.close();
    }
    return this.session;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.session?.close();
    this.session = undefined;
  }
}

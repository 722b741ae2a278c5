import { constants, type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { redactSecrets } from './redact.js';

/**
 * One line of the audit log. Never result rows, never credentials: SQL and arguments pass through
 * {@link redactSecrets} first.
 */
export interface AuditRecord {
  readonly tool: string;
  readonly mode: string;
  /** allow (no approval needed), approved, declined, refused, unavailable (no way to ask). */
  readonly decision: 'allow' | 'approved' | 'declined' | 'refused' | 'unavailable';
  /** The input's most dangerous statement class; absent for tools without SQL. */
  readonly queryClass?: string;
  /** `start` before a change is sent, `end` after; reads write `end` only. */
  readonly phase: 'start' | 'end';
  readonly sql?: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly durationMs?: number;
  readonly ok?: boolean;
  readonly error?: { readonly code: string; readonly message: string };
  /** The MCP session (HTTP) the call came in. */
  readonly session?: string;
}

/** Where audit records go; `write` rejects with AUDIT_WRITE_FAILED when a record is not on disk. */
export interface AuditSink {
  /** Fails a change when a record could not be written (StackQL's default). */
  readonly strict: boolean;
  write(record: AuditRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * The JSONL audit log: the file is created 0600 (tightened when it exists wider), each record is
 * appended and fsynced before `write` resolves, and writes are serialised so lines never interleave.
 */
export class JsonlAuditLog implements AuditSink {
  readonly strict: boolean;
  private readonly path: string;
  private handle: Promise<FileHandle> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, strict = true) {
    this.path = path;
    this.strict = strict;
  }

  write(record: AuditRecord): Promise<void> {
    const line = `${JSON.stringify({ ts: new Date().toISOString(), ...scrub(record) })}\n`;
    const next = this.queue.then(async () => {
      try {
        const file = await this.file();
        await file.appendFile(line, 'utf8');
        await file.sync();
      } catch (err) {
        this.handle = undefined; // a later write tries again (the disk may have been full)
        throw new SkyqlError(
          'AUDIT_WRITE_FAILED',
          `cannot write the MCP audit log ${this.path}: ${(err as Error).message}`,
          {
            hint: 'fix the path or its permissions (--mcp.config \'{"audit": {"path": "..."}}\'), or turn the log off with {"audit": {"disabled": true}}',
            cause: err,
          },
        );
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h.catch(() => undefined))?.close();
  }

  private file(): Promise<FileHandle> {
    this.handle ??= (async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const h = await open(this.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
      const { mode } = await h.stat();
      if ((mode & 0o077) !== 0) await h.chmod(0o600);
      return h;
    })();
    return this.handle;
  }
}

/** The record with its SQL and argument strings redacted. */
function scrub(record: AuditRecord): AuditRecord {
  return {
    ...record,
    sql: record.sql === undefined ? undefined : redactSecrets(record.sql),
    args: record.args === undefined ? undefined : redactArgs(record.args),
    error: record.error && { code: record.error.code, message: redactSecrets(record.error.message) },
  };
}

const SECRET_NAME = /pass(word)?|secret|token|credential|private|api_?key|auth/i;

function redactArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args))
    out[k] = SECRET_NAME.test(k) ? '[redacted]' : typeof v === 'string' ? redactSecrets(v) : v;
  return out;
}

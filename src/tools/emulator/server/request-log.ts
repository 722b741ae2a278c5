/** One request the emulator answered. */
export interface LogEntry {
  readonly seq: number;
  readonly time: string;
  readonly method: string;
  /** Path and query as received (`/compute.googleapis.com/compute/v1/...?...`). */
  readonly url: string;
  readonly host: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  status: number;
  durationMs: number;
  /** Body text (JSON, forms), or `<N bytes of content-type>` for binary bodies. */
  readonly requestBody?: string;
  readonly contentType?: string;
  readonly authorization?: string;
  /** Ids of the fault rules that applied. */
  faults?: string[];
  error?: string;
}

const MAX_TEXT = 64 * 1024;

function isTextual(contentType: string): boolean {
  return contentType === '' || /json|text|x-www-form-urlencoded|yaml|xml/i.test(contentType);
}

/** How a body is shown in the log. */
export function bodyForLog(body: Buffer, contentType: string): string | undefined {
  if (body.length === 0) return undefined;
  if (!isTextual(contentType)) return `<${body.length} bytes of ${contentType}>`;
  const text = body.toString('utf8');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…(${body.length} bytes)` : text;
}

/** Query parameters as a plain object (repeated keys become arrays). */
export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of query) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The most recent requests (a bounded ring). */
export class RequestLog {
  private items: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 2000) {}

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: LogEntry): void {
    this.items.push(entry);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  /** Entries after `since` (a seq number), optionally for one host or method. */
  entries(filter: { since?: number; host?: string; method?: string } = {}): LogEntry[] {
    return this.items.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (!filter.host || e.host === filter.host) &&
        (!filter.method || e.method === filter.method),
    );
  }

  clear(): void {
    this.items = [];
  }
}

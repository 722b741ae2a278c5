import { isObject } from '../../../core/catalog/openapi/json-pointer.js';

/**
 * A fault to inject. Without `match` it applies to every request of the run; `match` is a substring
 * of the request path (`/compute.googleapis.com/...`), a glob with `*`, or a `/regex/`.
 */
export interface FaultRule {
  readonly id?: string;
  readonly match?: string;
  /** A substring the decoded query must contain too (`parent=folders/12`), e.g. to fail one folder's listing. */
  readonly query?: string;
  readonly method?: string;
  /** Probability of applying per matching request (default 1). */
  readonly rate?: number;
  /** Apply at most this many times, then drop the rule. */
  readonly times?: number;
  /** Added delay: fixed, or `[min, max]` at random. */
  readonly latencyMs?: number | readonly [number, number];
  /** Answer with this error status instead (429, 500, 503…). */
  readonly status?: number;
  /** `Retry-After` seconds sent with the error (default 1 for 429 and 503). */
  readonly retryAfter?: number;
  readonly message?: string;
  /** Close the connection without answering. */
  readonly drop?: boolean;
  /** Send only part of the body (half, or this many bytes), then close. */
  readonly truncate?: boolean | number;
  /** Long-running operations started by matching requests end with this error. */
  readonly failOperation?: { readonly code?: number; readonly message?: string };
}

/** What the faults decide for one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: number;
  retryAfter?: number;
  message?: string;
  drop?: boolean;
  truncate?: boolean | number;
  failOperation?: { code: number; message: string };
  /** Ids of the rules that applied. */
  readonly applied: string[];
}

interface ActiveRule extends FaultRule {
  readonly id: string;
  remaining: number;
  readonly test: (path: string) => boolean;
}

function matcher(pattern: string | undefined): (path: string) => boolean {
  if (!pattern) return () => true;
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/') && !pattern.startsWith('//')) {
    const re = new RegExp(pattern.slice(1, -1));
    return (p) => re.test(p);
  }
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return (p) => re.test(p);
  }
  return (p) => p.includes(pattern);
}

function num(v: unknown, what: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    throw new Error(`fault ${what} must be a number >= ${min}`);
  return v;
}

/** Validates a fault rule from JSON (admin API, CLI). Throws Error with a readable message. */
export function parseFaultRule(v: unknown): FaultRule {
  if (!isObject(v)) throw new Error('a fault rule must be a JSON object');
  const known = new Set([
    'id',
    'match',
    'query',
    'method',
    'rate',
    'times',
    'latencyMs',
    'status',
    'retryAfter',
    'message',
    'drop',
    'truncate',
    'failOperation',
  ]);
  for (const k of Object.keys(v))
    if (!known.has(k)) throw new Error(`unknown fault field '${k}' (known: ${[...known].join(', ')})`);
  if (v.match !== undefined && typeof v.match !== 'string') throw new Error('fault match must be a string');
  if (v.query !== undefined && typeof v.query !== 'string') throw new Error('fault query must be a string');
  if (typeof v.match === 'string' && v.match.startsWith('/') && v.match.endsWith('/') && v.match.length > 2) {
    try {
      new RegExp(v.match.slice(1, -1));
    } catch (err) {
      throw new Error(`fault match is not a valid regex: ${(err as Error).message}`);
    }
  }
  const rate = num(v.rate, 'rate');
  if (rate !== undefined && rate > 1) throw new Error('fault rate must be between 0 and 1');
  let latency: number | [number, number] | undefined;
  if (Array.isArray(v.latencyMs)) {
    const [a, b] = v.latencyMs.map((x) => num(x, 'latencyMs'));
    if (a === undefined || b === undefined || b < a || v.latencyMs.length !== 2)
      throw new Error('fault latencyMs range must be [min, max]');
    latency = [a, b];
  } else {
    latency = num(v.latencyMs, 'latencyMs');
  }
  const status = num(v.status, 'status', 100);
  if (status !== undefined && (status < 400 || status > 599))
    throw new Error('fault status must be an HTTP error code (400-599)');
  const fo = v.failOperation;
  if (fo !== undefined && fo !== true && !isObject(fo))
    throw new Error('fault failOperation must be an object {code, message}');
  return {
    id: typeof v.id === 'string' ? v.id : undefined,
    match: v.match as string | undefined,
    query: v.query as string | undefined,
    method: typeof v.method === 'string' ? v.method.toUpperCase() : undefined,
    rate,
    times: num(v.times, 'times', 1),
    latencyMs: latency,
    status,
    retryAfter: num(v.retryAfter, 'retryAfter'),
    message: typeof v.message === 'string' ? v.message : undefined,
    drop: v.drop === true,
    truncate: typeof v.truncate === 'number' ? num(v.truncate, 'truncate') : v.truncate === true,
    failOperation: fo === true ? {} : (fo as FaultRule['failOperation']),
  };
}

let nextId = 1;

/** The active fault rules. */
export class FaultSet {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds a rule; returns its id. */
  add(rule: FaultRule): string {
    const id = rule.id ?? `fault-${nextId++}`;
    this.rules.push({
      ...rule,
      id,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
      test: matcher(rule.match),
    });
    return id;
  }

  /** Replaces all rules. */
  set(rules: readonly FaultRule[]): string[] {
    this.rules = [];
    return rules.map((r) => this.add(r));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ test: _t, remaining, ...r }) => ({
      ...r,
      ...(Number.isFinite(remaining) ? { times: remaining } : {}),
    }));
  }

  /**
   * Decides the faults for a request: latencies add up, the first error-like rule wins. `query` is
   * the decoded query string (`parent=folders/12&pageSize=2`) that rules with `query` look into.
   */
  decide(method: string, path: string, query = ''): FaultDecision {
    const d: FaultDecision = { latencyMs: 0, applied: [] };
    let effect = false;
    for (const r of [...this.rules]) {
      if (r.method !== undefined && r.method !== method) continue;
      if (!r.test(path)) continue;
      if (r.query !== undefined && !query.includes(r.query)) continue;
      const hasEffect = r.status !== undefined || r.drop || r.truncate || r.failOperation !== undefined;
      if (hasEffect && effect && r.latencyMs === undefined) continue;
      if ((r.rate ?? 1) < 1 && this.random() >= (r.rate ?? 1)) continue;
      if (r.latencyMs !== undefined) {
        d.latencyMs += Array.isArray(r.latencyMs)
          ? r.latencyMs[0] + this.random() * (r.latencyMs[1] - r.latencyMs[0])
          : (r.latencyMs as number);
      }
      if (hasEffect && !effect) {
        effect = true;
        d.status = r.status;
        d.retryAfter = r.retryAfter ?? (r.status === 429 || r.status === 503 ? 1 : undefined);
        d.message = r.message;
        d.drop = r.drop;
        d.truncate = r.truncate;
        if (r.failOperation)
          d.failOperation = {
            code: r.failOperation.code ?? 500,
            message: r.failOperation.message ?? 'Operation failed (injected fault)',
          };
      }
      d.applied.push(r.id);
      r.remaining--;
      if (r.remaining <= 0) this.remove(r.id);
    }
    return d;
  }
}

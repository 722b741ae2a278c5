import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { isObject } from '../../../core/catalog/openapi/json-pointer.js';
import type { RateLimitAnswer } from './access-errors.js';

/**
 * A rate quota: `limit` requests per second or minute to `service` (a host, or `*` for every API),
 * counted per consumer project (the `x-goog-user-project` header, else the caller's credential) or
 * per target project (the project a request names). A token bucket of `burst` tokens (default
 * `limit`) refilled continuously at `limit` per unit.
 */
export interface QuotaRule {
  readonly service: string;
  readonly limit: number;
  readonly per: 'second' | 'minute';
  readonly scope: 'consumer' | 'project';
  /** 429 RESOURCE_EXHAUSTED (default), or the v1 family's 403 rateLimitExceeded / userRateLimitExceeded. */
  readonly answer: RateLimitAnswer;
  readonly burst?: number;
  /** Send `Retry-After` with a 429 (default true; the 403 variants never carry it). */
  readonly retryAfter: boolean;
}

const ANSWERS: readonly RateLimitAnswer[] = [
  'RESOURCE_EXHAUSTED',
  'rateLimitExceeded',
  'userRateLimitExceeded',
];
const RULE_KEYS = ['service', 'limit', 'per', 'scope', 'answer', 'burst', 'retryAfter'];
/** The per-second timeline of a counter stops growing after an hour (later seconds add to the last). */
const MAX_TIMELINE = 3600;

function rate(text: string, what: string): { limit: number; per: 'second' | 'minute' } {
  const m = /^(\d+(?:\.\d+)?)\/(s|sec|second|m|min|minute)$/.exec(text.trim());
  const limit = m ? Number(m[1]) : Number.NaN;
  if (!m || !(limit > 0)) throw new Error(`${what} must be <n>/s or <n>/min, got '${text}'`);
  return { limit, per: m[2].startsWith('s') ? 'second' : 'minute' };
}

function answerOf(v: unknown): RateLimitAnswer {
  if (v === undefined) return 'RESOURCE_EXHAUSTED';
  if (v === '429') return 'RESOURCE_EXHAUSTED';
  if (typeof v === 'string' && ANSWERS.includes(v as RateLimitAnswer)) return v as RateLimitAnswer;
  throw new Error(`quota answer must be one of ${ANSWERS.join(', ')} (or 429), got ${JSON.stringify(v)}`);
}

function burstOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`quota burst must be an integer >= 1, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * The compact form: `SERVICE=N/s` or `SERVICE=N/min`, then comma-separated options:
 * `project=N/s` (also a per-target-project limit), `answer=429|rateLimitExceeded|userRateLimitExceeded`,
 * `burst=N`, `retryAfter=false`. E.g. `compute.googleapis.com=50/s,project=5/s`.
 */
export function parseQuotaText(text: string): QuotaRule[] {
  const [head, ...options] = text.split(',');
  const eq = head.indexOf('=');
  const service = eq > 0 ? head.slice(0, eq).trim() : '';
  if (service === '')
    throw new Error(`quota '${text}' must start with <service host>=<n>/s, e.g. compute.googleapis.com=50/s`);
  const consumer = rate(head.slice(eq + 1), `quota of ${service}`);
  let project: { limit: number; per: 'second' | 'minute' } | undefined;
  let answer: RateLimitAnswer = 'RESOURCE_EXHAUSTED';
  let burst: number | undefined;
  let retryAfter = true;
  for (const option of options) {
    const [k, v = ''] = option.split('=').map((x) => x.trim());
    if (k === 'project') project = rate(v, 'quota project limit');
    else if (k === 'answer') answer = answerOf(v);
    else if (k === 'burst') burst = burstOf(v);
    else if (k === 'retryAfter' && (v === 'true' || v === 'false')) retryAfter = v === 'true';
    else
      throw new Error(
        `unknown quota option '${option}' (known: project=<n>/s, answer=, burst=, retryAfter=true|false)`,
      );
  }
  const base = { service, answer, retryAfter, ...(burst ? { burst } : {}) };
  const rules: QuotaRule[] = [{ ...base, ...consumer, scope: 'consumer' }];
  if (project) rules.push({ ...base, ...project, scope: 'project' });
  return rules;
}

/** A rule from a seed or the admin API: the compact text, or an object with the rule's fields. */
export function parseQuotaRule(v: unknown): QuotaRule[] {
  if (typeof v === 'string') return parseQuotaText(v);
  if (!isObject(v)) throw new Error('a quota rule is a string like compute.googleapis.com=50/s or an object');
  for (const k of Object.keys(v))
    if (!RULE_KEYS.includes(k))
      throw new Error(`unknown quota field '${k}' (known: ${RULE_KEYS.join(', ')})`);
  if (typeof v.service !== 'string' || v.service === '') throw new Error('quota service must be a host or *');
  if (typeof v.limit !== 'number' || !(v.limit > 0)) throw new Error('quota limit must be a number > 0');
  if (v.per !== undefined && v.per !== 'second' && v.per !== 'minute')
    throw new Error('quota per must be second or minute');
  if (v.scope !== undefined && v.scope !== 'consumer' && v.scope !== 'project')
    throw new Error('quota scope must be consumer or project');
  if (v.retryAfter !== undefined && typeof v.retryAfter !== 'boolean')
    throw new Error('quota retryAfter must be true or false');
  const burst = burstOf(v.burst);
  return [
    {
      service: v.service,
      limit: v.limit,
      per: (v.per as 'second' | 'minute' | undefined) ?? 'second',
      scope: (v.scope as 'consumer' | 'project' | undefined) ?? 'consumer',
      answer: answerOf(v.answer),
      retryAfter: v.retryAfter !== false,
      ...(burst ? { burst } : {}),
    },
  ];
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Counter {
  readonly service: string;
  readonly consumer: string;
  requests: number;
  throttled: number;
  /** `[requests, throttled]` per second since the first request counted. */
  readonly timeline: [number, number][];
}

/** A request that found a quota exhausted. */
export interface Throttle {
  readonly rule: QuotaRule;
  /** Milliseconds until the bucket holds a token again. */
  readonly waitMs: number;
}

/** What the quota check needs to know of a request. */
export interface QuotaRequest {
  readonly service: string;
  /** The consumer's counter key: `projects/<id>`, or `anonymous`. */
  readonly consumer: string;
  /** The target project, for per-project rules. */
  readonly project: string | undefined;
}

/**
 * Rate quotas and the request counters the admin API shows (`/_emulator/quota`): per consumer and
 * API, requests and throttled answers in total and per second since the first request counted, so
 * a benchmark can check e.g. "fewer than 5% throttled after the first 5 s". Time comes from an
 * injectable clock (milliseconds), so tests drive refills without waiting.
 */
export class QuotaTracker {
  private rules: QuotaRule[] = [];
  private readonly buckets = new Map<string, Bucket>();
  private readonly counters = new Map<string, Counter>();
  private origin: number | undefined;

  constructor(private readonly clock: () => number) {}

  /** Replaces the rules; buckets start full. */
  setRules(rules: readonly QuotaRule[]): void {
    this.rules = [...rules];
    this.buckets.clear();
  }

  addRules(rules: readonly QuotaRule[]): void {
    this.rules.push(...rules);
  }

  listRules(): QuotaRule[] {
    return [...this.rules];
  }

  /** Counts the request against its consumer and API; the quota it exceeds, if any (no token taken then). */
  admit(req: QuotaRequest): Throttle | undefined {
    const now = this.clock();
    let throttle: Throttle | undefined;
    const taken: Bucket[] = [];
    for (const [i, rule] of this.rules.entries()) {
      if (rule.service !== '*' && rule.service !== req.service) continue;
      const who = rule.scope === 'consumer' ? req.consumer : req.project;
      if (who === undefined) continue;
      const perMs = rule.limit / (rule.per === 'second' ? 1000 : 60_000);
      const size = rule.burst ?? rule.limit;
      const key = `${i} ${rule.service === '*' ? req.service : ''} ${who}`;
      let b = this.buckets.get(key);
      if (!b) {
        b = { tokens: size, at: now };
        this.buckets.set(key, b);
      }
      b.tokens = Math.min(size, b.tokens + (now - b.at) * perMs);
      b.at = now;
      if (b.tokens >= 1) taken.push(b);
      else if (!throttle) throttle = { rule, waitMs: (1 - b.tokens) / perMs };
    }
    if (!throttle) for (const b of taken) b.tokens -= 1;
    this.count(req, now, throttle !== undefined);
    return throttle;
  }

  private count(req: QuotaRequest, now: number, throttled: boolean): void {
    this.origin ??= now;
    const key = `${req.service} ${req.consumer}`;
    let c = this.counters.get(key);
    if (!c) {
      c = { service: req.service, consumer: req.consumer, requests: 0, throttled: 0, timeline: [] };
      this.counters.set(key, c);
    }
    c.requests++;
    if (throttled) c.throttled++;
    const second = Math.min(MAX_TIMELINE - 1, Math.max(0, Math.floor((now - this.origin) / 1000)));
    while (c.timeline.length <= second) c.timeline.push([0, 0]);
    c.timeline[second][0]++;
    if (throttled) c.timeline[second][1]++;
  }

  /**
   * The counters; with `afterSeconds`, also the requests and throttled answers from that second on
   * (seconds count from the first request since start or the last reset).
   */
  report(afterSeconds?: number): JsonObject {
    return {
      rules: this.rules.map((r) => ({ ...r })),
      counters: [...this.counters.values()].map((c) => {
        const out: JsonObject = {
          service: c.service,
          consumer: c.consumer,
          requests: c.requests,
          throttled: c.throttled,
          timeline: c.timeline.map((t) => [...t]),
        };
        if (afterSeconds !== undefined) {
          const later = c.timeline.slice(afterSeconds);
          out.after = {
            seconds: afterSeconds,
            requests: later.reduce((n, t) => n + t[0], 0),
            throttled: later.reduce((n, t) => n + t[1], 0),
          };
        }
        return out;
      }),
    };
  }

  /** Zeroes the counters and refills every bucket; the next request starts the timeline. */
  reset(): void {
    this.counters.clear();
    this.buckets.clear();
    this.origin = undefined;
  }
}

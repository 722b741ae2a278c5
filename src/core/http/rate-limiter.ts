/**
 * The transport's send pacing, one lane per (API host, quota project): Google counts rate quotas
 * per consumer project and API, so that is the unit that must slow down when Google says so.
 *
 * A lane starts unpaced (or at its fixed limit, `--http.rateLimit`) and adapts by AIMD: the first
 * rate-limit answer sets its rate to {@link DECREASE} × the rate it was sending at (over the last
 * second, or since its first request when that is more recent), each later
 * one multiplies the rate by {@link DECREASE} (once per round trip: answers to requests sent before
 * the last decrease are not counted again), and every success adds `step / rate`, so the rate grows
 * by `step` requests a second each second, `step` being a twentieth of the rate at the last
 * decrease (at least 1). Requests are spaced evenly at the lane's rate (no bursts), which is what
 * keeps a token-bucket quota from running dry again right after it refills.
 *
 * A project (the one a request's path names) throttled again within a minute has a limit of its
 * own (a per-project quota, or a project that always answers 429): its answers stop speaking for
 * the lane, and the decrease its first one caused is taken back. Otherwise a few such projects
 * among hundreds held the whole lane near its minimum for the statement's length, while a consumer
 * quota, which throttles whichever requests come, keeps finding fresh projects to decrease on.
 */

import { SkyqlError } from '../../base/errors/skyql-error.js';
import { monotonicMs } from '../../base/util/monotonic-clock.js';

/** The rate is multiplied by this on a rate-limit answer. */
export const DECREASE = 0.7;
/** The additive step per second, as a share of the rate at the last decrease. */
export const INCREASE_SHARE = 0.05;
/** The lowest adaptive rate, requests a second. */
export const MIN_RATE = 0.2;
/** How long a throttled project is remembered (a second 429 within it means a limit of its own). */
export const TARGET_MEMORY_MS = 60_000;

/** The project a request's path names (`…/projects/<id>/…`), else undefined. */
function targetProject(path: string): string | undefined {
  return /\/projects\/([^/?]+)/.exec(path)?.[1];
}

/** A documented hard quota applied without `--http.rateLimit`: requests to `host` whose path matches. */
export interface DefaultRateLimit {
  /** Names the lane in statistics. */
  readonly name: string;
  readonly host: string;
  readonly path: RegExp;
  /** Requests a second. */
  readonly perSecond: number;
}

/**
 * Hard, low quotas that apply unless `--http.rateLimit` names the host. Cloud Resource Manager
 * allows per consumer project 4 requests a second (240 a minute) for v1 `projects.list` and for
 * v3 `projects.search`; v3 list operations and reads get 10 a second, which the adaptive pace
 * finds by itself ("Quotas and usage limits", https://cloud.google.com/resource-manager/docs/limits).
 */
export const DEFAULT_RATE_LIMITS: readonly DefaultRateLimit[] = [
  {
    name: 'cloudresourcemanager.googleapis.com v1 projects.list',
    host: 'cloudresourcemanager.googleapis.com',
    path: /^\/v1\/projects\/?(\?|$)/,
    perSecond: 4,
  },
  {
    name: 'cloudresourcemanager.googleapis.com v3 projects.search',
    host: 'cloudresourcemanager.googleapis.com',
    path: /^\/v3\/projects:search(\?|$)/,
    perSecond: 4,
  },
];

/** A lane's counters, for progress displays and benchmarks. */
export interface LaneStats {
  readonly key: string;
  /** Requests a second now (Infinity while unpaced). */
  readonly rate: number;
  readonly sent: number;
  readonly throttled: number;
}

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Host → requests a second at most (`--http.rateLimit`); replaces the host's {@link DEFAULT_RATE_LIMITS}. */
  readonly limits?: ReadonlyMap<string, number>;
  /** Clock in ms (injectable for tests). */
  readonly now?: () => number;
  /** Waits `ms`; rejects when `signal` aborts (injectable for tests). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A project throttled lately: when, whether that slowed the lane, whether it has a limit of its own. */
interface ThrottledProject {
  at: number;
  slowed: boolean;
  own: boolean;
}

/** One (host, quota project) lane. */
class Lane {
  rate: number;
  /** Earliest time the next request may go. */
  next = 0;
  lastDecrease = Number.NEGATIVE_INFINITY;
  step = 1;
  sent = 0;
  throttled = 0;
  /** Send times within the last second, oldest first. */
  private readonly recent: number[] = [];
  /** Projects throttled lately. */
  private readonly targets = new Map<string, ThrottledProject>();

  constructor(readonly ceiling: number) {
    this.rate = ceiling;
  }

  /** Reserves the next send slot (at the pace of `now`); returns its time. */
  reserve(now: number): number {
    const at = Math.max(now, this.next);
    if (Number.isFinite(this.rate)) this.next = at + 1000 / this.rate;
    this.sent++;
    this.recent.push(at);
    while (this.recent.length > 0 && this.recent[0] <= at - 1000) this.recent.shift();
    return at;
  }

  throttle(reservedAt: number, now: number, target: string | undefined): void {
    this.throttled++;
    const seen = target === undefined ? undefined : this.targets.get(target);
    if (target !== undefined && seen && now - seen.at < TARGET_MEMORY_MS) {
      this.remember(target, seen, now);
      if (seen.own) return;
      // throttled again: a limit of its own, which says nothing of the lane's
      seen.own = true;
      if (seen.slowed && Number.isFinite(this.rate)) this.rate = Math.min(this.ceiling, this.rate / DECREASE);
      return;
    }
    // once per round trip: requests paced before the last decrease tell nothing new
    const slows = reservedAt > this.lastDecrease;
    if (target !== undefined) this.remember(target, { at: now, slowed: slows, own: false }, now);
    if (!slows) return;
    const base = Number.isFinite(this.rate) ? this.rate : this.sendRate(now);
    this.rate = Math.max(MIN_RATE, base * DECREASE);
    this.step = Math.max(1, this.rate * INCREASE_SHARE);
    this.lastDecrease = now;
    // the throttled request waits for its own Retry-After; the new pace spaces the ones after it
  }

  /** Notes a throttled project, forgetting those not throttled for TARGET_MEMORY_MS. */
  private remember(target: string, entry: ThrottledProject, now: number): void {
    entry.at = now;
    this.targets.delete(target);
    this.targets.set(target, entry); // insertion order is age order: the oldest go first
    for (const [t, e] of this.targets) {
      if (now - e.at < TARGET_MEMORY_MS) break;
      this.targets.delete(t);
    }
  }

  /** Requests a second sent lately: over the last second, or over the time since the first of them. */
  private sendRate(now: number): number {
    if (this.recent.length === 0) return MIN_RATE;
    const span = Math.max(100, Math.min(1000, now - this.recent[0]));
    return Math.max(MIN_RATE, (this.recent.length * 1000) / span);
  }

  succeed(): void {
    if (!Number.isFinite(this.rate)) return;
    // grow only while the pace binds: never far past what is actually being sent
    const cap = Math.min(this.ceiling, Math.max(2 * this.recent.length, this.rate));
    this.rate = Math.min(cap, this.rate + this.step / this.rate);
  }
}

/** Paces requests per (API host, quota project) and learns the allowed rate from Google's answers. */
export class RateLimiter {
  private readonly lanes = new Map<string, Lane>();
  private readonly limits: ReadonlyMap<string, number>;
  private readonly defaults: readonly DefaultRateLimit[];
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: RateLimiterOptions) {
    this.limits = options.limits ?? new Map();
    this.defaults = DEFAULT_RATE_LIMITS.filter((d) => !this.limits.has(d.host));
    this.now = options.now ?? (() => monotonicMs());
    this.sleep = options.sleep;
  }

  private lane(target: LaneTarget): Lane {
    const { host, path, quotaProject } = target;
    const preset = this.defaults.find((d) => d.host === host && d.path.test(path));
    const name = preset?.name ?? host;
    const key = quotaProject ? `${name} (quota project ${quotaProject})` : name;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new Lane(preset?.perSecond ?? this.limits.get(host) ?? Number.POSITIVE_INFINITY);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /**
   * Waits for the lane's next slot and returns the time the slot was reserved (the pace it was
   * given), to report back with {@link RateLimiter.throttled}. Rejects (from `sleep`) when
   * `signal` aborts.
   */
  async acquire(target: LaneTarget, signal?: AbortSignal): Promise<number> {
    const now = this.now();
    const at = this.lane(target).reserve(now);
    if (at > now) await this.sleep(at - now, signal);
    return now;
  }

  /**
   * A request whose slot was reserved at `reservedAt` was answered with a rate limit: slow the
   * lane down, unless it was paced before the last decrease (its answer is no news).
   */
  throttled(target: LaneTarget, reservedAt: number): void {
    this.lane(target).throttle(reservedAt, this.now(), targetProject(target.path));
  }

  /** A request was answered without a rate limit: let the lane speed up. */
  succeeded(target: LaneTarget): void {
    this.lane(target).succeed();
  }

  /** Every lane's counters. */
  stats(): LaneStats[] {
    return [...this.lanes].map(([key, l]) => ({
      key,
      rate: l.rate,
      sent: l.sent,
      throttled: l.throttled,
    }));
  }
}

/** What picks a request's lane: the API host and path (as Google's URL has them) and the quota project. */
export interface LaneTarget {
  readonly host: string;
  readonly path: string;
  /** `x-goog-user-project`; undefined: the credential's own project. */
  readonly quotaProject: string | undefined;
}

const RATE_RE = /^([a-z0-9.-]+)=(\d+(?:\.\d+)?)\/(s|sec|second|m|min|minute)$/i;

/**
 * Parses `--http.rateLimit` values (`compute.googleapis.com=20/s`, `…=600/min`) into host →
 * requests a second; later values win. A name without a dot is a Google API's short name
 * (`compute=20/s` is `compute.googleapis.com`): a limit on a host that no request goes to would
 * silently do nothing.
 */
export function parseRateLimits(specs: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const spec of specs) {
    const m = RATE_RE.exec(spec.trim());
    const n = m ? Number(m[2]) : 0;
    if (!m || !(n > 0))
      throw new SkyqlError('BAD_FLAG', `--http.rateLimit expects HOST=N/s or HOST=N/min, got '${spec}'`, {
        hint: '--http.rateLimit compute.googleapis.com=20/s',
      });
    const host = m[1].toLowerCase();
    out.set(
      host.includes('.') ? host : `${host}.googleapis.com`,
      m[3].toLowerCase().startsWith('s') ? n : n / 60,
    );
  }
  return out;
}

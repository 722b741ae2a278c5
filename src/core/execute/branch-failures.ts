/**
 * Failed branches of a fan-out under `--execution.keepGoing`: each classified (API not enabled,
 * permission denied, not found, rate-limited past the time budget, other) so an org-wide statement
 * can complete, say exactly what it left out, and let users accept some classes (`--execution.skip`)
 * while any other still fails the run. Never a silently short result.
 */

import { SkyqlError, toSkyqlError } from '../../base/errors/skyql-error.js';
import { hasRateLimitReason } from '../http/google-error.js';
import { apiFailureOf } from '../http/http-error.js';

/** Why a branch failed. */
export type BranchErrorClass = 'disabled' | 'denied' | 'notfound' | 'ratelimited' | 'other';

/** Every class, in summary order. */
export const BRANCH_ERROR_CLASSES: readonly BranchErrorClass[] = [
  'disabled',
  'denied',
  'notfound',
  'ratelimited',
  'other',
];

const CLASS_TITLES: Record<BranchErrorClass, string> = {
  disabled: 'API not enabled',
  denied: 'permission denied',
  notfound: 'not found',
  ratelimited: 'rate-limited past --http.retry.maxElapsed',
  other: 'other errors',
};

/** One failed call of a fan-out. */
export interface BranchFailure {
  readonly class: BranchErrorClass;
  /** `google.compute.instances`. */
  readonly resource: string;
  /** The call's parameter values (`project=p1, zone=z`). */
  readonly params: Readonly<Record<string, string>>;
  /** HTTP status, when the API answered. */
  readonly status?: number;
  readonly message: string;
}

/** The class of a branch's error, from Google's status and reasons. */
export function classifyBranchError(err: unknown): BranchErrorClass {
  const api = apiFailureOf(err);
  if (!api) return 'other';
  const { status, reasons } = api;
  if (reasons.includes('SERVICE_DISABLED') || reasons.includes('accessNotConfigured')) return 'disabled';
  if (status === 429 || hasRateLimitReason(reasons)) return 'ratelimited';
  if (status === 403) return 'denied';
  if (status === 404) return 'notfound';
  return 'other';
}

/** A failed branch as recorded: its class, parameters, status and message. */
export function branchFailure(
  resource: string,
  params: ReadonlyMap<string, unknown>,
  err: unknown,
): BranchFailure {
  const api = apiFailureOf(err);
  return {
    class: classifyBranchError(err),
    resource,
    params: Object.fromEntries([...params].map(([k, v]) => [k, String(v)])),
    ...(api ? { status: api.status } : {}),
    message: toSkyqlError(err).message,
  };
}

/** Branches named per class in the summary. */
const NAMED_PER_CLASS = 3;

function paramText(f: BranchFailure): string {
  return Object.entries(f.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/**
 * The summary printed after a statement whose branches failed: one line per class with its count
 * and first few branches, e.g. `  API not enabled (disabled): 3 calls — project=a; project=b; …`.
 */
export function summarizeBranchFailures(
  failures: readonly BranchFailure[],
  allowed: ReadonlySet<BranchErrorClass>,
): string {
  const lines = [
    `${failures.length} call${failures.length === 1 ? '' : 's'} failed and left their rows out:`,
  ];
  for (const cls of BRANCH_ERROR_CLASSES) {
    const of = failures.filter((f) => f.class === cls);
    if (of.length === 0) continue;
    const named = of.slice(0, NAMED_PER_CLASS).map(paramText).join('; ');
    const more = of.length > NAMED_PER_CLASS ? `; … ${of.length - NAMED_PER_CLASS} more` : '';
    const skipped = allowed.has(cls) ? ', skipped as allowed' : '';
    lines.push(`  ${CLASS_TITLES[cls]} (${cls}${skipped}): ${of.length} — ${named}${more}`);
  }
  return lines.join('\n');
}

/** True when some failure is of a class the user did not allow (the run must fail). */
export function hasUnallowedFailure(
  failures: readonly BranchFailure[],
  allowed: ReadonlySet<BranchErrorClass>,
): boolean {
  return failures.some((f) => !allowed.has(f.class));
}

/** Parses `--execution.skip disabled,denied,notfound` into the set of allowed classes. */
export function parseSkipClasses(values: readonly string[]): Set<BranchErrorClass> {
  const out = new Set<BranchErrorClass>();
  for (const v of values.flatMap((x) => x.split(','))) {
    const c = v.trim().toLowerCase();
    if (c === '') continue;
    if (!(BRANCH_ERROR_CLASSES as readonly string[]).includes(c))
      throw new SkyqlError('BAD_FLAG', `--execution.skip: unknown class '${v.trim()}'`, {
        hint: `use any of ${BRANCH_ERROR_CLASSES.join(', ')}, e.g. --execution.skip disabled,denied`,
      });
    out.add(c as BranchErrorClass);
  }
  return out;
}

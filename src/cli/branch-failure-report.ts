/**
 * The CLI's end of `--execution.keepGoing`: collects a statement's failed fan-out calls, prints one
 * summary on stderr after it, appends them to `--errors-out` as JSON lines, and says whether the
 * run must exit non-zero (a failure of a class not allowed by `--execution.skip`).
 */

import { appendFileSync, writeFileSync } from 'node:fs';
import { SkyqlError } from '../base/errors/skyql-error.js';
import {
  type BranchErrorClass,
  type BranchFailure,
  hasUnallowedFailure,
  parseSkipClasses,
  summarizeBranchFailures,
} from '../core/execute/branch-failures.js';
import { FLAGS } from './flag-table.js';
import { type ParsedFlags, readFlag } from './flag-types.js';

/** Collects failed branches statement by statement. */
export interface BranchFailureReport {
  /** Given to the session (SessionOptions.onBranchFailure). */
  readonly record: (failure: BranchFailure) => void;
  /**
   * Ends a statement: prints its summary (if any call failed) with `print`, writes `--errors-out`,
   * and returns true when the run must fail.
   */
  endStatement(print: (text: string) => void): boolean;
}

/** The report `--execution.skip` and `--errors-out` ask for; the errors file is emptied now. */
export function branchFailureReport(flags: ParsedFlags): BranchFailureReport {
  const allowed: ReadonlySet<BranchErrorClass> = parseSkipClasses(readFlag(flags, FLAGS.skip) ?? []);
  const errorsOut = readFlag(flags, FLAGS.errorsOut);
  if (errorsOut !== undefined) {
    try {
      writeFileSync(errorsOut, '');
    } catch (err) {
      throw new SkyqlError('BAD_FLAG', `--errors-out: cannot write ${errorsOut}: ${(err as Error).message}`, {
        hint: 'name a file in a folder that exists and is writable',
        cause: err,
      });
    }
  }
  let pending: BranchFailure[] = [];
  return {
    record: (f) => pending.push(f),
    endStatement(print) {
      const failures = pending;
      pending = [];
      if (failures.length === 0) return false;
      print(summarizeBranchFailures(failures, allowed));
      if (errorsOut !== undefined)
        appendFileSync(errorsOut, failures.map((f) => `${JSON.stringify(f)}\n`).join(''));
      return hasUnallowedFailure(failures, allowed);
    },
  };
}

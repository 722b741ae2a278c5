/**
 * Where library code sends user-facing messages and progress instead of writing to stderr itself.
 * The CLI wires it to stderr (progress only on a terminal); tests collect messages in an array.
 */
/** What progress counts: bytes (shown as KB/MB) or items (shown as plain counts). */
export type ProgressUnit = 'bytes' | 'items';

export interface Reporter {
  /** A one-line informational message (StackQL prints these on stderr). */
  message(text: string): void;
  /** Progress of a long task: `done` of `total` units (bytes by default); total may be unknown. */
  progress(task: string, done: number, total?: number, unit?: ProgressUnit): void;
  /** Ends a progress display started by {@link Reporter.progress}. */
  progressDone(task: string): void;
  /**
   * A transient one-line status (`waiting for compute.googleapis.com (5 s)…`) that replaces the
   * previous one; undefined erases it. Only reporters that can erase a line (a terminal) have it.
   */
  status?(text: string | undefined): void;
}

/** A reporter that drops everything (library default). */
export const silentReporter: Reporter = {
  message() {},
  progress() {},
  progressDone() {},
};

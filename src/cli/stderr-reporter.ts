import type { Reporter } from '../base/util/reporter.js';

function human(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** When progress lines are shown (`--progress`). */
export type ProgressMode = 'auto' | 'always' | 'never';

/** Options of {@link stderrReporter}. */
export interface StderrReporterOptions {
  /**
   * Offer transient status lines (`waiting for HOST (5 s)…`) on a terminal (default true); `srv`
   * turns them off: its requests belong to its clients, and its stderr is a log.
   */
  readonly status?: boolean;
  /**
   * Progress lines (`--progress`): `auto` (default) on a terminal only, `always` also into a file
   * or pipe, `never`.
   */
  readonly progress?: ProgressMode;
}

/**
 * Messages to stderr, one per line; progress and status as a self-overwriting line, only when
 * stderr is a terminal (so logs and CI output stay clean) unless `progress: 'always'`, progress at
 * most ~10 times a second.
 */
export function stderrReporter(
  stream: NodeJS.WriteStream = process.stderr,
  options: StderrReporterOptions = {},
): Reporter {
  const interactive = stream.isTTY === true;
  const mode = options.progress ?? 'auto';
  const showProgress = mode === 'always' || (mode === 'auto' && interactive);
  let last = 0;
  let active = false;
  const status = (text: string | undefined) => {
    if (text !== undefined) stream.write(`\r\x1b[K${text}`);
    else if (active) stream.write('\r\x1b[K');
    active = text !== undefined;
  };
  return {
    ...(interactive && options.status !== false ? { status } : {}),
    message(text) {
      if (active) stream.write('\r\x1b[K');
      active = false;
      stream.write(`${text}\n`);
    },
    progress(task, done, total, unit = 'bytes') {
      if (!showProgress) return;
      const now = Date.now();
      if (now - last < 100 && (total === undefined || done < total)) return;
      last = now;
      const size = unit === 'items' ? String : human;
      const pct = total
        ? ` ${Math.floor((done / total) * 100)}% (${size(done)} of ${size(total)})`
        : ` ${size(done)}`;
      stream.write(`\r\x1b[K${task}${pct}`);
      active = true;
    },
    progressDone() {
      if (active) stream.write('\r\x1b[K');
      active = false;
    },
  };
}

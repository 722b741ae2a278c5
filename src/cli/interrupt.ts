/**
 * Runs `fn` with a signal that the first Ctrl-C (SIGINT) aborts, so a statement stops waiting and
 * says what is still running; a second Ctrl-C quits at once (exit 130). The handler is removed
 * when `fn` settles.
 */
export async function withInterrupt<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<{ readonly value: T; readonly interrupted: boolean }> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('interrupted: stopping (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted (Ctrl-C)'));
  };
  process.on('SIGINT', onSigint);
  try {
    const value = await fn(controller.signal);
    return { value, interrupted: controller.signal.aborted };
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Resolves on the first SIGINT or SIGTERM (long-running servers stop cleanly on either). */
export function untilStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

import type { Reporter } from '../../src/base/util/reporter.js';

/** A reporter that records its messages. */
export function collectingReporter(): Reporter & { readonly messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    message: (text) => void messages.push(text),
    progress() {},
    progressDone() {},
  };
}

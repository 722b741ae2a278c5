/**
 * Runs many test files in one process, each as a suite named by its path, so a failure names its
 * file and a file's `after` hooks run when its tests end. scripts/run-tests.mjs runs the unit files
 * as one such group and the integration files one group per folder: starting a process and loading
 * the sources for every file cost more than most files take to run. Test files must therefore
 * leave no process-wide state behind (environment, global handlers): each restores what it changes.
 */
import { join, relative } from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.js';

/** Registers one suite per file (absolute paths), in order. */
export function runFileSuites(files: readonly string[]): void {
  for (const file of files) {
    // named by the source file (build/test/x.test.js → test/x.test.ts)
    const name = relative(join(REPO_ROOT, 'build'), file).replace(/\.js$/, '.ts');
    describe(name, async () => {
      await import(pathToFileURL(file).href);
    });
  }
}

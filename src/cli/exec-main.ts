export { restoreHeapDefaults } from '../base/util/heap-growth.js';

import { cliArgv, startCli } from './cli-main.js';

import { execCommand, execDirect } from './commands/exec-command.js';

/**
 * The entry of dist/skyql.cjs, the bundle bin/skyql runs with a V8 code cache: `skyql exec` only,
 * the command whose start-up is measured, so the bundle and its cache stay small. For any other
 * command (or none, or an argument error) `handled` is false and bin/skyql runs the full ES module
 * bundle, dist/skyql.js, instead (a script compiled with a code cache cannot `import()` on Node 20).
 */
function namesExec(): boolean {
  try {
    return cliArgv(process.argv)[2] === 'exec';
  } catch {
    return false; // the full CLI reports the error
  }
}

export const handled = namesExec();
if (handled) startCli({ exec: async () => execCommand }, { exitWhenDone: true, direct: execDirect });

/**
 * Preloaded with `node --import` (through NODE_OPTIONS) by tests that check what a CLI run loads:
 * appends every CommonJS `require` request and every resolved ES module URL to the file named by
 * SKYQL_LOAD_LOG, one per line.
 */
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const log = process.env.SKYQL_LOAD_LOG ?? '';
if (log !== '') {
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = function (this: unknown, request: string, ...rest: unknown[]) {
    appendFileSync(log, `require ${request}\n`);
    return load.call(this, request, ...rest);
  };
  register(new URL('./load-recorder-hooks.js', import.meta.url), { data: { log } });
}

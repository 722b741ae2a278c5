import { SkyqlError } from '../../base/errors/skyql-error.js';

/** The optional package that evaluates Jsonnet (a native addon compiled at install, ~3 minutes). */
export const JSONNET_PACKAGE = '@hanazuki/node-jsonnet';

/** The part of the package's `Jsonnet` VM used here. */
export interface JsonnetVm {
  extString(name: string, value: string): JsonnetVm;
  evaluateSnippet(snippet: string, filename?: string): Promise<string>;
}

/** Loads the package; rejects when it is not installed (tests pass their own). */
export type JsonnetLoader = () => Promise<{ Jsonnet: new () => JsonnetVm }>;

const loadPackage: JsonnetLoader = () => {
  const name = JSONNET_PACKAGE; // not resolved at build time: the package is optional
  return import(name);
};

/**
 * Evaluates Jsonnet with `--var` values as external variables (`std.extVar("k")`). Jsonnet support
 * is optional: without the package this fails with TEMPLATE_ERROR saying how to install it or to
 * use JSON instead.
 */
export async function evaluateJsonnet(
  text: string,
  extVars: ReadonlyMap<string, string>,
  origin: string,
  load: JsonnetLoader = loadPackage,
): Promise<unknown> {
  let mod: { Jsonnet: new () => JsonnetVm };
  try {
    mod = await load();
  } catch {
    throw new SkyqlError('TEMPLATE_ERROR', `${origin} is Jsonnet, and Jsonnet support is not installed`, {
      hint: `install the optional package (it compiles from source): npm install ${JSONNET_PACKAGE}; or give the data as JSON (a .json file or a <<<json ... >>> block)`,
    });
  }
  const vm = new mod.Jsonnet();
  for (const [k, v] of extVars) vm.extString(k, v);
  try {
    return JSON.parse(await vm.evaluateSnippet(text, origin));
  } catch (err) {
    throw new SkyqlError('TEMPLATE_ERROR', `${origin}: ${(err as Error).message}`);
  }
}

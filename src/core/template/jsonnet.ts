import { SkyqlError } from '../../base/errors/skyql-error.js';

/** The optional package that evaluates Jsonnet (a native addon compiled at install, ~3 minutes). */
const JSONNET_PACKAGE = '@hanazuki/node-jsonnet';

interface JsonnetVm {
  extString(name: string, value: string): JsonnetVm;
  evaluateSnippet(snippet: string, filename?: string): Promise<string>;
}

/**
 * Evaluates Jsonnet with `--var` values as external variables (`std.extVar("k")`). Jsonnet support
 * is optional: without the package this fails with TEMPLATE_ERROR saying how to install it or to
 * use JSON instead.
 */
export async function evaluateJsonnet(
  text: string,
  extVars: ReadonlyMap<string, string>,
  origin: string,
): Promise<unknown> {
  let mod: { Jsonnet: new () => JsonnetVm };
  try {
    const name = JSONNET_PACKAGE; // not resolved at build time: the package is optional
    mod = (await import(name)) as { Jsonnet: new () => JsonnetVm };
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

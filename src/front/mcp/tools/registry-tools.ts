import * as z from 'zod/v4';
import { admit, runStatements } from '../run-sql.js';
import { addTool, READ_ONLY, type ToolHost } from './add-tool.js';
import { metadata } from './catalog-tools.js';
import { toolFor } from './query-tools.js';
import { PROVIDER, TABULAR_OUTPUT } from './tool-schemas.js';

const VERSION = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a version such as v25.07.00000')
  .max(100)
  .describe("a version such as v25.07.00000 (list_registry shows them); default the registry's latest");

/** list_registry and pull_provider (a pull writes the app root: the mode treats it as a change). */
export function addRegistryTools(host: ToolHost): void {
  addTool(
    host,
    'list_registry',
    {
      title: 'List the registry',
      description: 'Providers and versions available in the registry (REGISTRY LIST [provider]).',
      input: { provider: PROVIDER.optional().describe('only the versions of this provider, e.g. google') },
      output: TABULAR_OUTPUT,
      annotations: READ_ONLY,
    },
    (call, a) => metadata(call, a.provider ? `REGISTRY LIST ${a.provider}` : 'REGISTRY LIST'),
  );
  addTool(
    host,
    'pull_provider',
    {
      title: 'Pull a provider',
      description:
        "Install a provider version from the registry into the app root (REGISTRY PULL provider [version]; default the registry's latest).",
      input: { provider: PROVIDER.describe('provider to install, e.g. google'), version: VERSION.optional() },
      output: TABULAR_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    },
    (call, a) =>
      call.slot.exclusive(async (session) => {
        const sql = `REGISTRY PULL ${a.provider}${a.version ? ` '${a.version}'` : ''}`;
        const statements = await admit(call, session, sql, { accepts: ['write'], elsewhere: toolFor });
        const answer = await runStatements(call, session, statements, 100);
        call.ctx.search.invalidate();
        return answer;
      }),
  );
}

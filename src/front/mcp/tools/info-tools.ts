import * as z from 'zod/v4';
import { SAFETY_MODES } from '../safety-mode.js';
import { addTool, CATALOG_READ, READ_ONLY, type ToolHost } from './add-tool.js';
import { PROVIDER } from './tool-schemas.js';

/** search_catalog's answer before any provider is installed (an empty index is not a bad query). */
const NOTHING_INSTALLED =
  'no provider is installed yet, so there is nothing to search: call pull_provider with {"provider": "google"} (list_registry shows what the registry offers), then search again';

/** server_info, search_catalog and reload_credentials. */
export function addInfoTools(host: ToolHost): void {
  const { ctx } = host;
  addTool(
    host,
    'server_info',
    {
      title: 'Server info',
      description:
        'Identity and runtime of this skyql MCP server: version, transport, safety mode, registry, limits, audit log.',
      input: {},
      output: {
        name: z.string(),
        version: z.string(),
        transport: z.string(),
        mode: z.enum(SAFETY_MODES),
        registry: z.string(),
        appRoot: z.string(),
        rowLimit: z.number(),
        maxResultBytes: z.number(),
        audit: z.string().describe('the audit log file, or "disabled"'),
        installedProviders: z.array(z.object({ provider: z.string(), versions: z.array(z.string()) })),
      },
      annotations: CATALOG_READ,
    },
    (call) =>
      call.slot.exclusive(async (session) => {
        const info = {
          name: 'skyql',
          version: ctx.info.version,
          transport: ctx.info.address ? `${ctx.info.transport} ${ctx.info.address}` : ctx.info.transport,
          mode: ctx.mode,
          registry: ctx.info.registry,
          appRoot: ctx.info.appRoot,
          rowLimit: ctx.limits.rowLimit,
          maxResultBytes: ctx.limits.maxBytes,
          audit: ctx.audit ? (ctx.info.auditPath ?? 'on') : 'disabled',
          installedProviders: session.context.registry
            .installedProviders()
            .map((p) => ({ ...p, versions: [...p.versions] })),
        };
        const text = Object.entries(info)
          .map(
            ([k, v]) =>
              `- **${k}**: ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`,
          )
          .join('\n');
        return { text, structured: info };
      }),
  );
  addTool(
    host,
    'search_catalog',
    {
      title: 'Search the catalog',
      description:
        'Keyword search over the installed providers: services, resources, methods and response fields (nested fields dotted, e.g. "sourceRanges", "firewall source ranges", "compute.firewalls"). Ranked: exact names first, then prefixes, then words; fields rank below tables. The first search builds the index (a few seconds); later ones are fast.',
      input: {
        query: z
          .string()
          .min(1)
          .max(200)
          .describe(
            'keywords, e.g. "public bucket", "firewall source ranges", a name such as "sourceRanges" or a dotted path such as "compute.firewalls"',
          ),
        kind: z
          .enum(['service', 'resource', 'method', 'field'])
          .optional()
          .describe('only hits of this kind'),
        limit: z.number().int().min(1).max(200).optional().describe('hits to return (default 20)'),
      },
      output: {
        hits: z.array(
          z.object({ kind: z.string(), fqn: z.string(), summary: z.string(), score: z.number() }),
        ),
      },
      annotations: CATALOG_READ,
    },
    (call, a) =>
      call.slot.exclusive(async (session) => {
        if (session.context.registry.installedProviders().length === 0)
          return { text: NOTHING_INSTALLED, structured: { hits: [] } };
        const hits = await ctx.search.search(
          session.context.catalog,
          a.query,
          a.limit ?? 20,
          a.kind ? [a.kind] : undefined,
        );
        const text =
          hits.length === 0
            ? `nothing matches '${a.query}'; try fewer or shorter words`
            : hits.map((h) => `- ${h.kind} \`${h.fqn}\`${h.summary ? ` — ${h.summary}` : ''}`).join('\n');
        return { text, structured: { hits } };
      }),
  );
  addTool(
    host,
    'reload_credentials',
    {
      title: 'Reload credentials',
      description:
        "Re-read --env.file and the auth settings (key files, env vars) after they changed, e.g. after an auth error; reports each provider's credential source and whether it loads. Never returns a secret.",
      input: {
        provider: PROVIDER.optional().describe('only this provider (default: every configured one)'),
      },
      output: {
        providers: z.array(
          z.object({
            provider: z.string(),
            type: z.string(),
            source: z.string(),
            status: z.enum(['ok', 'error']),
            detail: z.string(),
          }),
        ),
      },
      annotations: { ...READ_ONLY, openWorldHint: false },
    },
    async (_call, a) => {
      const all = await ctx.sessions.reload();
      const providers = a.provider ? all.filter((p) => p.provider === a.provider) : all;
      const text =
        providers.length === 0
          ? `credentials reloaded; ${noSettings(
              a.provider,
              all.map((p) => p.provider),
            )}`
          : providers
              .map((p) => `- ${p.provider}: ${p.status} (${p.type}, ${p.source}) ${p.detail}`)
              .join('\n');
      return { text, structured: { providers } };
    },
  );
}

/** reload_credentials' answer when nothing is configured for what was asked about. */
function noSettings(provider: string | undefined, configured: readonly string[]): string {
  const others = configured.length > 0 ? ` (--auth / SKYQL_AUTH configures ${configured.join(', ')})` : '';
  if (provider === undefined)
    return 'no provider has auth settings in --auth / SKYQL_AUTH; google uses Application Default Credentials';
  const fallback =
    provider === 'google'
      ? 'google uses Application Default Credentials'
      : `add a "${provider}" entry to --auth or SKYQL_AUTH if its API needs credentials`;
  return `${provider} has no auth settings${others}; ${fallback}`;
}

import { parseRegistryConfig } from '../../../../src/base/config/registry-config.js';
import { Catalog } from '../../../../src/core/catalog/catalog.js';
import { ProviderRegistry } from '../../../../src/core/catalog/registry/provider-registry.js';
import { resourcePage } from '../../../../src/tools/docs/resource-page.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../../../support/paths.js';

/** A catalog on the fixture app root with the Google provider pinned to `version`. */
export function googleCatalog(version: 'v25.07.00000' | 'v1.0.4'): Catalog {
  const registry = new ProviderRegistry(parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT));
  return new Catalog(registry, new Map([['google', version]]));
}

/** The docs page of `google.<service>.<resource>` in the given catalog. */
export async function googlePage(catalog: Catalog, service: string, resource: string): Promise<string> {
  const handle = await catalog.service('google', service);
  return resourcePage(handle.resource(resource));
}

/** The text between `## <heading>` and the next `## ` heading (or the end). */
export function section(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section '${heading}'`);
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The body of the first fenced code block of the given language in `text`. */
export function codeBlock(text: string, lang: 'sql' | 'yaml', nth = 0): string {
  const blocks = [...text.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))];
  if (!blocks[nth]) throw new Error(`no ${lang} block #${nth}`);
  return blocks[nth][1];
}

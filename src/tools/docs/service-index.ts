import { frontMatterBlock } from './front-matter.js';
/**
 * The index page of a service: front matter, a resource count and the resources in two columns of
 * links, as on StackQL's published provider docs (`/<service>/<resource>/`).
 */

/**
 * The two-column listing of the index pages: the first column holds the extra item; `links` renders
 * one column's names.
 */
export function twoColumnBlock(
  items: readonly string[],
  links: (names: readonly string[]) => string,
): string {
  const half = Math.ceil(items.length / 2);
  return [
    '<div class="row">',
    '<div class="providerDocColumn">',
    links(items.slice(0, half)),
    '</div>',
    '<div class="providerDocColumn">',
    links(items.slice(half)),
    '</div>',
    '</div>',
  ].join('\n');
}

/** Natural (locale) order used for the index listings. */
export function indexOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}

/**
 * The service index page.
 *
 * @param provider provider name (`google`)
 * @param service service name (`healthcare`)
 * @param resources the names of the service's resources, in any order
 */
export function serviceIndexPage(provider: string, service: string, resources: readonly string[]): string {
  const sorted = [...resources].sort(indexOrder);
  const links = (names: readonly string[]) =>
    names.map((n) => `<a href="/${service}/${n}/">${n}</a>`).join('<br />\n');
  return `${frontMatterBlock(service, [service, provider, 'stackql'], provider)}
${service} service documentation.

:::info[Service Summary]

total resources: __${resources.length}__  

:::

## Resources
${twoColumnBlock(sorted, links)}`;
}

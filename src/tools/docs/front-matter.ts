import type { Resource } from '../../core/catalog/model/catalog-types.js';

/**
 * A Docusaurus front-matter block as the StackQL provider sites write it: title, keywords (the
 * page's own, then the site-wide ones), description, image, and any extra lines. `opening` is the
 * first line: resource pages have `--- ` with a trailing space (the seed page is compared byte for
 * byte), index pages a plain `---`.
 */
export function frontMatterBlock(
  title: string,
  keywords: readonly string[],
  provider: string,
  extra: readonly string[] = [],
  opening = '---',
): string {
  const allKeywords = [...keywords, 'infrastructure-as-code', 'configuration-as-data', 'cloud inventory'];
  return [
    opening,
    `title: ${title}`,
    'hide_title: false',
    'hide_table_of_contents: false',
    'keywords:',
    ...allKeywords.map((k) => `  - ${k}`),
    `description: Query, deploy and manage ${provider} resources using SQL`,
    'custom_edit_url: null',
    `image: /img/stackql-${provider}-provider-featured-image.png`,
    ...extra,
    '---',
    '',
  ].join('\n');
}

/** The front matter and MDX imports that open every resource page. */
export function frontMatter(resource: Resource): string {
  const { provider, service, name } = resource;
  return `${frontMatterBlock(name, [name, service, provider], provider, [], '--- ')}
import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

`;
}

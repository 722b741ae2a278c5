import { frontMatterBlock } from './front-matter.js';
import { indexOrder, twoColumnBlock } from './service-index.js';

/** What the provider index summarises. */
export interface ProviderIndexInput {
  readonly provider: string;
  readonly version: string;
  readonly services: readonly string[];
  readonly resourceCount: number;
}

/**
 * The provider's index page: front matter, a summary (service and resource counts), how to pull the
 * provider, and the services in two columns of links (`/<service>/`). The published pages add
 * hand-written provider text (authentication…) that is not in the provider documents.
 */
export function providerIndexPage(input: ProviderIndexInput): string {
  const { provider, version } = input;
  const sorted = [...input.services].sort(indexOrder);
  const links = (names: readonly string[]) => names.map((n) => `<a href="/${n}/">${n}</a><br />`).join('\n');
  return `${frontMatterBlock(provider, [provider, 'stackql'], provider, ["id: 'provider-intro'"])}
import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';

:::info[Provider Summary] 

total services: __${input.services.length}__  
total resources: __${input.resourceCount}__  
version: __${version}__  

:::

See also:   
[[\` SHOW \`]](https://stackql.io/docs/language-spec/show) [[\` DESCRIBE \`]](https://stackql.io/docs/language-spec/describe)  [[\` REGISTRY \`]](https://stackql.io/docs/language-spec/registry)
* * * 

## Installation

To pull the latest version of the \`${provider}\` provider, run the following command:  

\`\`\`bash
REGISTRY PULL ${provider};
\`\`\`
> To view previous provider versions or to pull a specific provider version, see [here](https://stackql.io/docs/language-spec/registry).  

## Services
${twoColumnBlock(sorted, links)}
`;
}

import type { Resource } from '../catalog/model/catalog-types.js';

/**
 * The Docusaurus front matter and MDX imports that open every resource page. Note the space after
 * the opening `---`: the published pages have it, and the seed page is compared byte for byte.
 */
export function frontMatter(resource: Resource): string {
  const { provider, service, name } = resource;
  return `--- 
title: ${name}
hide_title: false
hide_table_of_contents: false
keywords:
  - ${name}
  - ${service}
  - ${provider}
  - infrastructure-as-code
  - configuration-as-data
  - cloud inventory
description: Query, deploy and manage ${provider} resources using SQL
custom_edit_url: null
image: /img/stackql-${provider}-provider-featured-image.png
---

import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

`;
}

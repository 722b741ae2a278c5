/** Shared pieces of the example sections (SELECT, INSERT, UPDATE/REPLACE, DELETE, EXEC). */
import type { Resource } from '../../core/catalog/model/catalog-types.js';
import { escapeMdx } from './markdown-escape.js';
import type { MethodDoc } from './method-doc.js';
import { methodTabs, tabsOpen } from './tabs.js';

/** `provider.service.resource` as written in the SQL examples. */
export function fqnOf(resource: Resource): string {
  return `${resource.provider}.${resource.service}.${resource.name}`;
}

/** `'{{ name }}'`: a quoted template placeholder. */
export function quoted(name: string): string {
  return `'{{ ${name} }}'`;
}

/** `{{ name }}`: a bare placeholder, for numbers and booleans. */
export function bare(name: string): string {
  return `{{ ${name} }}`;
}

/**
 * The heading and tab bar of an example section: `\n\n## <title>\n\n<Tabs …>`. `extraTabs` are
 * appended after the method tabs (the INSERT section's Manifest).
 */
export function exampleSectionOpen(
  title: string,
  methods: readonly MethodDoc[],
  extraTabs: readonly { label: string; value: string }[] = [],
): string {
  return `\n\n## ${title}\n\n${tabsOpen([...methodTabs(methods.map((m) => m.name)), ...extraTabs])}`;
}

/**
 * The paragraph above an example: the operation's description, else (where the generator does so)
 * the response's, else a placeholder; escaped for MDX.
 */
export function exampleDescription(m: MethodDoc, useResponseDescription: boolean): string {
  const text =
    m.description || (useResponseDescription ? m.response.description : '') || 'No description available.';
  return escapeMdx(text);
}

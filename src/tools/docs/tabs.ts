/**
 * Docusaurus `<Tabs>` markup as the published pages write it: one tab per method, the first tab
 * selected, optional extra tabs (the INSERT section's `Manifest`).
 */

/** A tab: its label and value (`{ label: 'get', value: 'get' }`). */
export interface TabSpec {
  readonly label: string;
  readonly value: string;
}

/** The opening `<Tabs …>` element, ending with a newline. */
export function tabsOpen(tabs: readonly TabSpec[]): string {
  const values = tabs.map((t) => `        { label: '${t.label}', value: '${t.value}' }`).join(',\n');
  return `<Tabs\n    defaultValue="${tabs[0]?.value ?? ''}"\n    values={[\n${values}\n    ]}\n>\n`;
}

/** Tabs named after the methods themselves. */
export function methodTabs(names: readonly string[]): TabSpec[] {
  return names.map((n) => ({ label: n, value: n }));
}

/** `<TabItem value="…">` followed by a blank line. */
export function tabItemOpen(value: string): string {
  return `<TabItem value="${value}">\n\n`;
}

/** `</TabItem>` line. */
export const TAB_ITEM_CLOSE = '</TabItem>\n';

/** `</Tabs>` line. */
export const TABS_CLOSE = '</Tabs>\n';

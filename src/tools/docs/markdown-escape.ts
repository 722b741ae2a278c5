/**
 * Escaping for text that lands in MDX (Docusaurus) outside code blocks, the way StackQL's docs
 * generator (stackql/stackql-provider-utils, `docgen`) does it for the published provider pages.
 *
 * MDX treats `{…}` as a JavaScript expression and `<…>` as JSX, so descriptions copied from the
 * provider documents would break the page build. The published pages replace `{` `}` with the
 * numeric entities `&#123;` `&#125;` and `<` `>` with `&lt;` `&gt;` (also inside backticks), turn
 * line breaks into `<br />`, and leave everything else (`|`, `&`, `*`, backticks, Markdown links) as
 * it is: the tables are HTML, so `|` needs no escape.
 */

/** Escapes a description for an HTML table cell or a paragraph of an MDX page. */
export function escapeMdx(text: string): string {
  return (
    text
      .replace(/\{/g, '&#123;')
      .replace(/\}/g, '&#125;')
      .replace(/>/g, '&gt;')
      .replace(/</g, '&lt;')
      // `}_{` would otherwise start emphasis in some Markdown renderers
      .replace(/&#125;_&#123;/g, '&#125;&#95;&#123;')
      .replace(/\r\n|\r|\n/g, '<br />')
  );
}

/** Line breaks → single spaces, as the generator does for field and parameter descriptions. */
export function flattenLines(text: string): string {
  return text.replace(/\n/g, ' ');
}

/**
 * JavaScript's `String(value)`: how the generator prints `default`/`enum` values it did not expect to
 * be structured (`[1,2]` → `1,2`, objects → `[object Object]`).
 */
export function jsString(value: unknown): string {
  if (Array.isArray(value))
    return value.map((v) => (v === null || v === undefined ? '' : jsString(v))).join(',');
  if (value !== null && typeof value === 'object') return '[object Object]';
  return String(value);
}

/**
 * `a` or `an` before a resource name, by its first letter: vowels take `an` except a `u` not
 * followed by `n` (`a user_data_mappings`); names starting with `hour` take `an`.
 */
export function indefiniteArticle(name: string): 'a' | 'an' {
  const lower = name.toLowerCase();
  const first = lower.charAt(0);
  if (lower.startsWith('hour')) return 'an';
  if (first === 'u') return lower.startsWith('un') ? 'an' : 'a';
  return 'aeiou'.includes(first) && first !== '' ? 'an' : 'a';
}

/**
 * The HTML tables of the resource pages (HTML rather than Markdown tables so cells can hold links
 * and `CopyableCode` components). Cells are passed in already escaped.
 */

/** `<table><thead>…</thead><tbody>` with the given column titles; rows follow, then {@link tableClose}. */
export function tableOpen(headers: readonly string[]): string {
  return `<table>\n<thead>\n    <tr>\n${headers.map((h) => `    <th>${h}</th>\n`).join('')}    </tr>\n</thead>\n<tbody>`;
}

/** One `<tr>` (preceded by a newline); `id` becomes the row's anchor. */
export function tableRow(cells: readonly string[], id?: string): string {
  const open = id === undefined ? '<tr>' : `<tr id="${id}">`;
  return `\n${open}\n${cells.map((c) => `    <td>${c}</td>\n`).join('')}</tr>`;
}

/** Closes the table body and the table. */
export function tableClose(): string {
  return '\n</tbody>\n</table>';
}

/** `<CopyableCode code="…" />` */
export function copyable(code: string): string {
  return `<CopyableCode code="${code}" />`;
}

/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument
 * on the stack, so a list of some hundred thousand items (the select list of a 1 MiB
 * `SELECT 1,1,1,…`, an API page's array) throws "Maximum call stack size exceeded".
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

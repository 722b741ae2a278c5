import type { Cell } from '../../base/result/result-set.js';
import { printable } from '../../base/util/printable.js';
import { methodParamNames } from '../plan/bind-select.js';
import type { FetchStep } from '../plan/order-bindings.js';
import { visibleColumns } from './table-columns.js';

/**
 * WHERE/ON terms on a table's parameters that no API call takes, so SQLite applies them to the
 * rows: StackQL's local filtering (spec §2.1, §4.2). skyql keeps those semantics but never
 * silently: EXPLAIN lists the terms and a SELECT prints one notice naming the column, a value it
 * was compared with, and how to pass the parameter to the API instead. That matters when the
 * response holds the parameter in another shape (compute's `zone` is a URL), so a filter written
 * for the parameter matches nothing.
 */
export interface LocalParamTerm {
  readonly start: number;
  readonly end: number;
  readonly clause: 'WHERE' | 'ON';
  readonly params: readonly string[];
  /** An `=`/IN term on a parameter the chosen method does not take (another method might). */
  readonly notTaken: boolean;
}

/** What SQLite compares a parameter named in a local term with. */
export type ComparedWith = 'response' | 'sent' | 'missing';

/** The step's local parameter terms, in statement order. */
export function localParamTerms(step: FetchStep): LocalParamTerm[] {
  const consumed = methodParamNames(step.method);
  const out: LocalParamTerm[] = step.binding.filters.map((f) => ({
    start: f.term.start,
    end: f.term.end,
    clause: f.term.clause,
    params: f.params,
    notTaken: false,
  }));
  for (const [param, list] of step.binding.conjuncts) {
    if (consumed.has(param)) continue;
    for (const c of list)
      out.push({ start: c.start, end: c.end, clause: c.clause, params: [param], notTaken: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The response's column of that name, the value the call was made with (a consumed parameter the
 * response lacks), or nothing (SQLite will report the column missing).
 */
export function comparedWith(step: FetchStep, param: string): ComparedWith {
  if (visibleColumns(step.method).some((c) => c.name === param)) return 'response';
  const consumed = methodParamNames(step.method);
  const sent =
    (consumed.has(param) && step.binding.literals.has(param)) ||
    step.joinParams.some((j) => j.param === param);
  return sent ? 'sent' : 'missing';
}

/** A term's text on one line, cut when long. */
export function termText(text: string, term: { start: number; end: number }, width = 60): string {
  const one = text.slice(term.start, term.end).replace(/\s+/g, ' ');
  return one.length > width ? `${one.slice(0, width - 1)}…` : one;
}

/** How to pass a parameter to the API instead. */
function passItText(param: string): string {
  return `${param} = '…' or ${param} IN ('…', …)`;
}

/** EXPLAIN's detail for a local term: why it stays local and what SQLite compares it with. */
export function localTermDetail(step: FetchStep, text: string, term: LocalParamTerm): string {
  const { method } = step;
  const why = term.notTaken
    ? `${method.name} does not take ${term.params.join(', ')}`
    : `not sent to the API (only ${term.params.map(passItText).join('; ')} would be)`;
  const target: Record<ComparedWith, (p: string) => string> = {
    response: (p) => `SQLite compares the response's ${p}`,
    sent: (p) => `SQLite compares the ${p} each call was made with`,
    missing: (p) => `${method.name}'s response has no ${p} column`,
  };
  const targets = term.params.map((p) => target[comparedWith(step, p)](p));
  return `${term.clause} ${termText(text, term)}: ${why}; ${targets.join('; ')}`;
}

/** A value as the notice shows it: quoted text or JSON, cut when long. */
function exampleText(value: Cell | undefined): string {
  if (value === undefined || value === null) return '';
  const raw = typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
  return ` (such as ${raw.length > 120 ? `${raw.slice(0, 119)}…` : raw})`;
}

/**
 * The notice a SELECT prints once (undefined when there is nothing to say): for each parameter
 * whose local terms SQLite compares with a response column, the terms, the method whose rows
 * they filter, an example of the values they meet (`firstValue` reads one from the fetched rows)
 * and how to pass the parameter to the API instead.
 */
export function localFilterNotice(
  steps: readonly FetchStep[],
  text: string,
  firstValue: (step: FetchStep, column: string) => Cell | undefined,
): string | undefined {
  const parts: string[] = [];
  for (const step of steps) {
    const terms = localParamTerms(step);
    const params = [...new Set(terms.flatMap((t) => t.params))].filter(
      (p) => comparedWith(step, p) === 'response',
    );
    for (const param of params) {
      const mine = terms.filter((t) => t.params.includes(param));
      const shown = mine.map((t) => termText(text, t)).join(', ');
      const where = `${step.binding.resource.fqn}.${step.method.name}`;
      const advice = mine.every((t) => t.notTaken)
        ? `${step.method.name} does not take ${param}; SHOW METHODS IN ${step.binding.resource.fqn} lists the methods that do`
        : `to pass ${param} to the API, write ${passItText(param)}`;
      parts.push(
        `${shown} ${mine.length > 1 ? 'are' : 'is'} applied by skyql to the ${param} values ${where} returned${exampleText(firstValue(step, param))}, not passed to the API; ${advice}`,
      );
    }
  }
  // response values and the user's terms reach terminals and wire clients: no control characters
  return parts.length > 0 ? printable(`notice: ${parts.join('; ')}`) : undefined;
}

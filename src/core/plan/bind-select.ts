import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Method, Resource } from '../catalog/model/catalog-types.js';
import type {
  ColumnRef,
  FilterTerm,
  JoinEquality,
  Literal,
  ParamConjunct,
  SelectAnalysis,
  SelectScope,
  TableRef,
} from '../sql/select/select-model.js';

/** A parameter value that comes from another provider table through an ON equality. */
export interface JoinParam {
  readonly param: string;
  readonly equality: JoinEquality;
  /** The side of the equality that names this table. */
  readonly own: ColumnRef;
  /** The other side, naming the source table. */
  readonly source: ColumnRef;
  readonly sourceBinding: TableBinding;
}

/** A provider table reference with everything the WHERE and ON clauses can supply to it. */
export interface TableBinding {
  readonly id: number;
  readonly ref: TableRef;
  readonly scope: SelectScope;
  readonly resource: Resource;
  /** How the query names it: the alias, or the resource name. */
  readonly qualifier: string;
  /** Materialised table name in SQLite. */
  readonly table: string;
  /** Parameter → literal values (several for IN; the intersection when terms repeat), from WHERE conjuncts. */
  readonly literals: Map<string, Literal[]>;
  readonly conjuncts: Map<string, ParamConjunct[]>;
  readonly joins: JoinParam[];
  /** WHERE/ON terms SQLite evaluates that name parameters of this table (`zone LIKE 'us-%'`). */
  readonly filters: ParamFilter[];
}

/** A term no API call can take (LIKE, `<>`, a function, an OR over columns) naming parameters of a table. */
export interface ParamFilter {
  readonly term: FilterTerm;
  /** The table's parameters it names, in order of first mention. */
  readonly params: readonly string[];
}

/** Non-shared parameter names of all SELECT methods of a resource. */
export function selectParamNames(resource: Resource): Set<string> {
  const out = new Set<string>();
  for (const m of resource.verbs.select) for (const p of m.params) if (!p.shared) out.add(p.name);
  return out;
}

/** Parameter names a method consumes (non-shared). */
export function methodParamNames(method: Method): Set<string> {
  return new Set(method.params.filter((p) => !p.shared).map((p) => p.name));
}

/** The values once each (`1` and `'1'` are one value: both are sent as the text 1). */
function distinct(values: readonly Literal[]): Literal[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(String(v)) && seen.add(String(v)) !== undefined);
}

/** Values in both lists: `p = 'a' AND p IN ('a', 'b')` needs one call, `p = 'a' AND p = 'b'` none. */
function intersect(a: readonly Literal[], b: readonly Literal[]): Literal[] {
  const keep = new Set(b.map(String));
  return distinct(a.filter((v) => keep.has(String(v))));
}

/** True when `qualifier` names the table: its alias, or (unaliased) its resource or full name. */
export function namesTable(qualifier: string | undefined, b: TableBinding): boolean {
  if (qualifier === b.qualifier) return true;
  return b.ref.alias === undefined && qualifier === b.ref.parts.join('.');
}

function refersTo(col: ColumnRef, b: TableBinding, scopeSize: number, params: Set<string>): boolean {
  if (col.qualifier !== undefined) return namesTable(col.qualifier, b);
  return scopeSize === 1 || params.has(col.column);
}

/** Two tables of one FROM answer to the same name: SQLite would pick either silently. */
function duplicateName(a: TableBinding, b: TableBinding): SkyqlError {
  const both =
    a.resource.fqn === b.resource.fqn
      ? `${a.resource.fqn} appears twice`
      : `${a.resource.fqn} and ${b.resource.fqn} are both`;
  return new SkyqlError('AMBIGUOUS_TABLE', `${both} called '${b.qualifier}' in one FROM clause`, {
    hint: `give each an alias, e.g. FROM ${a.resource.fqn} a, ${b.resource.fqn} b`,
  });
}

/**
 * Binds every provider table of the analysed statement: assigns WHERE conjuncts (qualified by its
 * alias, or unqualified when it is the only table or the column is one of its parameters) and ON
 * equalities with another provider table in the same scope whose column is one of its parameters.
 */
export function bindSelect(
  analysis: SelectAnalysis,
  resources: ReadonlyMap<TableRef, Resource>,
): TableBinding[] {
  const bindings: TableBinding[] = [];
  for (const scope of analysis.scopes) {
    const scoped: TableBinding[] = [];
    for (const ref of scope.from) {
      const resource = resources.get(ref);
      if (ref.kind !== 'provider' || !resource) continue;
      const id = bindings.length + 1;
      const b: TableBinding = {
        id,
        ref,
        scope,
        resource,
        qualifier: ref.alias ?? resource.name,
        table: `__skyql_${id}`,
        literals: new Map(),
        conjuncts: new Map(),
        joins: [],
        filters: [],
      };
      const clash = scoped.find((o) => o.qualifier === b.qualifier);
      if (clash) throw duplicateName(clash, b);
      bindings.push(b);
      scoped.push(b);
    }
    for (const b of scoped) {
      const params = selectParamNames(b.resource);
      for (const c of scope.conjuncts) {
        if (!params.has(c.column.column) || !refersTo(c.column, b, scope.from.length, params)) continue;
        const seen = b.literals.get(c.column.column);
        b.literals.set(c.column.column, seen ? intersect(seen, c.values) : distinct(c.values));
        b.conjuncts.set(c.column.column, [...(b.conjuncts.get(c.column.column) ?? []), c]);
      }
      for (const term of scope.filters) {
        const refs = term.columns.filter(
          (c) => params.has(c.column) && refersTo(c, b, scope.from.length, params),
        );
        if (refs.length > 0) b.filters.push({ term, params: [...new Set(refs.map((c) => c.column))] });
      }
      for (const eq of scope.joinEqualities) {
        for (const [own, source] of [
          [eq.left, eq.right],
          [eq.right, eq.left],
        ] as const) {
          if (!namesTable(own.qualifier, b) || !params.has(own.column) || b.literals.has(own.column))
            continue;
          const sourceBinding = scoped.find((o) => o !== b && namesTable(source.qualifier, o));
          if (sourceBinding) b.joins.push({ param: own.column, equality: eq, own, source, sourceBinding });
        }
      }
    }
  }
  return bindings;
}

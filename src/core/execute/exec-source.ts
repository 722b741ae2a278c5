import { SkyqlError } from '../../base/errors/skyql-error.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Method, Resource } from '../catalog/model/catalog-types.js';
import { type CallValues, checkParamNames, coerceBooleans } from '../plan/plan-mutation.js';
import type { ExecStatement } from '../sql/ast/mutation-statement.js';
import { parseStatement } from '../sql/parser/parse-statement.js';
import type { TextEdit } from '../sql/select/apply-edits.js';
import type { Literal, SelectAnalysis, TableRef } from '../sql/select/select-model.js';
import type { LocalRead, SqliteStore } from '../store/sqlite-store.js';
import { quoteIdent } from '../store/sqlite-store.js';
import type { TableLoader } from '../store/table-loader.js';
import { execMethod } from './mutation/execute-mutation.js';
import { returningResult } from './mutation/returning-result.js';
import { execValues } from './mutation/statement-values.js';
import { type RowSource, streamRows } from './row-source.js';
import { columnType, toCell, visibleColumns } from './table-columns.js';

/**
 * `FROM (EXEC p.s.r.m @k = 'v', ...) t` (StackQL's EXEC subquery): the method is called once and
 * the rows under its objectKey — as a SELECT of that method would extract them, pages included —
 * become a table the rest of the query reads like any other.
 */
export interface ExecSource {
  readonly ref: TableRef;
  readonly stmt: ExecStatement;
  readonly resource: Resource;
  readonly method: Method;
  /** Materialised table name in SQLite. */
  readonly table: string;
}

/** The EXEC text parsed where it stands (offsets and error positions are the statement's own). */
function parseExecAt(text: string, start: number, end: number): ExecStatement {
  const padded = text.slice(0, start).replace(/[^\n]/g, ' ') + text.slice(start, end);
  const stmt = parseStatement(padded);
  if (stmt.kind !== 'exec') throw new SkyqlError('INTERNAL', 'an (EXEC ...) subquery did not parse as EXEC');
  if (stmt.hints.includes('AWAIT'))
    throw new SkyqlError('UNSUPPORTED_STATEMENT', 'AWAIT is not supported in an EXEC subquery', {
      hint: 'run the EXEC /*+ AWAIT */ on its own, then query the resource',
    });
  return stmt;
}

/** Every `(EXEC ...)` of the analysed statement, its method resolved and its argument names checked. */
export async function planExecSources(
  catalog: Catalog,
  text: string,
  analysis: SelectAnalysis,
): Promise<ExecSource[]> {
  const out: ExecSource[] = [];
  for (const scope of analysis.scopes) {
    for (const ref of scope.from) {
      if (!ref.exec) continue;
      const stmt = parseExecAt(text, ref.exec.start, ref.exec.end);
      const [p, s, r, name] = stmt.target.parts;
      const resource = await catalog.resource(p, s, r);
      const method = execMethod(resource, name);
      checkParamNames(
        method,
        stmt.args.map((a) => a.name),
      );
      out.push({ ref, stmt, resource, method, table: `__skyql_exec_${out.length + 1}` });
    }
  }
  return out;
}

/** `(EXEC ...)` → its table; other edits inside the EXEC text are dropped (it is not SQL for SQLite). */
export function withExecEdits(sources: readonly ExecSource[], edits: readonly TextEdit[]): TextEdit[] {
  const spans = sources.map((s) => ({ start: s.ref.nameStart, end: s.ref.nameEnd }));
  const outside = edits.filter((e) => !spans.some((s) => e.start < s.end && s.start < e.end));
  return [
    ...outside,
    ...sources.map((s) => ({ start: s.ref.nameStart, end: s.ref.nameEnd, text: quoteIdent(s.table) })),
  ];
}

/** EXEC argument values as call parameters: NULLs left out, 1/0 as booleans where the method wants one. */
export function execParams(method: Method, values: ReadonlyMap<string, unknown>): Map<string, Literal> {
  const params = new Map<string, Literal>();
  for (const [k, v] of coerceBooleans(method, new Map(values) as CallValues)) {
    if (v === null || v === undefined) continue;
    params.set(k, typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
  }
  return params;
}

/** What fetching an EXEC source needs from the SELECT's context. */
export interface ExecFetchContext {
  readonly store: SqliteStore;
  readonly source: RowSource;
  readonly read: LocalRead;
  readonly signal?: AbortSignal;
}

/**
 * Calls the method of an EXEC source (arguments that are not plain literals are evaluated by
 * SQLite first; `@@json` is the body) and loads its rows into the source's table, page by page
 * when the method declares its response columns (else the columns come from the rows returned,
 * so they are collected first). Never cached.
 */
export async function fetchExecSource(src: ExecSource, ctx: ExecFetchContext): Promise<void> {
  const evaluate = async (exprs: readonly string[]) =>
    (await ctx.read(`SELECT ${exprs.join(', ')}`, ctx.signal)).rows[0];
  const { values, body } = await execValues({ evaluate }, src.stmt);
  const params = execParams(src.method, values);
  const extras = { body, fresh: true };
  const declared = visibleColumns(src.method);
  if (declared.length === 0) {
    const rows = await ctx.source.fetch(src.method, params, ctx.signal, extras);
    const columns = returningResult(rows, { star: true, columns: [] }).columns;
    ctx.store.load(
      src.table,
      columns,
      rows.map((row) => columns.map((c) => toCell(row[c.name], c.type))),
    );
    return;
  }
  const columns = declared.map((c) => ({ name: c.name, type: columnType(c.type) }));
  const loader: TableLoader = await ctx.store.openLoader(src.table, columns);
  try {
    await streamRows(
      ctx.source,
      src.method,
      params,
      (page) =>
        loader.append(
          0,
          page.map((row) => columns.map((c) => toCell(row[c.name], c.type))),
        ),
      ctx.signal,
      extras,
    );
  } finally {
    await loader.close();
  }
}

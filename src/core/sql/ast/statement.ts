import type { DescribeMethodStatement, DescribeStatement } from './describe-statement.js';
import type {
  DeleteStatement,
  ExecStatement,
  InsertStatement,
  UpdateStatement,
} from './mutation-statement.js';
import type { OtherStatement } from './other-statement.js';
import type { RegistryListStatement, RegistryPullStatement } from './registry-statement.js';
import type {
  ShowInsertStatement,
  ShowStatement,
  ShowTransactionIsolationStatement,
  ShowVersionStatement,
} from './show-statement.js';
import type { StatementBase } from './statement-base.js';

export type { DescribeMethodStatement, DescribeStatement } from './describe-statement.js';
export type {
  DeleteStatement,
  ExecArg,
  ExecStatement,
  InsertSource,
  InsertStatement,
  LiteralValue,
  MutationHint,
  MutationStatement,
  ReturningClause,
  SetItem,
  UpdateStatement,
  ValueExpr,
  WhereParam,
} from './mutation-statement.js';
export {
  OTHER_VERBS,
  type OtherStatement,
  type OtherVerb,
  QUERY_AND_LOCAL_VERBS,
  UNSUPPORTED_VERBS,
} from './other-statement.js';
export { formatQualifiedName, type QualifiedName } from './qualified-name.js';
export type { RegistryListStatement, RegistryPullStatement } from './registry-statement.js';
export type {
  ShowInsertStatement,
  ShowObject,
  ShowStatement,
  ShowTransactionIsolationStatement,
  ShowVersionStatement,
} from './show-statement.js';
export type { SqlFragment } from './sql-fragment.js';
export type { StatementBase } from './statement-base.js';

/** `EXPLAIN <statement>`: the plan of the statement, which is not run. */
export interface ExplainStatement extends StatementBase {
  readonly kind: 'explain';
  readonly statement: Statement;
}

/** Any parsed statement; narrow on `kind`. */
export type Statement =
  | ShowStatement
  | ShowVersionStatement
  | ShowInsertStatement
  | ShowTransactionIsolationStatement
  | DescribeStatement
  | DescribeMethodStatement
  | RegistryListStatement
  | RegistryPullStatement
  | InsertStatement
  | UpdateStatement
  | DeleteStatement
  | ExecStatement
  | ExplainStatement
  | OtherStatement;

/** The `kind` of any statement. */
export type StatementKind = Statement['kind'];

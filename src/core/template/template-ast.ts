/** Parsed templates: the Go text/template language as skyql renders it (see template-render.ts). */

/** Where something is in the template source (1-based). */
export interface TemplatePos {
  readonly line: number;
  readonly column: number;
}

/** One step of a path: a field (`.name`) or an index (`[0]`, a skyql extension StackQL's templates use). */
export type PathStep = string | number;

/**
 * A value reference: `.a.b[0]` (from the dot), `$.a` (from the root), `$x.a` (a variable), or a
 * bare `a.b` (from the dot, else the root: the provider docs' style, not Go's).
 */
export interface PathExpr {
  readonly kind: 'path';
  readonly from: 'dot' | 'root' | 'bare' | 'var';
  /** The variable's name for `from: 'var'` (`x` for `$x`). */
  readonly name?: string;
  readonly steps: readonly PathStep[];
  /** As written, for messages. */
  readonly text: string;
  readonly pos: TemplatePos;
}

/** A constant: `"text"`, `` `raw` ``, `'c'` (a number, as in Go), `12`, `1.5`, `true`, `false`, `nil`. */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly pos: TemplatePos;
}

/** A function name in command position (`printf`, `eq`…). */
export interface FuncExpr {
  readonly kind: 'func';
  readonly name: string;
  readonly pos: TemplatePos;
}

/** `(pipeline)`, optionally followed by fields: `(index .items 0).name`. */
export interface SubExpr {
  readonly kind: 'sub';
  readonly pipeline: Pipeline;
  readonly steps: readonly PathStep[];
  readonly pos: TemplatePos;
}

export type Operand = PathExpr | LiteralExpr | FuncExpr | SubExpr;

/** One command of a pipeline: a function and its arguments, or a single value. */
export interface Command {
  readonly args: readonly Operand[];
  readonly pos: TemplatePos;
}

/**
 * `[$x :=] command | command ...`: each command's result is the last argument of the next. A
 * declaration (`:=`) starts a variable's scope (to the end of the enclosing block); `=` assigns.
 */
export interface Pipeline {
  readonly decl?: { readonly names: readonly string[]; readonly assign: boolean };
  readonly commands: readonly Command[];
  readonly pos: TemplatePos;
}

/** A `{{ if }}`/`{{ else if }}` (or `with`/`else with`) branch. */
export interface Branch {
  readonly cond: Pipeline;
  readonly body: readonly TemplateNode[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly pipeline: Pipeline }
  | {
      readonly kind: 'if' | 'with';
      readonly branches: readonly Branch[];
      readonly otherwise: readonly TemplateNode[];
    }
  | {
      readonly kind: 'range';
      readonly pipeline: Pipeline;
      readonly body: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
    }
  | { readonly kind: 'break' | 'continue'; readonly pos: TemplatePos };

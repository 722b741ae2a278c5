/** Parsed templates (the Go text/template subset skyql renders; see go-template.ts). */

/** Where something is in the template source (1-based). */
export interface TemplatePos {
  readonly line: number;
  readonly column: number;
}

/**
 * A value reference: `.a.b[0]` (from the dot), `$.a` (from the root), `$x.a` (a range variable), or
 * a bare `a.b` (from the dot, else the root).
 */
export interface PathExpr {
  readonly kind: 'path';
  readonly from: 'dot' | 'root' | 'bare' | 'var';
  /** The variable's name for `from: 'var'` (`x` for `$x`). */
  readonly name?: string;
  readonly steps: readonly (string | number)[];
  /** As written, for messages. */
  readonly text: string;
  readonly pos: TemplatePos;
}

/** A literal: `"text"`, `12`, `true`, `false`, `nil`. */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}

export type TemplateExpr = PathExpr | LiteralExpr;

/** A `{{ if }}`/`{{ else if }}` branch. */
export interface Branch {
  readonly cond: TemplateExpr;
  readonly body: readonly TemplateNode[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly expr: TemplateExpr }
  | { readonly kind: 'if'; readonly branches: readonly Branch[]; readonly otherwise: readonly TemplateNode[] }
  | {
      readonly kind: 'range' | 'with';
      readonly expr: TemplateExpr;
      /** `range $i, $v := ...`: the names bound to the index (or key) and the element. */
      readonly indexVar?: string;
      readonly valueVar?: string;
      readonly body: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
    };

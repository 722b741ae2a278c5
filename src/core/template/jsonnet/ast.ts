/**
 * The Jsonnet syntax tree. Sugar is removed by the parser where that is a local rewrite (methods,
 * `local f(x) =`, `a[b:c]`, `e {}`, `!=`, `%`, `in`); what needs context at run time (self, super,
 * `+:` fields, comprehensions) stays as its own node. Nodes are plain objects discriminated by `k`.
 */

/** A source position: file name, 1-based line and column. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** `:` (inherit), `::` (hidden), `:::` (forced visible). */
export type Visibility = 'inherit' | 'hidden' | 'visible';

export interface Param {
  readonly name: string;
  readonly def: Node | null;
}

export interface Bind {
  readonly name: string;
  readonly body: Node;
}

export interface Field {
  /** A string literal for `a:`/`'a':`, any expression for `[e]:`. */
  readonly name: Node;
  readonly hide: Visibility;
  /** `a+: e`: the field adds to the inherited value. */
  readonly plus: boolean;
  readonly body: Node;
  readonly loc: Loc;
}

/** `for x in e` or `if e` in a comprehension. */
export type CompSpec =
  | { readonly k: 'for'; readonly name: string; readonly expr: Node }
  | { readonly k: 'if'; readonly cond: Node };

export type BinaryOp =
  | '*'
  | '/'
  | '%'
  | '+'
  | '-'
  | '<<'
  | '>>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!='
  | 'in'
  | '&'
  | '^'
  | '|'
  | '&&'
  | '||';

export type UnaryOp = '-' | '+' | '!' | '~';

export type Node =
  | { readonly k: 'lit'; readonly v: null | boolean | number | string; readonly loc: Loc }
  | { readonly k: 'self'; readonly loc: Loc }
  | { readonly k: 'dollar'; readonly loc: Loc }
  | { readonly k: 'var'; readonly name: string; readonly loc: Loc }
  | { readonly k: 'array'; readonly elems: readonly Node[]; readonly loc: Loc }
  | {
      readonly k: 'object';
      readonly fields: readonly Field[];
      readonly asserts: readonly Assert[];
      readonly locals: readonly Bind[];
      readonly loc: Loc;
    }
  | {
      readonly k: 'objcomp';
      readonly locals: readonly Bind[];
      readonly key: Node;
      readonly value: Node;
      readonly plus: boolean;
      readonly specs: readonly CompSpec[];
      readonly loc: Loc;
    }
  | { readonly k: 'arrcomp'; readonly body: Node; readonly specs: readonly CompSpec[]; readonly loc: Loc }
  | { readonly k: 'index'; readonly target: Node; readonly index: Node; readonly loc: Loc }
  | { readonly k: 'superIndex'; readonly index: Node; readonly loc: Loc }
  | { readonly k: 'inSuper'; readonly key: Node; readonly loc: Loc }
  | {
      readonly k: 'apply';
      readonly fn: Node;
      readonly args: readonly Node[];
      readonly named: readonly Bind[];
      readonly tailstrict: boolean;
      readonly loc: Loc;
    }
  | { readonly k: 'function'; readonly params: readonly Param[]; readonly body: Node; readonly loc: Loc }
  | { readonly k: 'local'; readonly binds: readonly Bind[]; readonly body: Node; readonly loc: Loc }
  | {
      readonly k: 'if';
      readonly cond: Node;
      readonly then: Node;
      readonly else: Node | null;
      readonly loc: Loc;
    }
  | {
      readonly k: 'binary';
      readonly op: BinaryOp;
      readonly left: Node;
      readonly right: Node;
      readonly loc: Loc;
    }
  | { readonly k: 'unary'; readonly op: UnaryOp; readonly expr: Node; readonly loc: Loc }
  | { readonly k: 'error'; readonly expr: Node; readonly loc: Loc }
  | { readonly k: 'assert'; readonly assert: Assert; readonly rest: Node; readonly loc: Loc }
  | {
      readonly k: 'import';
      readonly kind: 'import' | 'importstr' | 'importbin';
      readonly path: string;
      readonly loc: Loc;
    };

/** `assert cond : msg` (in an object or before an expression). */
export interface Assert {
  readonly cond: Node;
  readonly msg: Node | null;
  readonly loc: Loc;
}

export type NodeOf<K extends Node['k']> = Extract<Node, { k: K }>;

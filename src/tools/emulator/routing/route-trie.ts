import {
  matchPathTemplate,
  segmentValue,
  type TemplateSegment,
} from '../../../core/catalog/path-template.js';
import { getOrCreate } from '../state/state-store.js';

/** What a trie leaf stores: anything with the template segments it was inserted with. */
export interface TrieRoute {
  readonly segments: readonly TemplateSegment[];
}

interface PatternEdge<R> {
  readonly seg: TemplateSegment & { kind: 'pattern' };
  readonly node: TrieNode<R>;
}

class TrieNode<R> {
  readonly literals = new Map<string, TrieNode<R>>();
  readonly patterns: PatternEdge<R>[] = [];
  wildcard: TrieNode<R> | undefined;
  /** Routes ending here, by HTTP method. */
  readonly routes = new Map<string, R>();
}

/** The outcome of a lookup: the route and its variables, or only the fact that the path exists. */
export type TrieMatch<R> =
  | { readonly route: R; readonly vars: Readonly<Record<string, string>> }
  | { readonly route: undefined; readonly pathExists: boolean };

/**
 * A segment trie over path templates, one leaf per template with routes keyed by HTTP method.
 * Lookup prefers literal segments, then `{x}:verb`-style patterns (longest literal part first), then
 * plain variables, backtracking when a branch dead-ends. Each template segment takes one request
 * segment: the documents' only multi-segment variables (bigquery's `{+datasetId}`) hold plain ids.
 */
export class RouteTrie<R extends TrieRoute> {
  private readonly root = new TrieNode<R>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a route; the first route for a template and method wins. */
  insert(method: string, route: R): boolean {
    let node = this.root;
    for (const seg of route.segments) {
      if (seg.kind === 'literal') {
        node = getOrCreate(node.literals, seg.text, () => new TrieNode<R>());
      } else if (seg.kind === 'var') {
        node.wildcard ??= new TrieNode<R>();
        node = node.wildcard;
      } else {
        let edge = node.patterns.find((e) => e.seg.source === seg.source);
        if (!edge) {
          edge = { seg, node: new TrieNode<R>() };
          node.patterns.push(edge);
          node.patterns.sort(
            (a, b) => b.seg.prefix.length + b.seg.suffix.length - (a.seg.prefix.length + a.seg.suffix.length),
          );
        }
        node = edge.node;
      }
    }
    if (node.routes.has(method)) return false;
    node.routes.set(method, route);
    this.count++;
    return true;
  }

  /** Finds the route for `method` and the decoded request segments. */
  match(method: string, segments: readonly string[]): TrieMatch<R> {
    let pathExists = false;
    const walk = (node: TrieNode<R>, i: number): R | undefined => {
      if (i === segments.length) {
        if (node.routes.size > 0) pathExists = true;
        return node.routes.get(method);
      }
      const text = segments[i];
      const lit = node.literals.get(text);
      if (lit) {
        const r = walk(lit, i + 1);
        if (r) return r;
      }
      for (const edge of node.patterns) {
        if (segmentValue(edge.seg, text) !== undefined) {
          const r = walk(edge.node, i + 1);
          if (r) return r;
        }
      }
      if (node.wildcard && text !== '') return walk(node.wildcard, i + 1);
      return undefined;
    };
    const route = walk(this.root, 0);
    if (!route) return { route: undefined, pathExists };
    return { route, vars: matchPathTemplate(route.segments, segments) ?? {} };
  }
}

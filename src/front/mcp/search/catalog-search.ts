import type { Catalog } from '../../../core/catalog/catalog.js';
import { buildCatalogIndex } from './catalog-index.js';
import { type EntryKind, type IndexEntry, stem } from './index-entry.js';
import { SYNONYM_WEIGHT, synonymsOf } from './synonyms.js';

/** One ranked hit of search_catalog. */
export interface SearchHit {
  readonly kind: EntryKind;
  readonly fqn: string;
  readonly summary: string;
  readonly score: number;
}

/** Fields rank below services, resources and methods that match as well; nested fields lower still. */
const KIND_WEIGHT: Readonly<Record<EntryKind, number>> = { service: 1, resource: 1, method: 0.8, field: 0.7 };
const NESTED_WEIGHT = 0.85;

/**
 * search_catalog's index: built from the installed providers on the first search, then kept (it is
 * rebuilt only when a provider is pulled). Ranking: a whole-name match beats a prefix, which beats a
 * word of the name, which beats a word elsewhere in the path or the description; every query word
 * must match somewhere.
 */
export class CatalogSearch {
  private index: Promise<IndexEntry[]> | undefined;

  /** Drops the index (after REGISTRY PULL), so the next search sees the new provider. */
  invalidate(): void {
    this.index = undefined;
  }

  /** True once the index is built (server_info reports it). */
  async size(): Promise<number | undefined> {
    return this.index ? (await this.index).length : undefined;
  }

  async search(
    catalog: Catalog,
    query: string,
    limit: number,
    kinds?: readonly EntryKind[],
  ): Promise<SearchHit[]> {
    this.index ??= buildCatalogIndex(catalog);
    this.index.catch(() => (this.index = undefined));
    const entries = await this.index;
    const terms = query
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t.length > 0)
      .map((text) => ({ own: queryTerm(text), synonyms: synonymsOf(text).map(queryTerm) }));
    if (terms.length === 0) return [];
    const hits: SearchHit[] = [];
    const wants = (kind: EntryKind) => !kinds || kinds.includes(kind);
    let open: OpenResource | undefined;
    const flush = () => {
      if (open && wants('resource')) {
        const score = resourceScore(open);
        if (score > 0) hits.push(hitOf(open.entry, score));
      }
      open = undefined;
    };
    for (const e of entries) {
      const scores = terms.map((t) => matchScore(e, t));
      if (e.kind === 'resource') {
        flush();
        open = { entry: e, own: scores, fields: scores.map(() => 0) };
        continue;
      }
      if (open && e.kind === 'field' && e.fqn.startsWith(`${open.entry.fqn}.`))
        scores.forEach((v, i) => {
          if (open && v > open.fields[i]) open.fields[i] = v;
        });
      if (wants(e.kind) && scores.every((v) => v > 0))
        hits.push(
          hitOf(
            e,
            scores.reduce((a, b) => a + b, 0),
          ),
        );
    }
    flush();
    hits.sort((a, b) => b.score - a.score || a.fqn.length - b.fqn.length || (a.fqn < b.fqn ? -1 : 1));
    return hits.slice(0, limit);
  }
}

type QueryTerm = { text: string; stem: string; probe: string };

/** A resource while its fields are scanned: each query word's score on itself and on its best field. */
interface OpenResource {
  readonly entry: IndexEntry;
  readonly own: readonly number[];
  readonly fields: number[];
}

/** What a field's match of a word adds to its resource (the resource's own name counts in full). */
const FIELD_SHARE = 0.8;

/**
 * A resource matches when every query word but at most one matches the resource itself and that
 * one matches one of its response fields: "public bucket" finds google.storage.buckets (bucket in
 * its name, public in publicAccessPrevention), ranked above the single fields that match both
 * words. Words found only in fields would otherwise make every resource with a matching field a
 * hit: "firewall source ranges" stays the field google.compute.firewalls.sourceRanges.
 */
function resourceScore(r: OpenResource): number {
  if (r.own.length > 1 && r.own.filter((v) => v === 0).length > 1) return 0;
  if (r.own.length === 1 && r.own[0] === 0) return 0;
  let score = 0;
  for (let i = 0; i < r.own.length; i++) {
    const v = Math.max(r.own[i], r.fields[i] * FIELD_SHARE);
    if (v === 0) return 0;
    score += v;
  }
  return score;
}

function hitOf(e: IndexEntry, score: number): SearchHit {
  return {
    kind: e.kind,
    fqn: e.fqn,
    summary: e.summary,
    score: Math.round(score * KIND_WEIGHT[e.kind] * (e.nested ? NESTED_WEIGHT : 1) * 10) / 10,
  };
}

function queryTerm(text: string): QueryTerm {
  const s = stem(text);
  return { text, stem: s, probe: s.length > 3 ? s.slice(0, -1) : s };
}

/** A query word's score on an entry: the word's own match, else its best synonym's, weighted. */
function matchScore(e: IndexEntry, term: { own: QueryTerm; synonyms: readonly QueryTerm[] }): number {
  const own = termScore(e, term.own);
  if (own > 0 || term.synonyms.length === 0) return own;
  return Math.max(0, ...term.synonyms.map((t) => termScore(e, t) * SYNONYM_WEIGHT));
}

function termScore(e: IndexEntry, term: QueryTerm): number {
  const t = term.text;
  // every match below needs the term (or most of its stem) inside the path, else the summary
  if (!e.path.includes(term.probe)) return e.summaryLower.includes(t) ? 3 : 0;
  if (t.includes('.')) {
    if (e.path === t || e.path.endsWith(`.${t}`)) return 120;
    if (e.path.includes(t)) return 50;
    return 0;
  }
  if (e.name === t) return 100;
  if (e.nameStems.length === 1 && e.nameStems[0] === term.stem) return 90;
  if (e.name.startsWith(t)) return 60;
  if (e.nameStems.includes(term.stem) || e.name.endsWith(`_${t}`)) return 45;
  if (e.stems.includes(term.stem)) return 30;
  if (e.words.some((w) => w.startsWith(t))) return 20;
  if (e.name.includes(t)) return 15;
  if (e.summaryLower.includes(t)) return 3;
  return 0;
}

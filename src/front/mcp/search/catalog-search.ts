import type { Catalog } from '../../../core/catalog/catalog.js';
import { buildCatalogIndex } from './catalog-index.js';
import { type EntryKind, type IndexEntry, stem } from './index-entry.js';

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
      .map((text) => {
        const s = stem(text);
        return { text, stem: s, probe: s.length > 3 ? s.slice(0, -1) : s };
      });
    if (terms.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const e of entries) {
      if (kinds && !kinds.includes(e.kind)) continue;
      let score = 0;
      for (const term of terms) {
        const s = termScore(e, term);
        if (s === 0) {
          score = 0;
          break;
        }
        score += s;
      }
      if (score > 0)
        hits.push({
          kind: e.kind,
          fqn: e.fqn,
          summary: e.summary,
          score: Math.round(score * KIND_WEIGHT[e.kind] * (e.nested ? NESTED_WEIGHT : 1) * 10) / 10,
        });
    }
    hits.sort((a, b) => b.score - a.score || a.fqn.length - b.fqn.length || (a.fqn < b.fqn ? -1 : 1));
    return hits.slice(0, limit);
  }
}

function termScore(e: IndexEntry, term: { text: string; stem: string; probe: string }): number {
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
  if (e.nameStems.includes(term.stem)) return 45;
  if (e.stems.includes(term.stem)) return 30;
  if (e.words.some((w) => w.startsWith(t))) return 20;
  if (e.name.includes(t)) return 15;
  if (e.summaryLower.includes(t)) return 3;
  return 0;
}

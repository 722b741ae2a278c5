/** search_catalog's entries: a name, its words and stems, computed once per entry. */

/** What an index entry names. */
export type EntryKind = 'service' | 'resource' | 'method' | 'field';

/** One searchable name: a service, resource, method or response field (nested fields dotted). */
export interface IndexEntry {
  readonly kind: EntryKind;
  /** `google.compute`, `google.compute.firewalls`, `google.compute.firewalls.list`, `google.compute.firewalls.sourceRanges`. */
  readonly fqn: string;
  /** The last part, lower-cased, for exact and prefix matches. */
  readonly name: string;
  /** Words of the whole path (camelCase and snake_case split), lower-cased. */
  readonly words: readonly string[];
  /** Stems ({@link stem}) of the words of the last part. */
  readonly nameStems: readonly string[];
  /** Stems of every word of the path. */
  readonly stems: readonly string[];
  /** A field below another field (`firewalls.allowed.IPProtocol`): ranks below top-level fields. */
  readonly nested: boolean;
  /** The fqn lower-cased, for dotted queries. */
  readonly path: string;
  /** First sentence of the description, for the answer (and the weakest match). */
  readonly summary: string;
  readonly summaryLower: string;
}

/** Words of a dotted path's parent part, shared by the thousands of entries below it. */
const parentWords = new Map<string, readonly string[]>();
/** Stems of words seen so far (the vocabulary is small). */
const stems = new Map<string, string>();

/** An entry with its derived words and stems. */
export function entry(kind: EntryKind, fqn: string, description: string, nested = false): IndexEntry {
  const dot = fqn.lastIndexOf('.');
  const last = fqn.slice(dot + 1);
  const parent = dot > 0 ? fqn.slice(0, dot) : '';
  let above = parentWords.get(parent);
  if (!above) {
    above = splitWords(parent);
    parentWords.set(parent, above);
  }
  const own = splitWords(last);
  const words = [...new Set([...above, ...own])];
  const summary = firstSentence(description);
  return {
    kind,
    fqn,
    name: last.toLowerCase(),
    words,
    nameStems: own.map(stemOf),
    stems: words.map(stemOf),
    nested,
    path: fqn.toLowerCase(),
    summary,
    summaryLower: summary.toLowerCase(),
  };
}

function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

/** A crude English stem so singular and plural meet: policies → policy, buckets → bucket, addresses → address. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `google.compute.firewalls.sourceRanges` → google, compute, firewalls, sourceranges, source, ranges. */
export function splitWords(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/[.\s/_-]+/)) {
    if (!part) continue;
    out.add(part.toLowerCase());
    for (const w of part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
      if (w) out.add(w.toLowerCase());
  }
  return [...out];
}

/** The first sentence, at most 160 characters (only the head of a long description is looked at). */
function firstSentence(text: string): string {
  const t = text.slice(0, 400).replace(/\s+/g, ' ').trim();
  const end = t.search(/\.(\s|$)/);
  const s = end >= 0 ? t.slice(0, end + 1) : t;
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

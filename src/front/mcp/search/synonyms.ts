/**
 * A few words agents use for what the documents name otherwise: "public" access is granted in IAM
 * policies (to `allUsers` / `allAuthenticatedUsers`), which the documents never call public. A
 * synonym match counts for less than the word itself.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  public: ['iam_policies'],
  allusers: ['iam_policies'],
  allauthenticatedusers: ['iam_policies'],
};

/** What a synonym's match is worth against the word's own. */
export const SYNONYM_WEIGHT = 0.6;

/** The other words a query word also matches, lower-cased. */
export function synonymsOf(word: string): readonly string[] {
  return SYNONYMS[word] ?? [];
}

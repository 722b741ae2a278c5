/**
 * The results of a pure function of a text, for the last few texts. A statement's text goes
 * through several stages that each need its tokens or its analysis (split, parse, view expansion,
 * planning, the column list, the store's guard); computing them once per text matters for large
 * statements (a 1 MiB one is a million tokens), where each pass cost most of a second.
 *
 * A result for a text of `strongBelow` characters or more is held through a WeakRef: it serves the
 * stages of one statement, and the memory goes back once nothing else holds it. Callers must treat
 * results as immutable, since later callers get the same object.
 */
export class TextMemo<T extends object> {
  private readonly entries: Array<{ text: string; variant: string; value: T | WeakRef<T> }> = [];

  constructor(
    private readonly size = 4,
    private readonly strongBelow = 16 * 1024,
  ) {}

  /** The result remembered for `text` (and `variant`: the function's other inputs), if any. */
  get(text: string, variant = ''): T | undefined {
    for (const e of this.entries) {
      // lengths first: texts of different lengths are never compared character by character
      if (e.text.length !== text.length || e.variant !== variant || e.text !== text) continue;
      return e.value instanceof WeakRef ? e.value.deref() : e.value;
    }
    return undefined;
  }

  /** Remembers `value` for `text`, forgetting the oldest entry past `size`. */
  set(text: string, variant: string, value: T): T {
    const at = this.entries.findIndex((e) => e.text === text && e.variant === variant);
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.unshift({
      text,
      variant,
      value: text.length >= this.strongBelow ? new WeakRef(value) : value,
    });
    if (this.entries.length > this.size) this.entries.length = this.size;
    return value;
  }

  /** `compute(text)` once per text while remembered. */
  through(text: string, variant: string, compute: () => T): T {
    return this.get(text, variant) ?? this.set(text, variant, compute());
  }
}

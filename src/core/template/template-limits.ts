/**
 * Bounds on what one exec template may cost: a short template can otherwise ask for gigabytes
 * (`{{ range 100000000 }}`, `printf "%.999999999f"`) or nest until the stack overflows. Past a
 * bound rendering fails as TEMPLATE_ERROR at the position, like any other template mistake.
 */

/** Blocks (`if`, `with`, `range`) and parentheses nested at most this deep (as SQL_TOO_DEEP for SQL). */
export const MAX_TEMPLATE_DEPTH = 200;

/** Characters of rendered text at most, and of any one function result (64 MB of ASCII). */
export const MAX_TEMPLATE_OUTPUT = 64 * 1024 * 1024;

/** `range` iterations over the whole template at most (nested ranges count each inner pass). */
export const MAX_RANGE_ITERATIONS = 1_000_000;

/** printf widths and precisions at most (`%*d`, `%.999999999f`). */
export const MAX_PRINTF_WIDTH = 10_000;

/** A bound passed inside a function (printf); the renderer adds the position. */
export class TemplateLimitError extends Error {}

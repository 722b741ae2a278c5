import { formatFloat } from './go-float.js';
import {
  canBackquote,
  goQuote,
  goQuoteRune,
  goTypeName,
  isInt,
  isObject,
  present,
  sortedKeys,
  utf8,
} from './go-values.js';
import { MAX_PRINTF_WIDTH, TemplateLimitError } from './template-limits.js';

/**
 * Go's fmt.Sprintf, Sprint and Sprintln over template data: verbs %v %s %q %d %t %f %F %e %E %g
 * %G %x %X %o %O %b %c %U %T %%, the flags + - # space 0, widths and precisions (also `*`), Go's
 * `%!verb(type=value)` for a verb that does not fit, `%!d(MISSING)` and `%!(EXTRA ...)`.
 */

interface Spec {
  readonly plus: boolean;
  readonly minus: boolean;
  readonly sharp: boolean;
  readonly space: boolean;
  readonly zero: boolean;
  readonly width: number | undefined;
  readonly prec: number | undefined;
}

const PLAIN: Spec = {
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  width: undefined,
  prec: undefined,
};

/** Pads to the width in characters (runes); zeros go after a sign. */
function pad(s: string, spec: Spec, numeric = false): string {
  // runes are counted only when they may be fewer than the width (each takes 1 or 2 UTF-16 units):
  // spreading a 64 MB string into runes for every %s took seconds
  if (spec.width === undefined || s.length >= 2 * spec.width) return s;
  const len = [...s].length;
  if (len >= spec.width) return s;
  const fill = spec.width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (!spec.zero) return ' '.repeat(fill) + s;
  if (numeric && /^[+\- ]/.test(s)) return s[0] + '0'.repeat(fill) + s.slice(1);
  return '0'.repeat(fill) + s;
}

function sign(neg: boolean, spec: Spec): string {
  return neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

function badVerb(verb: string, v: unknown): string {
  const value = present(v);
  return value === null
    ? `%!${verb}(<nil>)`
    : `%!${verb}(${goTypeName(value)}=${formatValue(value, 'v', PLAIN)})`;
}

function formatInt(n: number, verb: string, spec: Spec): string {
  const neg = n < 0;
  const abs = BigInt(Math.abs(n));
  if (verb === 'c') return pad(String.fromCodePoint(Number(abs)), spec);
  if (verb === 'q') return pad(goQuoteRune(n, spec.plus), spec);
  if (verb === 'U') {
    const u = `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
    return pad(spec.sharp ? `${u} '${String.fromCodePoint(Number(abs))}'` : u, spec);
  }
  const radix = { d: 10, v: 10, x: 16, X: 16, o: 8, O: 8, b: 2 }[verb] ?? 10;
  let digits = abs.toString(radix);
  if (verb === 'X') digits = digits.toUpperCase();
  const s = sign(neg, spec);
  // Go's two ways to ask for leading zeros: a precision, or the 0 flag with a width (then the
  // zeros fill the width before the prefix and sign are added).
  if (spec.prec !== undefined) digits = spec.prec === 0 && abs === 0n ? '' : digits.padStart(spec.prec, '0');
  else if (spec.zero && !spec.minus && spec.width !== undefined)
    digits = digits.padStart(spec.width - (s === '' ? 0 : 1), '0');
  let prefix = '';
  if (verb === 'O') prefix = '0o';
  else if (spec.sharp && verb === 'x') prefix = '0x';
  else if (spec.sharp && verb === 'X') prefix = '0X';
  else if (spec.sharp && verb === 'o' && !digits.startsWith('0')) prefix = '0';
  else if (spec.sharp && verb === 'b') prefix = '0b';
  return pad(s + prefix + digits, { ...spec, zero: false });
}

function formatNumber(n: number, verb: string, spec: Spec): string {
  if (isInt(n) && 'dvxXoObcqU'.includes(verb)) return formatInt(n, verb, spec);
  const fmtVerb = verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb;
  if (!'eEfgG'.includes(fmtVerb)) return badVerb(verb, n);
  const prec = spec.prec ?? ('gG'.includes(fmtVerb) ? -1 : 6);
  const text = formatFloat(n, fmtVerb, prec);
  if (!Number.isFinite(n))
    return pad(text === 'NaN' || text.startsWith('-') ? text : sign(false, spec) + text.slice(1), {
      ...spec,
      zero: false,
    });
  const neg = text.startsWith('-');
  return pad(sign(neg, spec) + (neg ? text.slice(1) : text), spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string {
  const cut = spec.prec === undefined ? s : [...s].slice(0, spec.prec).join('');
  if (verb === 's' || verb === 'v') return pad(cut, spec);
  if (verb === 'q')
    return pad(spec.sharp && canBackquote(cut) ? `\`${cut}\`` : goQuote(cut, spec.plus), spec);
  if (verb === 'x' || verb === 'X') {
    const bytes = [...utf8(cut)].map((b) => b.toString(16).padStart(2, '0'));
    const parts = bytes.map((b) => (spec.sharp ? `0x${b}` : b));
    const text = parts.join(spec.space ? ' ' : '');
    return pad(verb === 'X' ? text.toUpperCase() : text, spec);
  }
  return badVerb(verb, s);
}

/** One value with a verb; lists and maps format each element with the same verb, as Go does. */
export function formatValue(v: unknown, verb: string, spec: Spec): string {
  const value = present(v);
  if (verb === 'T') return pad(goTypeName(value), spec);
  if (value === null) return verb === 'v' ? pad('<nil>', spec) : badVerb(verb, value);
  if (typeof value === 'string') return formatString(value, verb, spec);
  if (typeof value === 'number') return formatNumber(value, verb, spec);
  if (typeof value === 'boolean')
    return verb === 't' || verb === 'v' ? pad(String(value), spec) : badVerb(verb, value);
  if (Array.isArray(value)) return `[${value.map((x) => formatValue(x, verb, spec)).join(' ')}]`;
  if (isObject(value))
    return `map[${sortedKeys(value)
      .map((k) => `${formatValue(k, verb, spec)}:${formatValue(value[k], verb, spec)}`)
      .join(' ')}]`;
  return badVerb(verb, String(value));
}

/** Reads `*` or digits at `i`; returns the number (undefined when absent) and the next index. */
function readNumber(
  format: string,
  i: number,
  args: readonly unknown[],
  next: { arg: number },
): { n: number | undefined; i: number; bad?: boolean } {
  if (format[i] === '*') {
    const a = present(args[next.arg++]);
    return isInt(a) ? { n: a, i: i + 1 } : { n: undefined, i: i + 1, bad: true };
  }
  const m = /^\d+/.exec(format.slice(i));
  return m ? { n: Number(m[0]), i: i + m[0].length } : { n: undefined, i };
}

/** fmt.Sprintf. */
export function sprintf(
  format: string,
  args: readonly unknown[],
  onBadVerb?: (verb: string, value: unknown) => void,
): string {
  let out = '';
  const next = { arg: 0 };
  for (let i = 0; i < format.length; ) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const flags = { plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '+') flags.plus = true;
      else if (c === '-') flags.minus = true;
      else if (c === '#') flags.sharp = true;
      else if (c === ' ') flags.space = true;
      else if (c === '0') flags.zero = true;
      else break;
    }
    const w = readNumber(format, i, args, next);
    i = w.i;
    let width = w.n;
    if (width !== undefined && width < 0) {
      flags.minus = true;
      width = -width;
    }
    let prec: number | undefined;
    let badPrec = false;
    if (format[i] === '.') {
      const p = readNumber(format, i + 1, args, next);
      i = p.i;
      prec = p.n ?? 0;
      badPrec = p.bad === true;
    }
    if ((width ?? 0) > MAX_PRINTF_WIDTH || (prec ?? 0) > MAX_PRINTF_WIDTH)
      throw new TemplateLimitError(
        `width or precision ${Math.max(width ?? 0, prec ?? 0)} is more than ${MAX_PRINTF_WIDTH}`,
      );
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (w.bad) out += '%!(BADWIDTH)';
    if (badPrec) out += '%!(BADPREC)';
    if (next.arg >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const spec: Spec = { ...flags, width, prec };
    const value = args[next.arg++];
    const text = formatValue(value, verb, spec);
    if (onBadVerb && text === badVerb(verb, value)) onBadVerb(verb, value);
    out += text;
  }
  if (next.arg < args.length) {
    const extra = args.slice(next.arg).map((a) => {
      const v = present(a);
      return v === null ? '<nil>' : `${goTypeName(v)}=${formatValue(v, 'v', PLAIN)}`;
    });
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: operands with %v, a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, k) => {
    const v = present(a);
    if (k > 0 && typeof v !== 'string' && typeof present(args[k - 1]) !== 'string') out += ' ';
    out += formatValue(v, 'v', PLAIN);
  });
  return out;
}

/** fmt.Sprintln: operands with %v separated by spaces, and a newline. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map((a) => formatValue(a, 'v', PLAIN)).join(' ')}\n`;
}

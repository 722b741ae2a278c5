/**
 * Go's float formatting (strconv.FormatFloat's 'e', 'f' and 'g') on decimal digits: the shortest
 * digits that round-trip (as JavaScript finds them) or the exact binary value rounded half to even
 * at the requested precision (as Go does; JavaScript's toFixed rounds halves up).
 */

/** Decimal digits (no leading zeros) and the decimal point position: value = 0.digits × 10^dp. */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp = biased - 1075;
  if (biased === 0) exp = -1074;
  else mant |= 1n << 52n;
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp; // value = digits × 10^exp
  }
  const trimmed = digits.replace(/0+$/, '');
  const lead = trimmed.length - trimmed.replace(/^0+/, '').length;
  return { d: trimmed.slice(lead), dp: dp - lead };
}

/** The shortest digits that read back as `x` (non-negative, finite). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [m, e] = x.toExponential().split('e');
  const d = m.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

/** `digits` rounded to `nd` digits, halves to even (on the exact expansion, so a true half). */
function roundTo(digits: Digits, nd: number): Digits {
  const { d, dp } = digits;
  if (nd < 0) return { d: '', dp };
  if (d.length <= nd) return digits;
  const next = d.charCodeAt(nd) - 48;
  const rest = d.slice(nd + 1).replace(/0+$/, '');
  const prevOdd = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (rest.length > 0 || prevOdd));
  if (!up) return { d: d.slice(0, nd).replace(/0+$/, ''), dp };
  const kept = d.slice(0, nd);
  if (kept === '' || /^9*$/.test(kept)) return { d: '1', dp: dp + 1 };
  const n = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  return { d: n.replace(/0+$/, ''), dp };
}

function digitAt(d: Digits, i: number): string {
  return i >= 0 && i < d.d.length ? d.d[i] : '0';
}

/** %e: d.ddde±XX with `prec` fraction digits. */
function fmtE(d: Digits, prec: number, upper: boolean): string {
  let out = d.d === '' ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.d === '' ? 0 : d.dp - 1;
  const e = String(Math.abs(exp)).padStart(2, '0');
  return `${out}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${e}`;
}

/** %f: ddd.ddd with `prec` fraction digits. */
function fmtF(d: Digits, prec: number): string {
  let out = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt 'e', 'E', 'f', 'F', 'g', 'G'; `prec` -1 is the
 * shortest representation. Infinities and NaN as Go prints them (`+Inf`, `-Inf`, `NaN`).
 */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const lower = fmt.toLowerCase();
  const shortest = prec < 0;
  let digits: Digits;
  if (shortest) digits = shortestDigits(abs);
  else {
    const exact = exactDigits(abs);
    const nd = lower === 'e' ? prec + 1 : lower === 'f' ? exact.dp + prec : prec === 0 ? 1 : prec;
    digits = roundTo(exact, nd);
  }
  let p = prec;
  if (shortest)
    p =
      lower === 'e'
        ? Math.max(digits.d.length - 1, 0)
        : lower === 'f'
          ? Math.max(digits.d.length - digits.dp, 0)
          : digits.d.length;
  let body: string;
  if (lower === 'e') body = fmtE(digits, p, fmt === 'E');
  else if (lower === 'f') body = fmtF(digits, p);
  else {
    if (!shortest && p === 0) p = 1;
    let eprec = p;
    if (eprec > digits.d.length && digits.d.length >= digits.dp) eprec = digits.d.length;
    if (shortest) eprec = 6;
    const exp = digits.dp - 1;
    if (digits.d !== '' && (exp < -4 || exp >= eprec)) {
      body = fmtE(digits, Math.min(p, digits.d.length) - 1, fmt === 'G');
    } else {
      if (p > digits.dp) p = digits.d.length;
      body = fmtF(digits, Math.max(p - digits.dp, 0));
    }
  }
  return neg ? `-${body}` : body;
}

// Exact decimals for ε and δ: validated and normalised as strings, summed and compared only by
// PostgreSQL (numeric(24,12)). A JSON number is accepted from callers but turned into its shortest
// round-trip decimal text (String(n)) first, never added up as a double.

/** Digits allowed before and after the point (numeric(24,12)). */
const PATTERN = /^(\d{1,12})(?:\.(\d{1,12}))?$/;
const EXPONENT = /^(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/** Canonical decimal text ("0.10" → "0.1", "007" → "7"), or null when not a plain non-negative decimal of ≤ 12+12 digits. */
export function toDecimal(input: string | number): string | null {
  let text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const exp = EXPONENT.exec(text);
  if (exp) {
    // Shift the point by the exponent on the digit string itself (String(1e-7) === "1e-7").
    const int = exp[1] ?? '0';
    const frac = exp[2] ?? '';
    const shift = Number(exp[3]);
    const digits = int + frac;
    const point = int.length + shift;
    if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
    else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
    else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const m = PATTERN.exec(text.replace(/^0+(?=\d{13})/, ''));
  if (!m) return null;
  const int = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Canonical text of a numeric value read from PostgreSQL ("0.100000000000" → "0.1"). */
export function fromNumeric(value: string): string {
  const normalised = toDecimal(value);
  if (normalised === null) throw new Error(`unexpected numeric from PostgreSQL: ${value}`);
  return normalised;
}

/** True when the decimal text is zero. */
export function isZero(decimal: string): boolean {
  return /^0(\.0*)?$/.test(decimal);
}

/** Compares two canonical non-negative decimals exactly: −1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const x = af.padEnd(width, '0');
  const y = bf.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

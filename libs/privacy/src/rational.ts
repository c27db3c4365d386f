// Exact non-negative rationals over bigint: privacy parameters (ε, δ, scales, σ²) enter the
// samplers as fractions, never as IEEE-754 doubles, so the sampled distribution is exactly the
// one the privacy proof is about (see discrete-laplace.ts for why doubles leak).
import { ValidationError } from '@cwp/errors';

/** num/den in lowest terms with den > 0 and num ≥ 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** What callers may pass for a parameter: a decimal or fraction string ("0.1", "1/3", "2"), {num, den}, or a bigint. */
export type RationalInput = string | bigint | { readonly num: bigint | number; readonly den: bigint | number };

function invalid(what: string, message: string): ValidationError {
  return new ValidationError('PRIVACY_PARAMETER_INVALID', `${what} ${message}`);
}

/** Greatest common divisor of two non-negative bigints. */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num/den reduced; den must be positive and num non-negative. */
export function rational(num: bigint, den: bigint): Rational {
  if (den <= 0n) throw invalid('denominator', 'must be positive');
  if (num < 0n) throw invalid('rational', 'must be non-negative');
  const g = gcd(num, den);
  return g <= 1n ? { num, den } : { num: num / g, den: den / g };
}

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw invalid(what, 'must be a safe integer (or a bigint), never a fractional number');
  return BigInt(value);
}

const DECIMAL = /^(\d{1,30})(?:\.(\d{1,30}))?(?:[eE]([+-]?\d{1,3}))?$/;
const FRACTION = /^(\d{1,30})\/(\d{1,30})$/;

/** Parses a parameter exactly; `what` names it in the error (e.g. "epsilon"). Floats are refused on purpose. */
export function parseRational(input: RationalInput, what = 'parameter'): Rational {
  if (typeof input === 'bigint') return rational(input, 1n);
  if (typeof input === 'object') return rational(toBigInt(input.num, `${what} numerator`), toBigInt(input.den, `${what} denominator`));
  if (typeof input !== 'string') throw invalid(what, 'must be a decimal string such as "0.1" or "1e-6", a fraction "1/3", {num, den} or a bigint');
  const text = input.trim();
  const dec = DECIMAL.exec(text);
  if (dec) {
    const frac = dec[2] ?? '';
    // digits · 10^(exponent − fraction digits), all in bigints: "1e-6" is exactly 1/10^6.
    const shift = Number(dec[3] ?? '0') - frac.length;
    const digits = BigInt(`${dec[1] ?? '0'}${frac}`);
    return shift >= 0 ? rational(digits * 10n ** BigInt(shift), 1n) : rational(digits, 10n ** BigInt(-shift));
  }
  const fr = FRACTION.exec(text);
  if (fr) return rational(BigInt(fr[1] ?? '0'), BigInt(fr[2] ?? '1'));
  throw invalid(what, 'must be a decimal string such as "0.1" or "1e-6", a fraction "1/3", {num, den} or a bigint');
}

/** Parses and requires a strictly positive value. */
export function parsePositiveRational(input: RationalInput, what: string): Rational {
  const r = parseRational(input, what);
  if (r.num === 0n) throw invalid(what, 'must be greater than zero');
  return r;
}

/** A non-negative integer sensitivity from a bigint or a safe integer number; must be ≥ 1. */
export function parseSensitivity(value: bigint | number, what = 'sensitivity'): bigint {
  const s = toBigInt(value, what);
  if (s < 1n) throw invalid(what, 'must be an integer ≥ 1');
  return s;
}

/** floor(num/den). */
export function floorOf(r: Rational): bigint {
  return r.num / r.den;
}

/** a·b exactly. */
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** a − b exactly; requires a ≥ b. */
export function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** Integer square root: the largest r with r² ≤ n (Newton's method on bigints). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw invalid('isqrt argument', 'must be non-negative');
  if (n < 2n) return n;
  // Start above the root (2^ceil(bits/2)), so Newton's iterates decrease monotonically to it.
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** The value as a double, for reports and tests only; never used while sampling. */
export function toNumber(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

/** "num/den" (or "num" when den is 1). */
export function formatRational(r: Rational): string {
  return r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`;
}

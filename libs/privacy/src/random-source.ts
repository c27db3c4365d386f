// The only source of randomness of the samplers: uniform integers from node:crypto's CSPRNG.
// Noise must be unpredictable to whoever sees the release (a seeded or non-cryptographic PRNG would let
// an adversary who learns its state subtract the noise), and uniform *exactly*: crypto.randomInt
// and the rejection loop below never map random bits through a float or a biased modulo.
import { randomBytes, randomInt } from 'node:crypto';

/** A source of exactly uniform integers. */
export interface RandomSource {
  /** Uniform on {0, …, n − 1}; n ≥ 1. */
  below(n: bigint): bigint;
}

// crypto.randomInt accepts ranges strictly below 2^48 and rejects internally to stay exactly uniform.
const RANDOM_INT_LIMIT = 1n << 48n;

/** Uniform bigint below n from randomBytes: draw bitLength(n) bits, reject values ≥ n (expected < 2 draws). */
function bigBelow(n: bigint): bigint {
  const bits = (n - 1n).toString(2).length;
  const bytes = (bits + 7) >> 3;
  const excess = BigInt(bytes * 8 - bits);
  for (;;) {
    const v = BigInt(`0x${randomBytes(bytes).toString('hex')}`) >> excess;
    if (v < n) return v;
  }
}

/** The CSPRNG-backed source every mechanism uses unless a test injects another. */
export const cryptoRandom: RandomSource = Object.freeze({
  below(n: bigint): bigint {
    if (n < 1n) throw new RangeError('RandomSource.below needs n ≥ 1');
    if (n === 1n) return 0n;
    return n < RANDOM_INT_LIMIT ? BigInt(randomInt(Number(n))) : bigBelow(n);
  },
});

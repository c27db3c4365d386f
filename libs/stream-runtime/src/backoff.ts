// Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog,
// 2015): sleep = random_between(0, min(cap, base * 2^attempt)). Full jitter spreads the retries of
// many partitions/instances that failed together. Randomness from node:crypto only.
import { randomInt } from 'node:crypto';

/** Backoff bounds in milliseconds. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The ceiling of the delay for `attempt` (0-based): min(maxMs, baseMs * 2^attempt). */
export function backoffCeilingMs(attempt: number, options: BackoffOptions): number {
  const exp = Math.min(attempt, 30); // 2^30 * base already exceeds any sane cap; avoids Infinity
  return Math.max(0, Math.min(options.maxMs, options.baseMs * 2 ** exp));
}

/** A full-jitter delay in [0, ceiling] for `attempt`; `rand(maxExclusive)` defaults to crypto randomInt. */
export function fullJitterDelayMs(attempt: number, options: BackoffOptions, rand: (maxExclusive: number) => number = randomInt): number {
  const ceiling = Math.floor(backoffCeilingMs(attempt, options));
  return ceiling <= 0 ? 0 : rand(ceiling + 1);
}

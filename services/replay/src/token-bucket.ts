// A token bucket (the classic traffic-shaping algorithm, e.g. RFC 2697's single-rate meter
// without colours): `ratePerSecond` tokens refill continuously up to `burst`; each record takes one.

/** Clock and sleep are injected so the bucket is tested without waiting. */
export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  /** Bucket size (default: one second's worth, at least 1). */
  readonly burst?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Takes tokens, waiting when the bucket is empty. */
export interface TokenBucket {
  take(n?: number): Promise<void>;
}

/** Creates a token bucket that starts full. */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const rate = options.ratePerSecond;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number of records per second, got ${rate}`);
  const burst = Math.max(1, options.burst ?? rate);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let tokens = burst;
  let last = now();

  function refill(): void {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
  }

  return {
    async take(n = 1) {
      for (let left = n; left > 0; left--) {
        refill();
        while (tokens < 1) {
          await sleep(Math.ceil(((1 - tokens) / rate) * 1000));
          refill();
        }
        tokens -= 1;
      }
    },
  };
}

// Per-source token bucket in Redis, one atomic Lua script per request: the bucket refills at
// `ratePerS` tokens per second up to `burst`; a request costs one token per event. Redis' own clock
// (TIME) is used so several gateway replicas agree on elapsed time.
import type { Redis } from 'ioredis';

/** Outcome of taking tokens. */
export type RateDecision = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterS: number };

/** Takes `cost` tokens from the bucket of `sourceKey`. */
export interface RateLimiter {
  take(sourceKey: string, cost: number): Promise<RateDecision>;
}

// KEYS[1] bucket hash {tokens, ts(µs)}; ARGV rate/s, burst, cost. Returns {1, remaining} or {0, wait µs}.
const TOKEN_BUCKET = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then tokens = burst; ts = now end
if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate / 1000000) end
local ttl = math.ceil(burst / rate) + 1
if tokens >= cost then
  tokens = tokens - cost
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
  redis.call('EXPIRE', KEYS[1], ttl)
  return {1, math.floor(tokens)}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('EXPIRE', KEYS[1], ttl)
return {0, math.ceil((cost - tokens) * 1000000 / rate)}
`;

/** A limiter keyed `<prefix>rl:<sourceKey>`. */
export function createRateLimiter(options: { redis: Redis; prefix: string; ratePerS: number; burst: number }): RateLimiter {
  return {
    async take(sourceKey, cost) {
      const [allowed, n] = (await options.redis.eval(TOKEN_BUCKET, 1, `${options.prefix}rl:${sourceKey}`, options.ratePerS, options.burst, cost)) as [number, number];
      if (allowed === 1) return { allowed: true, remaining: n };
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil(n / 1_000_000)) };
    },
  };
}

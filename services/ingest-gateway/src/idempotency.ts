// Idempotency by event id in Redis. An id is claimed as "pending" (p:<body hash>, short TTL) before
// producing and marked "done" (d:<body hash>, 24 h) once Kafka acknowledged, so a concurrent retry
// never gets a 202 for an event that is not stored yet. A failed produce releases the claim.
// Redis is rebuildable state: losing it re-opens duplicates, which consumers de-duplicate by event id.
import type { Redis } from 'ioredis';

/** What Redis knew about an event id before this request. */
export type ClaimOutcome = 'claimed' | 'duplicate' | 'pending' | 'conflict';

/** Claims, confirms and releases event ids. */
export interface IdempotencyStore {
  /** Claims each id for its body hash, in one round trip; outcome per input, in order. */
  claim(entries: readonly { readonly eventId: string; readonly hash: string }[]): Promise<ClaimOutcome[]>;
  /** Marks ids as stored (after Kafka acknowledged). */
  confirm(entries: readonly { readonly eventId: string; readonly hash: string }[]): Promise<void>;
  /** Drops this request's pending claims so a retry can succeed. */
  release(entries: readonly { readonly eventId: string; readonly hash: string }[]): Promise<void>;
}

const CLAIM = `
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'p:' .. ARGV[1], 'EX', ARGV[2])
  return 'claimed'
end
if string.sub(v, 3) ~= ARGV[1] then return 'conflict' end
if string.sub(v, 1, 1) == 'd' then return 'duplicate' end
return 'pending'
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == 'p:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A store keyed `<prefix>idem:<eventId>`; `pendingTtlS` must outlast the produce timeout. */
export function createIdempotencyStore(options: { redis: Redis; prefix: string; ttlS: number; pendingTtlS: number }): IdempotencyStore {
  const key = (eventId: string): string => `${options.prefix}idem:${eventId}`;
  async function run(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }
  return {
    async claim(entries) {
      if (entries.length === 0) return [];
      const p = options.redis.pipeline();
      for (const e of entries) p.eval(CLAIM, 1, key(e.eventId), e.hash, options.pendingTtlS);
      return (await run(p)) as ClaimOutcome[];
    },
    async confirm(entries) {
      if (entries.length === 0) return;
      const p = options.redis.pipeline();
      for (const e of entries) p.set(key(e.eventId), `d:${e.hash}`, 'EX', options.ttlS);
      await run(p);
    },
    async release(entries) {
      if (entries.length === 0) return;
      const p = options.redis.pipeline();
      for (const e of entries) p.eval(RELEASE, 1, key(e.eventId), e.hash);
      await run(p);
    },
  };
}

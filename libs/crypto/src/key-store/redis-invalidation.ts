// The invalidation bus over Redis pub/sub (ioredis). A subscriber connection cannot issue other
// commands, so publishing and subscribing use two connections.
import { Redis } from 'ioredis';
import { DependencyError } from '@cwp/errors';
import type { InvalidationBus, KeyInvalidation } from './invalidation.js';
import { parseInvalidation } from './invalidation.js';

/** Default channel of DEK cache invalidations. */
export const KEY_INVALIDATION_CHANNEL = 'cwp:keys:invalidate';

/** A bus on `channel` of the Redis at `url`. */
export function createRedisInvalidationBus(url: string, channel = KEY_INVALIDATION_CHANNEL): InvalidationBus {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  let sub: Redis | null = null;
  return {
    async publish(m: KeyInvalidation) {
      try {
        if (pub.status === 'wait') await pub.connect();
        await pub.publish(channel, JSON.stringify(m));
      } catch (err) {
        throw new DependencyError('REDIS_UNAVAILABLE', 'could not publish a key invalidation to Redis', { cause: err });
      }
    },
    async subscribe(handler) {
      sub ??= new Redis(url, { lazyConnect: true });
      if (sub.status === 'wait') await sub.connect();
      sub.on('message', (ch: string, text: string) => {
        if (ch !== channel) return;
        const m = parseInvalidation(text);
        if (m) handler(m);
      });
      await sub.subscribe(channel);
    },
    async close() {
      await Promise.all([pub.status === 'wait' ? undefined : pub.quit().catch(() => undefined), sub?.quit().catch(() => undefined)]);
    },
  };
}

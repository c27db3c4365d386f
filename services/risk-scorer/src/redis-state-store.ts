// The RiskStateStore on Redis (ioredis): observe and commit are one Lua script each, so every update
// of a child's state is atomic and idempotent by event id (redis-scripts.ts). The client fails fast
// while disconnected (no offline queue, no per-command retries, a command timeout), and every
// connection-level failure becomes a retriable DependencyError: the runtime aborts the batch, pauses
// the partition and retries it after backoff, so no signal is ever skipped.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { DependencyError } from '@cwp/errors';
import type { AlertState, OpenAlert } from './decisions.js';
import { COMMIT_LUA, OBSERVE_LUA } from './redis-scripts.js';
import type { Signal } from './signals.js';
import type { AlertUpdate, Observation, RiskStateStore, StateLimits } from './state-store.js';

/** Options of the Redis store. */
export interface RedisStateStoreOptions extends StateLimits {
  readonly url: string;
  /** Key prefix (default 'risk'); tests use their own. */
  readonly keyPrefix?: string;
  /** Longest a command may take before it counts as a Redis failure, ms (default 2000). */
  readonly commandTimeoutMs?: number;
  /** Called on every failure that makes the store unavailable (metrics, operational alert). */
  readonly onUnavailable?: (err: unknown) => void;
  /** Called on every successful call (ends an outage). */
  readonly onAvailable?: () => void;
}

// Replies that mean "Redis is there but cannot serve now": retry, like a lost connection.
const TRANSIENT_REPLY = /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|READONLY|CLUSTERDOWN|OOM|NOREPLICAS)\b/;

function isReplyError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'ReplyError';
}

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

/** Creates the store and starts connecting (commands fail with DependencyError until Redis is ready). */
export function createRedisStateStore(options: RedisStateStoreOptions): RiskStateStore & { readonly client: Redis } {
  const prefix = options.keyPrefix ?? 'risk';
  const client = new Redis(options.url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 1000),
    reconnectOnError: () => false,
    // Partitions are scored concurrently: their calls in one tick share one write.
    enableAutoPipelining: true,
  });
  // Connection errors are reported through the failing commands; the client's own events only keep it quiet.
  client.on('error', () => undefined);

  const scripts = { observe: { lua: OBSERVE_LUA, sha: sha1(OBSERVE_LUA) }, commit: { lua: COMMIT_LUA, sha: sha1(COMMIT_LUA) } };
  const keys = (childKey: string) => {
    const base = `${prefix}:{${childKey}}:`;
    return { sig: `${base}sig`, ev: `${base}ev`, evt: `${base}evt`, meta: `${base}meta`, al: `${base}al` };
  };

  async function run(script: { lua: string; sha: string }, keyList: string[], args: (string | number)[]): Promise<unknown> {
    try {
      let result: unknown;
      try {
        result = await client.evalsha(script.sha, keyList.length, ...keyList, ...args);
      } catch (err) {
        if (!(isReplyError(err) && err.message.startsWith('NOSCRIPT'))) throw err;
        result = await client.eval(script.lua, keyList.length, ...keyList, ...args);
      }
      options.onAvailable?.();
      return result;
    } catch (err) {
      if (isReplyError(err) && !TRANSIENT_REPLY.test(err.message)) throw err;
      options.onUnavailable?.(err);
      throw new DependencyError('REDIS_UNAVAILABLE', 'the risk state store (Redis) is unavailable: scoring pauses and retries; check REDIS_URL and the Redis server', { cause: err });
    }
  }

  function parseSignal(member: string): Signal {
    const [eventId, signalType, occurredAt] = JSON.parse(member) as [string, string, number];
    return { eventId, signalType, occurredAt };
  }

  function parseAlerts(flat: readonly string[]): AlertState {
    const out: Record<string, OpenAlert> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] ?? ''] = JSON.parse(flat[i + 1] ?? 'null') as OpenAlert;
    return out;
  }

  return {
    client,
    async observe(childKey, signal, nowMs): Promise<Observation> {
      const k = keys(childKey);
      const member = JSON.stringify([signal.eventId, signal.signalType, signal.occurredAt]);
      const reply = await run(scripts.observe, [k.sig, k.ev, k.evt, k.meta, k.al],
        [signal.eventId, member, nowMs, options.dedupTtlMs, options.maxSignals, options.stateTtlMs]) as [number, number, string | null, string[], string[], number];
      const [replayed, seq, outcome, signals, alerts, lastSeq] = reply;
      return { replayed: replayed === 1, outcome: outcome ? outcome : null, laterSignals: lastSeq > seq, signals: signals.map(parseSignal), alerts: parseAlerts(alerts) };
    },
    async commit(childKey, eventId, outcome, updates: readonly AlertUpdate[]): Promise<string> {
      const k = keys(childKey);
      const args: string[] = [eventId, outcome, String(options.stateTtlMs)];
      for (const u of updates) args.push(u.condition, u.state ? JSON.stringify(u.state) : '');
      return String(await run(scripts.commit, [k.ev, k.al], args));
    },
    async snapshot(childKey) {
      const k = keys(childKey);
      try {
        const [members, alerts] = await Promise.all([client.zrange(k.sig, 0, -1), client.hgetall(k.al)]);
        const al: Record<string, OpenAlert> = {};
        for (const [c, v] of Object.entries(alerts)) al[c] = JSON.parse(v) as OpenAlert;
        return { signals: members.map(parseSignal), alerts: al };
      } catch (err) {
        throw new DependencyError('REDIS_UNAVAILABLE', 'the risk state store (Redis) is unavailable', { cause: err });
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/**
 * Deletes every key of the risk state under `keyPrefix` (`<prefix>:{<child>}:…`, as the store above
 * writes them) with SCAN and UNLINK; returns how many were deleted. For a deployment's state that
 * is retired (a demo run, a test, a bench): the live scorer's prefix must not be passed.
 */
export async function dropRiskState(url: string, keyPrefix: string): Promise<number> {
  if (!/^[\w.-]+$/u.test(keyPrefix)) throw new Error(`refusing to delete keys under ${JSON.stringify(keyPrefix)}`);
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

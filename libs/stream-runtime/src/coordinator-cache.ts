// Coordinator lookups cached for kafkajs 2.2.4. kafkajs sends FindCoordinator before every
// coordinator request and keeps nothing: a transaction (AddPartitionsToTxn, AddOffsetsToTxn, the
// group's TxnOffsetCommit, EndTxn) costs four lookups besides its five requests, each a round trip on
// the batch's critical path (measured: 81 FindCoordinator requests for 20 transactions). The Java
// client's TransactionManager keeps its coordinators and looks one up again on COORDINATOR_NOT_AVAILABLE
// or NOT_COORDINATOR (KIP-98); this does the same for every kafkajs client of the process:
//   - a Cluster (one per producer, consumer and admin client) reuses a successful lookup of the same
//     (coordinator type, key) for at most COORDINATOR_CACHE_MS;
//   - every cached lookup of the process is dropped when a coordinator request fails with a coordinator
//     error (loading, not available, not the coordinator) or without a broker's answer (connection
//     lost, timeout), and when a broker cannot be found or reached: the retry kafkajs then makes looks
//     the coordinator up afresh. An error the coordinator answered with (e.g. CONCURRENT_TRANSACTIONS)
//     keeps the cache: that broker is the coordinator.
// It patches kafkajs internals (Cluster.findGroupCoordinatorMetadata and Cluster.findBroker, Broker's
// coordinator requests) for the whole process. With another kafkajs version, or without those
// methods, installCoordinatorCache() patches nothing and returns false: kafkajs then behaves as
// shipped, and test/integration/coordinator-cache.test.ts, which counts the lookups, fails in CI.
// The cost: when a coordinator moves (a multi-broker cluster after a broker failure or a leader
// rebalance of __transaction_state / __consumer_offsets), the next AddOffsetsToTxn, TxnOffsetCommit or
// EndTxn of each producer meets NOT_COORDINATOR, which kafkajs does not retry for those requests; the
// runtime aborts that batch, recreates the producer and retries it (create-stage.ts), the lookup
// then being fresh. Without the cache kafkajs would have found the new coordinator for that request.
import { createRequire } from 'node:module';

/** Longest a successful coordinator lookup is reused (a backstop; failures drop it at once). */
const COORDINATOR_CACHE_MS = 60_000;

// kafkajs' types of the coordinator error codes 14, 15 and 16 (src/protocol/error.js).
const COORDINATOR_ERRORS: ReadonlySet<string> = new Set(['GROUP_LOAD_IN_PROGRESS', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP']);
// Broker requests that go to a group or transaction coordinator (src/broker/index.js).
// deleteGroups is not watched: it returns its per-group errors instead of throwing them (a stale entry
// lives at most COORDINATOR_CACHE_MS there; the replay tool makes a new admin client per deletion).
const COORDINATOR_REQUESTS = ['initProducerId', 'addPartitionsToTxn', 'addOffsetsToTxn', 'txnOffsetCommit', 'endTxn',
  'joinGroup', 'syncGroup', 'heartbeat', 'leaveGroup', 'offsetCommit', 'offsetFetch', 'describeGroups'] as const;

/** True when a failed coordinator request says nothing about the coordinator being right: it answered with another error. */
export function keepsCoordinator(err: unknown): boolean {
  const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
  return typeof type === 'string' && !COORDINATOR_ERRORS.has(type);
}

type AnyFn = (this: object, ...args: unknown[]) => Promise<unknown>;
interface Prototype { [name: string]: unknown }
interface Entry { readonly at: number; readonly epoch: number; readonly value: unknown }

let installed = false;
// Bumped by any failure that may mean a coordinator moved: every cached lookup older than it is dropped.
let epoch = 0;
const counts = { lookups: 0, reused: 0 };

/** Lookups sent and reused since start (for tests and diagnostics). */
export function coordinatorLookupCounts(): { readonly lookups: number; readonly reused: number } {
  return { ...counts };
}

const methodOf = (proto: Prototype, name: string): AnyFn | undefined => (typeof proto[name] === 'function' ? (proto[name] as AnyFn) : undefined);

/**
 * Installs the cache into this process' kafkajs once (every client, created before or after); true
 * when it is installed. kafkajs other than 2.2.4, or without the methods it wraps: nothing is patched.
 */
export function installCoordinatorCache(): boolean {
  if (installed) return true;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return false;
  const cluster = (require('kafkajs/src/cluster/index.js') as { prototype: Prototype }).prototype;
  const broker = (require('kafkajs/src/broker/index.js') as { prototype: Prototype }).prototype;
  const lookup = methodOf(cluster, 'findGroupCoordinatorMetadata');
  const findBroker = methodOf(cluster, 'findBroker');
  const requests: (readonly [string, AnyFn])[] = [];
  for (const name of COORDINATOR_REQUESTS) {
    const fn = methodOf(broker, name);
    if (!fn) return false;
    requests.push([name, fn]);
  }
  if (!lookup || !findBroker) return false;

  const caches = new WeakMap<object, Map<string, Entry>>();
  cluster['findGroupCoordinatorMetadata'] = async function (this: object, ...args: unknown[]): Promise<unknown> {
    const { groupId, coordinatorType } = (args[0] ?? {}) as { groupId?: unknown; coordinatorType?: unknown };
    const key = `${typeof coordinatorType === 'number' ? coordinatorType : 0}:${typeof groupId === 'string' ? groupId : ''}`;
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map<string, Entry>()));
    const hit = cache.get(key);
    if (hit && hit.epoch === epoch && performance.now() - hit.at < COORDINATOR_CACHE_MS) {
      counts.reused += 1;
      return hit.value;
    }
    const at = epoch;
    counts.lookups += 1;
    const value = await lookup.apply(this, args);
    cache.set(key, { at: performance.now(), epoch: at, value });
    return value;
  };
  cluster['findBroker'] = async function (this: object, ...args: unknown[]): Promise<unknown> {
    try {
      return await findBroker.apply(this, args);
    } catch (err) {
      epoch += 1;
      throw err;
    }
  };
  for (const [name, original] of requests) {
    broker[name] = async function (this: object, ...args: unknown[]): Promise<unknown> {
      try {
        return await original.apply(this, args);
      } catch (err) {
        if (!keepsCoordinator(err)) epoch += 1;
        throw err;
      }
    };
  }
  installed = true;
  return true;
}

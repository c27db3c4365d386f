// kafkajs coordinator lookups cached (libs/stream-runtime/src/coordinator-cache.ts), against the real
// broker: 20 transactions of a transactional producer (produce, send offsets, commit) send two
// FindCoordinator requests in all (the transaction coordinator's, the group's) instead of the 81
// kafkajs sends without the cache, and every output and offset still commits. The broker-restart
// test (stream-runtime-broker-restart.test.ts) covers a coordinator lost and back at the same address;
// the local stack has one broker, so a coordinator that moves to another broker is not tested here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin, Kafka } from 'kafkajs';
import { coordinatorLookupCounts, installCoordinatorCache } from '@cwp/stream-runtime';
import { createKafka, createTopics, deleteTopics, uniqueName } from './helpers/stream-fixtures.js';

const topic = uniqueName('it.coordcache');
const group = uniqueName('it.coordcache.group');
let kafka: Kafka;
let admin: Admin;

before(async () => {
  assert.equal(installCoordinatorCache(), true, 'the cache installs on the kafkajs this repository locks');
  kafka = createKafka('cwp-it-coordcache');
  admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [{ topic, partitions: 2 }]);
});

after(async () => {
  await deleteTopics(admin, [topic]);
  await admin.disconnect();
});

test('20 transactions send 2 FindCoordinator requests (not 4 per transaction) and all of them commit', async () => {
  const producer = kafka.producer({ transactionalId: uniqueName('it.coordcache.txn'), idempotent: true, maxInFlightRequests: 1 });
  const requests = new Map<string, number>();
  producer.on(producer.events.REQUEST, (e) => requests.set(e.payload.apiName, (requests.get(e.payload.apiName) ?? 0) + 1));
  const before = coordinatorLookupCounts();
  await producer.connect();
  const N = 20;
  try {
    for (let i = 0; i < N; i += 1) {
      const txn = await producer.transaction();
      await txn.send({ topic, messages: [{ key: `k${i}`, value: `v${i}` }] });
      await txn.sendOffsets({ consumerGroupId: group, topics: [{ topic, partitions: [{ partition: 0, offset: String(i + 1) }] }] });
      await txn.commit();
    }
  } finally {
    await producer.disconnect();
  }
  // At least once per transaction: a transaction begun right after a commit may meet the broker's
  // CONCURRENT_TRANSACTIONS (still writing the previous markers), which kafkajs retries; that answer
  // comes from the coordinator, so the cached lookup is kept for the retry.
  for (const api of ['AddPartitionsToTxn', 'AddOffsetsToTxn', 'TxnOffsetCommit', 'EndTxn', 'Produce']) assert.ok((requests.get(api) ?? 0) >= N, `${api} at least once per transaction`);
  assert.equal(requests.get('GroupCoordinator'), 2, 'one lookup of the transaction coordinator, one of the group coordinator');
  const after = coordinatorLookupCounts();
  assert.equal(after.lookups - before.lookups, 2);
  assert.ok(after.reused - before.reused >= 4 * N - 1, `${after.reused - before.reused} lookups reused`);

  // Everything committed: the offsets of the last transaction, and every output readable read_committed.
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  assert.equal(offsets[0]?.partitions.find((p) => p.partition === 0)?.offset, String(N));
  const seen = new Set<string>();
  const consumer = kafka.consumer({ groupId: uniqueName('it.coordcache.reader'), readUncommitted: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({ eachMessage: ({ message }) => { seen.add(String(message.value)); if (seen.size === N) resolve(); return Promise.resolve(); } });
  });
  const timer = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`read ${seen.size} of ${N} committed outputs in 30 s`)), 30_000).unref());
  try {
    await Promise.race([done, timer]);
  } finally {
    await consumer.disconnect();
  }
  assert.equal(seen.size, N);
});

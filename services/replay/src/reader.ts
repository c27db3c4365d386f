// Reads planned offset ranges of one topic, read_committed, with a throwaway consumer group that
// commits nothing: subscribe, seek every partition to its start, hand records in [from, end) to
// `onRecords` in offset order per partition, pause a partition once its position reaches `end`,
// stop when all did. The position comes from each batch's last offset, which counts transaction
// markers and aborted records too, so a range ending on a commit marker still completes.
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { ReplayError } from './errors.js';
import type { PartitionRange } from './range.js';
import type { ReplayRecord } from './types.js';

/** What to read and where the records go. */
export interface ReadRangeOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly ranges: readonly PartitionRange[];
  /** Every partition of the topic (those outside `ranges` are paused). */
  readonly allPartitions: readonly number[];
  /** Called in offset order per partition, one partition at a time; may be slow (rate limit). */
  readonly onRecords: (records: readonly ReplayRecord[], heartbeat: () => Promise<void>) => Promise<void>;
  readonly timeoutMs: number;
}

/** Reads the ranges; resolves with the records delivered per partition; ReplayError on timeout. */
export async function readRanges(options: ReadRangeOptions): Promise<Map<number, number>> {
  const { kafka, topic, ranges } = options;
  const counts = new Map(ranges.map((r) => [r.partition, 0]));
  const byPartition = new Map(ranges.map((r) => [r.partition, r]));
  const position = new Map(ranges.map((r) => [r.partition, r.from]));
  const pending = new Set(ranges.filter((r) => r.end > r.from).map((r) => r.partition));
  if (pending.size === 0) return counts;

  const groupId = `cwp-replay.${Date.now().toString(36)}.${randomBytes(6).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 250, sessionTimeout: 30_000, allowAutoTopicCreation: false });
  let finish: () => void = () => undefined;
  let fail: (err: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });

  // Marks progress up to `lastOffset` (inclusive); pauses and completes the partition at its end.
  const advance = (partition: number, lastOffset: string): void => {
    const range = byPartition.get(partition);
    if (!range || !pending.has(partition)) return;
    const next = BigInt(lastOffset) + 1n;
    if (next > (position.get(partition) ?? 0n)) position.set(partition, next);
    if ((position.get(partition) ?? 0n) >= range.end) {
      pending.delete(partition);
      consumer.pause([{ topic, partitions: [partition] }]);
      if (pending.size === 0) finish();
    }
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    const p = e.payload as { topic: string; partition: number; lastOffset: string };
    if (p.topic === topic) advance(p.partition, p.lastOffset);
  });
  consumer.on(consumer.events.CRASH, (e) => fail(e.payload.error));

  const timer = setTimeout(() => {
    const left = [...pending].map((p) => `${p}@${String(position.get(p))}/${String(byPartition.get(p)?.end)}`).join(', ');
    fail(new ReplayError('REPLAY_TIMEOUT', `replay did not reach the end of every partition within ${options.timeoutMs} ms (left: ${left}); raise --timeout-ms or narrow the range`));
  }, options.timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const range = byPartition.get(batch.partition);
        if (!range || !pending.has(batch.partition)) return;
        const records: ReplayRecord[] = [];
        for (const m of batch.messages) {
          const offset = BigInt(m.offset);
          // Below the position: already delivered before a seek took effect (never twice).
          if (offset < (position.get(batch.partition) ?? range.from) || offset >= range.end) continue;
          records.push({ topic, partition: batch.partition, offset: m.offset, timestamp: Number(m.timestamp), key: m.key ?? null, value: m.value ?? null, headers: m.headers ?? {} });
        }
        if (records.length > 0 && payload.isRunning() && !payload.isStale()) {
          await options.onRecords(records, () => payload.heartbeat());
          counts.set(batch.partition, (counts.get(batch.partition) ?? 0) + records.length);
        }
      },
    });
    // Partitions outside the plan are never fetched; planned ones start at their range.
    const outside = options.allPartitions.filter((p) => !byPartition.has(p) || !pending.has(p));
    if (outside.length > 0) consumer.pause([{ topic, partitions: outside }]);
    for (const r of ranges) if (pending.has(r.partition)) consumer.seek({ topic, partition: r.partition, offset: r.from.toString() });
    await finished;
    return counts;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined).finally(() => admin.disconnect().catch(() => undefined));
  }
}

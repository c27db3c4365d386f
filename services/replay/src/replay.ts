// One replay: plan the ranges from the topic's watermarks (and timestamps), prepare the
// destination (sandbox topic created like the source, output schema registered), read the ranges
// read_committed through the rate limiter into the sink, report progress on stderr.
import type { Admin, Kafka } from 'kafkajs';
import type { Serde } from '@cwp/registry';
import { dlqTopicOf } from '@cwp/stream-runtime';
import type { ReplayRequest } from './args.js';
import { UsageError } from './errors.js';
import { createProgress } from './progress.js';
import type { PartitionRange } from './range.js';
import { planRanges, spanOf } from './range.js';
import { readRanges } from './reader.js';
import { ensureTopic } from './sandbox.js';
import { registerSubject } from './schema-registry.js';
import type { ReplaySink } from './sinks.js';
import { createCopySink, createCountingSink, createFileSink, createTransformSink } from './sinks.js';
import type { ReplayStage } from './stages.js';
import { createTokenBucket } from './token-bucket.js';

/** The ranges a replay will read. */
export interface ReplayPlan {
  readonly topic: string;
  /** Every partition of the source topic. */
  readonly partitionCount: number;
  readonly ranges: readonly PartitionRange[];
}

/** What a replay did, per partition and in total. */
export interface ReplayResult {
  readonly partitions: readonly { partition: number; from: string; end: string; records: number }[];
  /** Source records replayed (or, in a dry run, that would be). */
  readonly records: number;
  /** Records written: copies, NDJSON lines, or transform outputs. */
  readonly outputs: number;
  readonly deadLetters: number;
  readonly dryRun: boolean;
}

/** Plans a replay against the live topic: watermarks now, timestamps resolved per partition. */
export async function planReplay(admin: Admin, request: ReplayRequest): Promise<ReplayPlan> {
  if (!(await admin.listTopics()).includes(request.topic)) throw new UsageError(`topic ${request.topic} does not exist`);
  const offsets = await admin.fetchTopicOffsets(request.topic);
  const byTime = async (d: Date | null): Promise<Map<number, bigint> | null> =>
    d ? new Map((await admin.fetchTopicOffsetsByTimestamp(request.topic, d.getTime())).map((o) => [o.partition, BigInt(o.offset)])) : null;
  const ranges = planRanges({
    watermarks: offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })),
    partitions: request.partitions,
    fromOffset: request.fromOffset,
    toOffset: request.toOffset,
    fromTime: await byTime(request.fromTime),
    toTime: await byTime(request.toTime),
  });
  return { topic: request.topic, partitionCount: offsets.length, ranges };
}

/** What running a replay needs besides the request. */
export interface ReplayDeps {
  readonly kafka: Kafka;
  /** Connected admin client. */
  readonly admin: Admin;
  /** The stage to re-run (with --transform), its serde and the registry to register its output schema. */
  readonly stage?: { readonly stage: ReplayStage; readonly serde: Serde; readonly registryUrl: string } | null;
  readonly progress?: { readonly write: (text: string) => void; readonly tty: boolean };
}

/** Runs a planned replay to its end; throws on failure (the sink is closed either way). */
export async function runReplay(plan: ReplayPlan, request: ReplayRequest, deps: ReplayDeps): Promise<ReplayResult> {
  const dest = request.destination;
  const producer = !request.dryRun && dest?.kind === 'topic' ? deps.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }) : null;
  let sink: ReplaySink;
  if (request.dryRun || !dest) {
    sink = createCountingSink();
  } else if (dest.kind === 'file') {
    sink = createFileSink(dest.path);
  } else {
    await ensureTopic(deps.admin, dest.topic, plan.partitionCount);
    await producer!.connect();
    if (deps.stage) {
      await ensureTopic(deps.admin, dlqTopicOf(dest.topic), 1);
      await registerSubject(deps.stage.registryUrl, `${dest.topic}-value`, deps.stage.stage.outputSchema);
      sink = createTransformSink({ producer: producer!, sandbox: dest.topic, stage: deps.stage.stage, serde: deps.stage.serde });
    } else {
      sink = createCopySink(producer!, dest.topic);
    }
  }
  const bucket = request.rateLimit ? createTokenBucket({ ratePerSecond: request.rateLimit }) : null;
  // Small chunks under a rate limit keep the output steady instead of bursting a whole fetch.
  const chunk = request.rateLimit ? Math.max(1, Math.min(500, Math.floor(request.rateLimit / 5))) : 1000;
  const progress = createProgress({ label: `replay ${plan.topic}${request.dryRun ? ' (dry run)' : ''}`, total: spanOf(plan.ranges), write: deps.progress?.write ?? (() => undefined), tty: deps.progress?.tty ?? false });
  try {
    const counts = await readRanges({
      kafka: deps.kafka,
      topic: plan.topic,
      ranges: plan.ranges,
      allPartitions: Array.from({ length: plan.partitionCount }, (_, i) => i),
      timeoutMs: request.timeoutMs,
      onRecords: async (records, heartbeat) => {
        for (let i = 0; i < records.length; i += chunk) {
          const part = records.slice(i, i + chunk);
          if (bucket) await bucket.take(part.length);
          await sink.write(part);
          progress.add(part.length);
          await heartbeat();
        }
      },
    });
    progress.done();
    await sink.close();
    const stats = sink.stats();
    const partitions = plan.ranges.map((r) => ({ partition: r.partition, from: r.from.toString(), end: r.end.toString(), records: counts.get(r.partition) ?? 0 }));
    return { partitions, records: partitions.reduce((n, p) => n + p.records, 0), outputs: stats.outputs, deadLetters: stats.deadLetters, dryRun: request.dryRun };
  } finally {
    await sink.close().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}

// The stream runtime: turns a pure transform into a running Kafka stage.
//
// Delivery (README.md, "Delivery"): exactly-once consume → transform → produce with Kafka
// transactions. kafkajs 2.2.4 predates KIP-447, so each assigned input partition gets its own
// transactional producer with the stable id `${prefix}.${inputTopic}.${partition}`: a restarted or
// rebalanced instance that initialises that id fences the previous owner and completes or aborts
// its open transaction. Each fetched batch is one transaction: outputs + dead letters + the input
// offset (sendOffsets) commit together or not at all. After every producer (re)creation the
// committed offset is re-read (now stable, the old transaction being complete) and the consumer
// seeks to it, so a stale position can never re-process committed input.
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import type { SecurityAlert } from '@cwp/avro';
import type { Admin, Consumer, EachBatchPayload, IHeaders, KafkaMessage, Message, Producer, Transaction } from 'kafkajs';
import { ConfigError, DecodeError } from '@cwp/errors';
import { createLogger, createPipelineMetrics, buildOpsServer, type Logger, type PipelineMetrics } from '@cwp/observability';
import { createSerde, type Serde } from '@cwp/registry';
import { fullJitterDelayMs } from './backoff.js';
import { classifyError, type Classified } from './classify-error.js';
import { dlqTopicOf, sanitizeErrorMessage } from './dead-letter.js';
import { eventTimeMs } from './event-time.js';
import { createKafkaClient, kafkaSecurityOf } from './kafka-client.js';
import { mapKeyedConcurrently } from './keyed-concurrency.js';
import { processRecord, type PipelineDeps, type RecordOutcome } from './record-pipeline.js';
import type { RuntimeConfig } from './stage-config.js';
import type { Headers, RawRecord, Transform } from './types.js';

/** Everything a stage is made of; ports (serde, logger, metrics, clock) are injectable for tests. */
export interface StageOptions<T> {
  /** Stage name: logs, metrics `service` label, dlq.stage header. */
  readonly name: string;
  /** Consumer group id; also the default transactional id prefix. */
  readonly groupId: string;
  readonly input: { readonly topic: string; readonly subject?: string };
  /** Every topic the transform may produce to, with the subject it is encoded with (default `${topic}-value`). */
  readonly outputs: readonly { readonly topic: string; readonly subject?: string }[];
  readonly transform: Transform<T>;
  /**
   * With RECORD_CONCURRENCY > 1: the key whose records must keep their order (default: the Kafka
   * key). Records of different keys in one batch run concurrently; null keys run in order.
   */
  readonly orderKey?: (value: T) => string | null;
  readonly config: RuntimeConfig;
  readonly serde?: Serde;
  readonly logger?: Logger;
  readonly metrics?: PipelineMetrics;
  readonly now?: () => Date;
  /** Called when the stage cannot go on (the consumer crashed without restarting); runStage exits 1. */
  readonly onFatal?: (err: unknown) => void;
}

/** A running (or runnable) stage. */
export interface Stage {
  /** Checks topics and subjects, starts the ops server, joins the group and starts consuming. */
  start(): Promise<void>;
  /** Stops fetching, finishes and commits the batch in hand, disconnects everything. Idempotent. */
  stop(): Promise<void>;
  /** Consumer connected and at least one input partition assigned. */
  isReady(): boolean;
  /** host:port of the ops server once started. */
  opsAddress(): string | null;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
}

// Java-client-compatible murmur2 partitioning, so a key lands on the same partition whichever client wrote it.
const { Partitioners } = kafkajs;

interface PartitionState {
  producer: Producer | null;
  needsOffsetCheck: boolean;
  attempt: number;
  busy: boolean;
  discardWhenIdle: boolean;
  retryTimer: NodeJS.Timeout | undefined;
}

class RetryBatch extends Error {
  constructor(readonly failure: Classified, cause: unknown) {
    super(`transient failure ${failure.code}`, { cause });
  }
}

function toKafkaHeaders(h: Headers): IHeaders {
  const out: IHeaders = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = typeof v === 'string' || Buffer.isBuffer(v) ? v : [...v];
  return out;
}

// kafkajs keeps the offset a batch was fetched from on the batch but leaves it out of its types.
function fetchedOffsetOf(batch: EachBatchPayload['batch']): string {
  return String((batch as unknown as { fetchedOffset: string }).fetchedOffset);
}

// kafkajs writes all of one partition's messages in a sendBatch as ONE record batch and never
// splits it; the broker rejects batches over message.max.bytes (1 MiB by default) and a 1 MiB
// input fetch can easily produce more. Requests are therefore capped well below that.
const MAX_REQUEST_BYTES = 512 * 1024;

function approxBytes(m: Message): number {
  let n = 70 + (m.key ? Buffer.byteLength(m.key) : 0) + (m.value ? Buffer.byteLength(m.value) : 0);
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    n += k.length + 8;
    for (const part of Array.isArray(v) ? v : [v]) if (part !== undefined) n += Buffer.byteLength(part);
  }
  return n;
}

/** Splits topic messages into sendBatch payloads of at most MAX_REQUEST_BYTES (a bigger single record goes alone). */
function chunkBySize(topicMessages: { topic: string; messages: Message[] }[]): { topic: string; messages: Message[] }[][] {
  const chunks: { topic: string; messages: Message[] }[][] = [];
  let current: { topic: string; messages: Message[] }[] = [];
  let size = 0;
  for (const { topic, messages } of topicMessages) {
    let entry: { topic: string; messages: Message[] } | null = null;
    for (const m of messages) {
      const b = approxBytes(m);
      if (size + b > MAX_REQUEST_BYTES && size > 0) { chunks.push(current); current = []; size = 0; entry = null; }
      if (!entry) { entry = { topic, messages: [] }; current.push(entry); }
      entry.messages.push(m);
      size += b;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}

/** Creates a stage; nothing connects until start(). */
export function createStage<T>(options: StageOptions<T>): Stage {
  const { config, groupId } = options;
  const inputTopic = options.input.topic;
  const dlqTopic = dlqTopicOf(inputTopic);
  const exactlyOnce = config.DELIVERY_MODE === 'exactly-once';
  const txnPrefix = config.TRANSACTIONAL_ID_PREFIX ?? groupId;
  const logger = (options.logger ?? createLogger({ service: options.name, level: config.LOG_LEVEL })).child({ stage: options.name, inputTopic });
  const metrics = options.metrics ?? createPipelineMetrics({ service: options.name });
  const serde = options.serde ?? createSerde({ url: config.SCHEMA_REGISTRY_URL });
  const now = options.now ?? (() => new Date());
  const kafka = createKafkaClient({ clientId: `cwp-${options.name}`, brokers: config.KAFKA_BROKERS, security: kafkaSecurityOf(config), logger });
  const ops = buildOpsServer({ registry: metrics.registry, isReady: () => isReady(), notReadyReason: () => notReadyReason() });

  // DLQ spikes (issue 9): dead letters of this process within a sliding window; the batch whose dead
  // letters take the count over the threshold carries a DLQ_SPIKE SecurityAlert in its own
  // transaction, so the alert commits exactly when those dead letters do.
  const spikeAlerts = config.DLQ_SPIKE_THRESHOLD > 0;
  const alertTopic = config.SECURITY_ALERT_TOPIC;
  const deadLetterTimes: number[] = [];
  function spikeAlert(newDeadLetters: number, at: number): SecurityAlert | null {
    if (!spikeAlerts || newDeadLetters === 0) return null;
    const since = at - config.DLQ_SPIKE_WINDOW_MS;
    while (deadLetterTimes.length > 0 && deadLetterTimes[0]! < since) deadLetterTimes.shift();
    const before = deadLetterTimes.length;
    const after = before + newDeadLetters;
    if (before >= config.DLQ_SPIKE_THRESHOLD || after < config.DLQ_SPIKE_THRESHOLD) return null;
    return {
      alertId: randomUUID(), category: 'DLQ_SPIKE', severity: 'HIGH', service: options.name, principal: null,
      description: `${after} records dead-lettered from ${inputTopic} within ${Math.round(config.DLQ_SPIKE_WINDOW_MS / 1000)} s (threshold ${config.DLQ_SPIKE_THRESHOLD}); see ${dlqTopic}.`,
      occurredAt: at,
      attributes: { topic: inputTopic, dlqTopic, deadLetters: String(after), threshold: String(config.DLQ_SPIKE_THRESHOLD), windowSeconds: String(Math.round(config.DLQ_SPIKE_WINDOW_MS / 1000)) },
    };
  }

  const partitions = new Map<number, PartitionState>();
  const assigned = new Set<number>();
  let consumer: Consumer | null = null;
  let admin: Admin | null = null;
  let sharedProducer: Producer | null = null;
  let connected = false;
  let stopping = false;
  let stopped: Promise<void> | null = null;
  let address: string | null = null;

  const deps: PipelineDeps<T, Buffer> = {
    stage: options.name,
    transform: options.transform,
    decode: async (raw: RawRecord) => {
      if (raw.value === null) throw new DecodeError('NULL_VALUE', 'record has no value (tombstone); stages expect an Avro value');
      return (await serde.decode<T>(raw.value)).value;
    },
    encode: (o) => serde.encode(o.subject, o.value),
    outputTopics: new Set(options.outputs.map((o) => o.topic)),
    outputSubjects: new Map(options.outputs.map((o) => [o.topic, o.subject ?? `${o.topic}-value`])),
    now,
  };

  function isReady(): boolean {
    return connected && !stopping && assigned.size > 0;
  }
  function notReadyReason(): string {
    if (stopping) return 'stopping';
    if (!connected) return 'consumer not connected';
    return 'no input partition assigned';
  }

  function stateOf(partition: number): PartitionState {
    let s = partitions.get(partition);
    if (!s) {
      s = { producer: null, needsOffsetCheck: true, attempt: 0, busy: false, discardWhenIdle: false, retryTimer: undefined };
      partitions.set(partition, s);
    }
    return s;
  }

  async function discardProducer(s: PartitionState): Promise<void> {
    const p = s.producer;
    s.producer = null;
    s.needsOffsetCheck = true;
    if (p) await withTimeout(p.disconnect(), 5000);
  }

  async function createTransactionalProducer(partition: number): Promise<Producer> {
    const producer = kafka.producer({
      transactionalId: `${txnPrefix}.${inputTopic}.${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      transactionTimeout: 30_000,
      retry: { retries: 5, initialRetryTime: options.config.PRODUCER_RETRY_BASE_MS, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
    } catch (err) {
      await withTimeout(producer.disconnect(), 2000);
      throw err;
    }
    return producer;
  }

  async function committedOffset(partition: number): Promise<string | null> {
    if (!admin) throw new Error('admin client is not connected');
    const res = await admin.fetchOffsets({ groupId, topics: [inputTopic] });
    const offset = res.find((t) => t.topic === inputTopic)?.partitions.find((p) => p.partition === partition)?.offset;
    return offset === undefined || offset === '-1' ? null : offset;
  }

  /**
   * The batch's records through the pipeline, in offset order or (RECORD_CONCURRENCY > 1) concurrently
   * across ordering keys; outcomes in offset order. After a retry outcome no further record starts.
   */
  async function processBatchRecords(messages: readonly KafkaMessage[], partition: number): Promise<(RecordOutcome<T, Buffer> | undefined)[]> {
    const raws: RawRecord[] = messages.map((m) => ({
      key: m.key ?? null, value: m.value ?? null, headers: m.headers ?? {},
      topic: inputTopic, partition, offset: m.offset, timestamp: Number(m.timestamp),
    }));
    const concurrency = config.RECORD_CONCURRENCY;
    const decoded: ({ value: T } | undefined)[] = [];
    const orderKey = options.orderKey;
    if (concurrency > 1 && orderKey) {
      // Decoded once here for the ordering key; a record that fails to decode (or to yield a key) is
      // left to processRecord, which decodes again and dead-letters or retries it as usual.
      for (const raw of raws) {
        try { decoded.push({ value: await deps.decode(raw) }); } catch { decoded.push(undefined); }
      }
    }
    const keyOf = (raw: RawRecord, i: number): string | null => {
      const d = decoded[i];
      if (orderKey && d) {
        try { return orderKey(d.value); } catch { return null; }
      }
      return raw.key === null ? null : raw.key.toString('base64');
    };
    return mapKeyedConcurrently(raws, keyOf, concurrency, (raw, i) => processRecord(deps, raw, decoded[i]), (o) => o.kind === 'retry');
  }

  async function handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    logger.debug({ partition: batch.partition, fetched: fetchedOffsetOf(batch), count: batch.messages.length, stale: payload.isStale(), running: payload.isRunning() }, 'batch fetched');
    if (stopping || !payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
    const { partition } = batch;
    const s = stateOf(partition);
    const plog = logger.child({ partition });
    s.busy = true;
    let txn: Transaction | null = null;
    const fetchedAt = performance.now();
    try {
      if (exactlyOnce) {
        if (!s.producer) {
          s.producer = await createTransactionalProducer(partition);
          s.needsOffsetCheck = true;
        }
        // The first transaction() of a producer runs InitProducerId: fences the previous owner of
        // this transactional id and waits for its transaction to complete.
        txn = await s.producer.transaction();
        plog.debug('transaction begun');
        if (s.needsOffsetCheck) {
          const committed = await committedOffset(partition);
          s.needsOffsetCheck = false;
          if (committed !== null && committed !== fetchedOffsetOf(batch)) {
            await txn.abort();
            txn = null;
            plog.info({ committed, fetched: fetchedOffsetOf(batch) }, 'fetch position differs from the committed offset: seeking to the committed offset');
            consumer?.seek({ topic: inputTopic, partition, offset: committed });
            return;
          }
        }
      }

      const byTopic = new Map<string, Message[]>();
      const push = (topic: string, m: Message): void => {
        let list = byTopic.get(topic);
        if (!list) byTopic.set(topic, (list = []));
        list.push(m);
      };
      const eventTimes: number[] = [];
      const transformSeconds: number[] = [];
      const deadReasons: string[] = [];
      const processingAt = performance.now();
      const outcomes = await processBatchRecords(batch.messages, partition);
      const processedAt = performance.now();
      for (const [i, m] of batch.messages.entries()) {
        const outcome = outcomes[i];
        if (!outcome) break; // not started: an earlier record asked for a retry (thrown below)
        if (outcome.kind === 'retry') throw new RetryBatch(outcome.failure, outcome.error);
        if (outcome.kind === 'dead-letter') {
          const d = outcome.deadLetter;
          push(d.topic, { key: d.key, value: d.value, headers: toKafkaHeaders(d.headers), timestamp: m.timestamp });
          deadReasons.push(outcome.failure.code);
          plog.warn({ offset: m.offset, code: outcome.failure.code, errorClass: outcome.failure.errorClass }, 'record dead-lettered');
          continue;
        }
        // Outputs keep the input's timestamp (as Kafka Streams does), so event time flows downstream.
        for (const o of outcome.outputs) push(o.topic, { key: o.key, value: o.value, headers: toKafkaHeaders(o.headers), timestamp: m.timestamp });
        eventTimes.push(eventTimeMs(outcome.value, Number(m.timestamp)));
        transformSeconds.push(outcome.transformSeconds);
      }
      const batchAt = now().getTime();
      const alert = spikeAlert(deadReasons.length, batchAt);
      if (alert) push(alertTopic, { key: options.name, value: await serde.encode(`${alertTopic}-value`, alert), timestamp: String(batchAt) });
      await payload.heartbeat();

      const last = batch.messages[batch.messages.length - 1]!.offset;
      const next = (BigInt(last) + 1n).toString();
      const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
      const offsets = { topics: [{ topic: inputTopic, partitions: [{ partition, offset: next }] }] };
      if (txn) {
        for (const chunk of chunkBySize(topicMessages)) await txn.sendBatch({ topicMessages: chunk, acks: -1 });
        const sentAt = performance.now();
        await txn.sendOffsets({ consumerGroupId: groupId, ...offsets });
        const offsetsAt = performance.now();
        await txn.commit();
        txn = null;
        // Where a batch's time goes (ms): begin (transaction and offset check), records, produce, offsets, commit.
        const ms = (a: number, b: number) => Math.round(b - a);
        plog.debug({ next, batchSize: batch.messages.length, beginMs: ms(fetchedAt, processingAt), recordsMs: ms(processingAt, processedAt), produceMs: ms(processedAt, sentAt), offsetsMs: ms(sentAt, offsetsAt), commitMs: ms(offsetsAt, performance.now()) }, 'transaction committed');
      } else {
        for (const chunk of chunkBySize(topicMessages)) await sharedProducer!.sendBatch({ topicMessages: chunk, acks: -1 });
        await payload.commitOffsetsIfNecessary(offsets);
      }
      payload.resolveOffset(last);
      s.attempt = 0;
      for (let i = 0; i < deadReasons.length; i++) deadLetterTimes.push(batchAt);
      if (alert) logger.warn({ deadLetters: alert.attributes.deadLetters, alertId: alert.alertId }, 'DLQ spike: security alert raised');

      const committedAt = now().getTime();
      const p = String(partition);
      metrics.consumed.inc({ topic: inputTopic, partition: p }, batch.messages.length);
      for (const { topic, messages } of topicMessages) if (topic !== dlqTopic && topic !== alertTopic) metrics.produced.inc({ topic }, messages.length);
      for (const reason of deadReasons) metrics.deadLettered.inc({ topic: inputTopic, reason });
      for (const t of transformSeconds) metrics.transformDuration.observe({ topic: inputTopic }, t);
      for (const t of eventTimes) metrics.endToEndLatency.observe({ topic: inputTopic }, Math.max(0, committedAt - t) / 1000);
      metrics.consumerLag.set({ topic: inputTopic, partition: p }, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))));
    } catch (err) {
      const failure = err instanceof RetryBatch ? err.failure : classifyError(err);
      if (txn?.isActive()) await withTimeout(txn.abort(), 5000);
      if (exactlyOnce) await discardProducer(s);
      const delayMs = fullJitterDelayMs(s.attempt, { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS });
      s.attempt += 1;
      metrics.retried.inc({ topic: inputTopic, partition: String(partition), reason: failure.code });
      plog.warn({ code: failure.code, errorClass: failure.errorClass, error: sanitizeErrorMessage(err instanceof RetryBatch ? err.cause : err), attempt: s.attempt, delayMs },
        'transient failure: batch aborted, partition paused, retrying after backoff');
      if (!stopping) {
        consumer?.seek({ topic: inputTopic, partition, offset: fetchedOffsetOf(batch) });
        const resume = payload.pause();
        clearTimeout(s.retryTimer);
        s.retryTimer = setTimeout(() => { s.retryTimer = undefined; if (!stopping) resume(); }, delayMs);
      }
    } finally {
      s.busy = false;
      if (s.discardWhenIdle) {
        s.discardWhenIdle = false;
        await discardProducer(s);
      }
    }
  }

  function onAssignment(memberAssignment: Record<string, number[]>): void {
    assigned.clear();
    for (const p of memberAssignment[inputTopic] ?? []) assigned.add(p);
    logger.info({ partitions: [...assigned] }, 'partitions assigned');
    // A new generation: every producer is re-initialised before its next batch, so any transaction
    // of a previous owner is complete and the committed offset re-read is stable (pre-KIP-447).
    for (const [p, s] of partitions) {
      if (s.busy) s.discardWhenIdle = true;
      else void discardProducer(s);
      if (!assigned.has(p)) { clearTimeout(s.retryTimer); if (!s.busy) partitions.delete(p); }
    }
  }

  async function checkContract(): Promise<void> {
    const problems: string[] = [];
    const topics = new Set(await admin!.listTopics());
    const alertOutputs = spikeAlerts ? [{ topic: alertTopic, subject: `${alertTopic}-value` }] : [];
    for (const t of [inputTopic, dlqTopic, ...options.outputs.map((o) => o.topic), ...alertOutputs.map((o) => o.topic)]) if (!topics.has(t)) problems.push(`topic ${t} does not exist (declare it in infra/topics.json)`);
    for (const o of [...options.outputs, ...alertOutputs]) {
      const subject = o.subject ?? `${o.topic}-value`;
      try { await serde.latestId(subject); } catch (err) {
        if (classifyError(err).action === 'retry') throw err;
        problems.push(`subject ${subject} has no registered schema`);
      }
    }
    if (problems.length > 0) throw new ConfigError(`stage ${options.name} cannot start:\n  ${problems.join('\n  ')}`);
  }

  async function start(): Promise<void> {
    const listened = await ops.listen({ host: config.METRICS_HOST, port: config.METRICS_PORT });
    address = listened.replace(/^https?:\/\//, '');
    admin = kafka.admin();
    await admin.connect();
    await checkContract();
    if (!exactlyOnce) {
      sharedProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await sharedProducer.connect();
    }
    const c = kafka.consumer({
      groupId,
      sessionTimeout: config.SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.min(3000, Math.floor(config.SESSION_TIMEOUT_MS / 3)),
      maxWaitTimeInMs: config.FETCH_MAX_WAIT_MS,
      maxBytesPerPartition: config.MAX_BYTES_PER_PARTITION,
      readUncommitted: false,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    consumer = c;
    c.on(c.events.CONNECT, () => { connected = true; });
    c.on(c.events.DISCONNECT, () => { connected = false; });
    c.on(c.events.GROUP_JOIN, (e) => { connected = true; onAssignment(e.payload.memberAssignment); });
    c.on(c.events.CRASH, (e) => {
      connected = false;
      assigned.clear();
      const error = e.payload.error;
      logger.error({ errorClass: error.name, error: sanitizeErrorMessage(error), restart: e.payload.restart }, 'consumer crashed');
      if (!e.payload.restart && !stopping) options.onFatal?.(error);
    });
    await c.connect();
    await c.subscribe({ topic: inputTopic, fromBeginning: config.FROM_BEGINNING });
    await c.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: config.PARTITIONS_CONSUMED_CONCURRENTLY,
      eachBatch: handleBatch,
    });
    logger.info({ groupId, delivery: config.DELIVERY_MODE, ops: address }, 'stage started');
  }

  async function doStop(): Promise<void> {
    stopping = true;
    logger.info('stopping: finishing the batch in hand');
    for (const s of partitions.values()) clearTimeout(s.retryTimer);
    // disconnect() stops fetching, waits for the running eachBatch (it commits), then leaves the group.
    if (consumer) await consumer.disconnect();
    await Promise.all([...partitions.values()].map((s) => discardProducer(s)));
    if (sharedProducer) await withTimeout(sharedProducer.disconnect(), 5000);
    if (admin) await withTimeout(admin.disconnect(), 5000);
    await ops.close();
    logger.info('stopped');
  }

  return {
    start,
    stop: () => (stopped ??= doStop()),
    isReady,
    opsAddress: () => address,
    metrics,
    logger,
  };
}

// Where replayed records go. A copy keeps key, value and headers byte for byte and the source
// partition, adding replay.source; the NDJSON file keeps every byte as base64; a transform sink
// runs each record through the shared per-record pipeline (processRecord), so decode, transform
// and encode failures are classified and dead-lettered exactly as in production, to <sandbox>.dlq.
import { createWriteStream } from 'node:fs';
import type { IHeaders, Message, Producer } from 'kafkajs';
import { DecodeError } from '@cwp/errors';
import type { Serde } from '@cwp/registry';
import type { Headers, Output } from '@cwp/stream-runtime';
import { dlqTopicOf, fullJitterDelayMs, processRecord } from '@cwp/stream-runtime';
import { ReplayError } from './errors.js';
import { toNdjsonLine } from './ndjson.js';
import type { ReplayStage } from './stages.js';
import type { ReplayRecord } from './types.js';
import { REPLAY_SOURCE_HEADER, replaySource } from './types.js';

/** Receives replayed records in offset order per partition. */
export interface ReplaySink {
  write(records: readonly ReplayRecord[]): Promise<void>;
  close(): Promise<void>;
  /** Records produced (copies or transform outputs) and dead letters written. */
  stats(): { outputs: number; deadLetters: number };
}

function toKafkaHeaders(headers: Headers | IHeaders, source: string): IHeaders {
  const out: IHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? [...(v as readonly (Buffer | string)[])] : (v as Buffer | string);
  out[REPLAY_SOURCE_HEADER] = source;
  return out;
}

/** Copies records to `sandbox`, same partition, key, value and headers, plus replay.source. */
export function createCopySink(producer: Producer, sandbox: string): ReplaySink {
  let outputs = 0;
  return {
    async write(records) {
      const messages: Message[] = records.map((r) => ({ partition: r.partition, key: r.key, value: r.value, headers: toKafkaHeaders(r.headers, replaySource(r)) }));
      await producer.send({ topic: sandbox, acks: -1, messages });
      outputs += messages.length;
    },
    close: () => Promise.resolve(),
    stats: () => ({ outputs, deadLetters: 0 }),
  };
}

/** Appends one NDJSON line per record to a new file (mode 600: it holds record content). */
export function createFileSink(path: string): ReplaySink {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const opened = new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', reject); });
  let closed: Promise<void> | undefined;
  let outputs = 0;
  return {
    async write(records) {
      await opened;
      const text = records.map((r) => `${toNdjsonLine(r)}\n`).join('');
      await new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
      outputs += records.length;
    },
    close() {
      closed ??= opened.then(() => new Promise<void>((resolve, reject) => { stream.once('error', reject); stream.end(() => resolve()); }));
      return closed;
    },
    stats: () => ({ outputs, deadLetters: 0 }),
  };
}

/** Counts only: a dry run writes nothing. */
export function createCountingSink(): ReplaySink {
  return { write: () => Promise.resolve(), close: () => Promise.resolve(), stats: () => ({ outputs: 0, deadLetters: 0 }) };
}

/** What a transform sink needs. */
export interface TransformSinkOptions {
  readonly producer: Producer;
  readonly sandbox: string;
  readonly stage: ReplayStage;
  readonly serde: Serde;
  readonly now?: () => Date;
  /** Attempts of a record whose failure is retriable (a dependency down) before the replay fails. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Runs the stage's transform over each record; outputs to the sandbox, dead letters to <sandbox>.dlq. */
export function createTransformSink(options: TransformSinkOptions): ReplaySink {
  const { producer, sandbox, stage, serde } = options;
  const dlq = dlqTopicOf(sandbox);
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deps = {
    stage: `replay:${stage.name}`,
    transform: stage.transform,
    decode: async (raw: { value: Buffer | null }): Promise<unknown> => {
      if (raw.value === null) throw new DecodeError('EMPTY_VALUE', 'record has no value (tombstone)');
      return (await serde.decode(raw.value)).value;
    },
    encode: (o: Output & { readonly subject: string }): Promise<Buffer> => serde.encode(o.subject, o.value),
    outputTopics: new Set([sandbox]),
    now: options.now ?? (() => new Date()),
  };
  let outputs = 0;
  let deadLetters = 0;
  return {
    async write(records) {
      const messages: Message[] = [];
      const dead: Message[] = [];
      for (const r of records) {
        const raw = { key: r.key, value: r.value, headers: r.headers, topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestamp };
        for (let attempt = 0; ; attempt++) {
          const outcome = await processRecord(deps, raw);
          if (outcome.kind === 'ok') {
            for (const o of outcome.outputs) messages.push({ key: o.key, value: o.value, headers: toKafkaHeaders(o.headers, replaySource(r)) });
            break;
          }
          if (outcome.kind === 'dead-letter') {
            const d = outcome.deadLetter;
            dead.push({ partition: 0, key: d.key, value: d.value, headers: toKafkaHeaders(d.headers, replaySource(r)) });
            break;
          }
          if (attempt + 1 >= maxAttempts) {
            throw new ReplayError('TRANSFORM_RETRIES_EXHAUSTED', `${stage.name} failed retriably (${outcome.failure.code}) ${maxAttempts} times at ${replaySource(r)}: is its dependency up?`, { cause: outcome.error, retriable: true });
          }
          await sleep(fullJitterDelayMs(attempt, { baseMs: 200, maxMs: 5000 }));
        }
      }
      if (messages.length > 0) await producer.send({ topic: sandbox, acks: -1, messages });
      if (dead.length > 0) await producer.send({ topic: dlq, acks: -1, messages: dead });
      outputs += messages.length;
      deadLetters += dead.length;
    },
    close: () => Promise.resolve(),
    stats: () => ({ outputs, deadLetters }),
  };
}

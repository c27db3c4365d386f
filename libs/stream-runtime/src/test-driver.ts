// Runs a transform through the same per-record pipeline as the Kafka runtime, without a broker or
// a registry (after Kafka Streams' TopologyTestDriver): decoding is bypassed (the test passes
// decoded values), outputs come back unencoded, failures are classified and dead-lettered exactly
// as in production.
import type { Classified } from './classify-error.js';
import { processRecord } from './record-pipeline.js';
import type { DeadLetter, Headers, Output, Transform } from './types.js';

/** One input for the driver; everything but the value has a default. */
export interface DriverInput<T> {
  readonly value: T;
  readonly key?: string | null;
  readonly headers?: Headers;
  readonly partition?: number;
  readonly offset?: string | number;
  readonly timestamp?: number;
  /** The "original bytes" a dead letter would carry; defaults to null (decoding is bypassed). */
  readonly bytes?: Buffer | null;
}

/** Everything the pipeline did with the inputs given so far. */
export interface DriverResult {
  readonly outputs: readonly (Output & { readonly subject: string })[];
  readonly deadLetters: readonly DeadLetter[];
  /** Failures the runtime would answer by aborting the batch and retrying it after backoff. */
  readonly retries: readonly Classified[];
}

/** Options of a test driver. */
export interface TestDriverOptions {
  readonly stage?: string;
  readonly inputTopic?: string;
  /** Declared output topics; when set, outputs to other topics are dead-lettered as in production. */
  readonly outputs?: readonly string[];
  readonly now?: () => Date;
}

/** A broker-free runner of one transform. */
export interface TestDriver<T> {
  /** Runs one input; its offset defaults to one past the previous input's. */
  process(input: DriverInput<T>): Promise<DriverResult>;
  /** Runs inputs in order and concatenates the results. */
  pipe(inputs: readonly DriverInput<T>[]): Promise<DriverResult>;
}

/** Creates a test driver for `transform`. */
export function createTestDriver<T>(transform: Transform<T>, options: TestDriverOptions = {}): TestDriver<T> {
  const topic = options.inputTopic ?? 'test.input.v1';
  let nextOffset = 0;
  const deps = {
    stage: options.stage ?? 'test-stage',
    transform,
    decode: (): T => { throw new Error('the test driver bypasses decoding'); },
    encode: (o: Output & { readonly subject: string }): Output & { readonly subject: string } => o,
    outputTopics: options.outputs ? new Set(options.outputs) : null,
    now: options.now ?? (() => new Date()),
  };

  async function processOne(input: DriverInput<T>): Promise<DriverResult> {
    const offset = input.offset === undefined ? nextOffset : Number(input.offset);
    nextOffset = offset + 1;
    const raw = {
      key: input.key === undefined || input.key === null ? null : Buffer.from(input.key, 'utf8'),
      value: input.bytes ?? null,
      headers: input.headers ?? {},
      topic,
      partition: input.partition ?? 0,
      offset: String(offset),
      timestamp: input.timestamp ?? Date.now(),
    };
    const outcome = await processRecord(deps, raw, { value: input.value });
    switch (outcome.kind) {
      case 'ok':
        return { outputs: outcome.outputs.map((o) => o.value), deadLetters: [], retries: [] };
      case 'dead-letter':
        return { outputs: [], deadLetters: [outcome.deadLetter], retries: [] };
      case 'retry':
        return { outputs: [], deadLetters: [], retries: [outcome.failure] };
    }
  }

  return {
    process: processOne,
    async pipe(inputs) {
      const all = { outputs: [] as (Output & { readonly subject: string })[], deadLetters: [] as DeadLetter[], retries: [] as Classified[] };
      for (const input of inputs) {
        const r = await processOne(input);
        all.outputs.push(...r.outputs);
        all.deadLetters.push(...r.deadLetters);
        all.retries.push(...r.retries);
      }
      return all;
    },
  };
}

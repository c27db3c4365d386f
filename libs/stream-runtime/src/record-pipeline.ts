// The per-record pipeline shared by the Kafka runtime and the test driver: decode, transform,
// check and encode the outputs; any failure is classified here and nowhere else.
import { ValidationError } from '@cwp/errors';
import { classifyError, type Classified } from './classify-error.js';
import { buildDeadLetter, sanitizeErrorMessage } from './dead-letter.js';
import type { DeadLetter, EncodedRecord, Output, RawRecord, StageRecord, Transform } from './types.js';

/** What the pipeline needs; the runtime decodes/encodes through the registry, the test driver bypasses it. */
export interface PipelineDeps<T, V> {
  readonly stage: string;
  readonly transform: Transform<T>;
  readonly decode: (record: RawRecord) => Promise<T> | T;
  readonly encode: (output: Output & { readonly subject: string }) => Promise<V> | V;
  /** Topics the stage declared; an output to any other topic is a transform bug (dead-lettered). Null = any. */
  readonly outputTopics: ReadonlySet<string> | null;
  /** Subject each declared output topic is encoded with, when it is not `${topic}-value`. */
  readonly outputSubjects?: ReadonlyMap<string, string>;
  readonly now: () => Date;
}

/** The result of one record. Retries carry no dead letter: the whole batch is retried. */
export type RecordOutcome<T, V> =
  | { readonly kind: 'ok'; readonly value: T; readonly outputs: readonly EncodedRecord<V>[]; readonly transformSeconds: number }
  | { readonly kind: 'dead-letter'; readonly deadLetter: DeadLetter; readonly failure: Classified }
  | { readonly kind: 'retry'; readonly failure: Classified; readonly error: unknown };

/** Runs one record through decode → transform → encode and classifies any failure. Never throws. */
export async function processRecord<T, V>(deps: PipelineDeps<T, V>, raw: RawRecord, decoded?: { value: T }): Promise<RecordOutcome<T, V>> {
  let value: T | undefined;
  try {
    value = decoded ? decoded.value : await deps.decode(raw);
    const record: StageRecord<T> = {
      key: raw.key === null ? null : raw.key.toString('utf8'),
      value,
      headers: raw.headers,
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      timestamp: raw.timestamp,
    };
    const started = process.hrtime.bigint();
    const outputs = await deps.transform(record);
    const transformSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const encoded: EncodedRecord<V>[] = [];
    for (const out of outputs) {
      if (deps.outputTopics && !deps.outputTopics.has(out.topic)) {
        throw new ValidationError('UNDECLARED_OUTPUT', `transform returned an output for topic ${out.topic}, which the stage did not declare in outputs`);
      }
      const subject = out.subject ?? deps.outputSubjects?.get(out.topic) ?? `${out.topic}-value`;
      encoded.push({ topic: out.topic, key: out.key, value: await deps.encode({ ...out, subject }), headers: out.headers ?? {} });
    }
    return { kind: 'ok', value, outputs: encoded, transformSeconds };
  } catch (err) {
    const failure = classifyError(err);
    if (failure.action === 'retry') return { kind: 'retry', failure, error: err };
    const content: unknown[] = [raw.key?.toString('utf8'), value];
    const deadLetter = buildDeadLetter(raw, { stage: deps.stage, failure, message: sanitizeErrorMessage(err, content), time: deps.now() });
    return { kind: 'dead-letter', deadLetter, failure };
  }
}

// The identity stage: every input record, unchanged, to one output topic. It is the benchmark
// baseline (what the runtime itself costs: decode, encode, transactions) and the stage the
// runtime's integration tests crash, restart and stop.
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';

/** Identity transform to `outputTopic`; the value is re-encoded with `subject` (the input's schema). */
export function createPassthrough(outputTopic: string, subject: string): Transform<unknown> {
  return (record: StageRecord<unknown>): Output[] => [{ topic: outputTopic, key: record.key, value: record.value, headers: record.headers, subject }];
}

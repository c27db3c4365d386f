// The record the replay moves: exactly what the broker returned, bytes untouched.
import type { IHeaders } from 'kafkajs';

/** One source record. `offset` is a decimal string (Kafka offsets are 64-bit). */
export interface ReplayRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Kafka record timestamp, epoch milliseconds. */
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** The header every replayed record carries: where it came from. */
export const REPLAY_SOURCE_HEADER = 'replay.source';

/** The value of the replay.source header: topic/partition/offset. */
export function replaySource(r: Pick<ReplayRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${r.topic}/${r.partition}/${r.offset}`;
}

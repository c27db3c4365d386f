// The records a transform sees and returns. A transform is pure: no Kafka, no registry, only
// the decoded record in and the records to produce out.

/** Kafka header values as they arrive (Buffer) or as a transform may set them (string). */
export type HeaderValue = Buffer | string | ReadonlyArray<Buffer | string>;

/** Record headers; keys are header names. */
export type Headers = Readonly<Record<string, HeaderValue | undefined>>;

/** One decoded input record, immutable. `offset` is a decimal string (Kafka offsets are 64-bit). */
export interface StageRecord<T> {
  readonly key: string | null;
  readonly value: T;
  readonly headers: Headers;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Kafka record timestamp, epoch milliseconds. */
  readonly timestamp: number;
}

/** One record a transform asks the runtime to produce. `subject` defaults to `${topic}-value`. */
export interface Output {
  readonly topic: string;
  readonly key: string | null;
  readonly value: unknown;
  readonly headers?: Headers;
  readonly subject?: string;
}

/** A stage's transform: zero, one or many outputs per input; throw to dead-letter or retry. */
export type Transform<T> = (record: StageRecord<T>) => Promise<readonly Output[]> | readonly Output[];

/** An input record before decoding, as the broker delivered it (key and value are the original bytes). */
export interface RawRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Headers;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: number;
}

/** A record ready to produce: value already encoded (bytes in the runtime, the value itself in the test driver). */
export interface EncodedRecord<V> {
  readonly topic: string;
  readonly key: string | null;
  readonly value: V;
  readonly headers: Headers;
}

/** A dead letter: the original key and value bytes, the original headers plus the dlq.* headers. */
export interface DeadLetter {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, HeaderValue>>;
}

// Public shapes of the synthetic generator.
import type { EventType, RawEvent, RawEventOf } from '@cwp/avro';
import type { PiiLabel } from './labels.js';

/** Kinds of personal data the generator plants and records. */
export type PiiKind = 'name' | 'nik' | 'phone' | 'email' | 'address' | 'dob';

/** One personal-data string the generator put into an event, exactly as it appears there. */
export interface PlantedPii {
  readonly kind: PiiKind;
  readonly value: string;
}

/** One generated event with its Kafka key (the subject id) and the personal data it carries. */
export interface GeneratedEvent<E = RawEvent> {
  readonly event: E;
  readonly key: string;
  readonly planted: readonly PlantedPii[];
  /**
   * Exact spans of the personal data written into free text, keyed by the field's dot path inside
   * the payload record ('caseNotes', 'description'); a field with no PII span has no key. Produced
   * while the note is written, so every span is exactly what was inserted. Always set by
   * createGenerator; optional so hand-built events (tests, fixtures) need not carry it.
   */
  readonly labels?: Readonly<Record<string, readonly PiiLabel[]>>;
}

/** Options of createGenerator. */
export interface GeneratorOptions {
  /** Same seed, same sequence of events. */
  readonly seed: number | string;
  /** Event time of the first event, epoch ms (default 2025-01-06T00:00:00Z, fixed so runs are reproducible). */
  readonly startTime?: number;
  /** Number of children in the pool events refer to (default 200). */
  readonly childCount?: number;
  /**
   * Event-time gap between consecutive events, [min, max] ms, drawn uniformly (default
   * [1000, 120000]: about a minute on average). Wider gaps make a few thousand events span
   * months, so monthly aggregation windows close (demo, end-to-end test).
   */
  readonly intervalMs?: readonly [number, number];
}

/** A seeded stream of RawEvents. */
export interface Generator {
  /** The next event, its type drawn from the source mix. */
  next(): GeneratedEvent;
  /** The next n events. */
  batch(n: number): GeneratedEvent[];
  /** The next event, of the given type. */
  ofType<T extends EventType>(eventType: T): GeneratedEvent<RawEventOf<T>>;
}

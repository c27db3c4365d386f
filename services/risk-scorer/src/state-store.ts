// The per-child state port. Contract (both implementations, tests/state-store-contract):
// - observe(child, signal) is atomic and idempotent by eventId: the first call appends the signal
//   with the child's next sequence number; a repeat appends nothing and returns the same sequence;
// - it returns the signals up to and including that sequence number (so a re-evaluation of a
//   redelivered event sees exactly what the first evaluation saw), the open alerts, and the stored
//   outcome of the event when commit() already ran for it;
// - commit(child, eventId, outcome, updates) stores the outcome and applies the alert-state updates
//   atomically, once: a second commit for the same event changes nothing and returns the first outcome.
//   The transform commits only events that change the alert state (most do not): a redelivered event
//   without a stored outcome but with later signals was fully processed with no change (later events
//   of the child are only observed after it finished); without later signals, re-evaluating it sees
//   exactly the state its first evaluation saw.
// Keys are the child's state pseudonym, never the child id.
import type { AlertState, OpenAlert } from './decisions.js';
import type { Signal } from './signals.js';

/** What observe() returns. */
export interface Observation {
  /** The event was already observed (a redelivery). */
  readonly replayed: boolean;
  /** The outcome committed for this event, when commit() already ran for it. */
  readonly outcome: string | null;
  /** Signals of later events of this child exist (this event was processed to the end before them). */
  readonly laterSignals: boolean;
  /** The child's signals up to and including this event's, in processing order. */
  readonly signals: readonly Signal[];
  readonly alerts: AlertState;
}

/** A change of one condition's open alert. */
export interface AlertUpdate {
  readonly condition: string;
  readonly state: OpenAlert | null;
}

/** Limits of the stored state. */
export interface StateLimits {
  /** How long processed event ids are remembered for de-duplication, ms. */
  readonly dedupTtlMs: number;
  /** Most signals kept per child (oldest dropped first). */
  readonly maxSignals: number;
  /** Idle time after which a child's whole state expires, ms (≥ the longest rule window). */
  readonly stateTtlMs: number;
}

/** Per-child risk state. Throws a retriable DependencyError when the store is unavailable. */
export interface RiskStateStore {
  observe(childKey: string, signal: Signal, nowMs: number): Promise<Observation>;
  commit(childKey: string, eventId: string, outcome: string, updates: readonly AlertUpdate[]): Promise<string>;
  /** All signals and open alerts of a child (tests and tools). */
  snapshot(childKey: string): Promise<{ readonly signals: readonly Signal[]; readonly alerts: AlertState }>;
  close(): Promise<void>;
}

// An in-memory RiskStateStore with the Redis store's contract: for unit tests and tools, not for
// production (state dies with the process).
import type { AlertState, OpenAlert } from './decisions.js';
import type { Signal } from './signals.js';
import type { AlertUpdate, Observation, RiskStateStore, StateLimits } from './state-store.js';

interface Child {
  seq: number;
  signals: { seq: number; signal: Signal }[];
  events: Map<string, { seq: number; at: number; outcome: string | null }>;
  alerts: Record<string, OpenAlert>;
}

/** Creates an in-memory store. */
export function createMemoryStateStore(limits: Pick<StateLimits, 'dedupTtlMs' | 'maxSignals'>): RiskStateStore & { readonly children: number } {
  const children = new Map<string, Child>();
  const childOf = (key: string): Child => {
    let c = children.get(key);
    if (!c) children.set(key, (c = { seq: 0, signals: [], events: new Map(), alerts: {} }));
    return c;
  };
  return {
    get children() { return children.size; },
    observe(key, signal, nowMs) {
      const c = childOf(key);
      const seen = c.events.get(signal.eventId);
      let seq: number;
      if (seen) {
        seq = seen.seq;
        if (seen.outcome !== null) return Promise.resolve({ replayed: true, outcome: seen.outcome, laterSignals: false, signals: [], alerts: {} });
      } else {
        seq = ++c.seq;
        c.signals.push({ seq, signal: { ...signal } });
        if (c.signals.length > limits.maxSignals) c.signals.splice(0, c.signals.length - limits.maxSignals);
        c.events.set(signal.eventId, { seq, at: nowMs, outcome: null });
        for (const [id, e] of c.events) if (e.at < nowMs - limits.dedupTtlMs) c.events.delete(id);
      }
      const result: Observation = { replayed: seen !== undefined, outcome: null, laterSignals: c.seq > seq, signals: c.signals.filter((s) => s.seq <= seq).map((s) => s.signal), alerts: { ...c.alerts } };
      return Promise.resolve(result);
    },
    commit(key, eventId, outcome, updates: readonly AlertUpdate[]) {
      const c = childOf(key);
      const e = c.events.get(eventId);
      if (!e) return Promise.resolve(outcome);
      if (e.outcome !== null) return Promise.resolve(e.outcome);
      e.outcome = outcome;
      for (const u of updates) {
        if (u.state) c.alerts[u.condition] = u.state;
        else delete c.alerts[u.condition];
      }
      return Promise.resolve(outcome);
    },
    snapshot(key) {
      const c = childOf(key);
      const alerts: AlertState = { ...c.alerts };
      return Promise.resolve({ signals: c.signals.map((s) => s.signal), alerts });
    },
    close: () => Promise.resolve(),
  };
}

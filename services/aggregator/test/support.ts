// Test helpers: a seeded, deterministic RandomSource (SHA-256 in counter mode, exact rejection
// sampling) so releases can be compared across runs; never used outside tests.
import { createHash } from 'node:crypto';
import type { RandomSource } from '@cwp/privacy';
import type { AggregatorStore, CatalogueQuery, Contribution, LedgerPort, PendingWindow, QueryConfig, ReserveAnswer, StoredContribution, StoredRelease } from '../src/index.js';

/** A deterministic uniform source from `seed`. */
export function seededRandom(seed: string): RandomSource {
  let counter = 0;
  const bytes = (n: number): Buffer => {
    const chunks: Buffer[] = [];
    let len = 0;
    while (len < n) {
      const b = createHash('sha256').update(`${seed}:${counter++}`).digest();
      chunks.push(b);
      len += b.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  };
  return {
    below(n: bigint): bigint {
      if (n <= 1n) return 0n;
      const bits = (n - 1n).toString(2).length;
      const nbytes = (bits + 7) >> 3;
      const excess = BigInt(nbytes * 8 - bits);
      for (;;) {
        const v = BigInt(`0x${bytes(nbytes).toString('hex')}`) >> excess;
        if (v < n) return v;
      }
    },
  };
}

/** A count query over province with the given overrides. */
export function queryOf(overrides: Partial<QueryConfig> = {}): CatalogueQuery {
  return {
    id: 'q', description: 'test', metric: 'count', eventTypes: ['CHILD_RECORD'], dimensions: ['province'],
    window: { size: 'month', allowedLatenessMs: 0 }, dataset: 'children-in-care', consentPurpose: 'analytics', k: 5,
    bounds: { maxGroupsPerPseudonym: 1, maxContributionsPerGroup: 1 },
    ...overrides, stakeholder: 'government', key: `government/${overrides.id ?? 'q'}`,
  };
}

/** `n` contributors with one record each in `province`. */
export function contributors(province: string, n: number, prefix = province, value: number | null = null): StoredContribution[] {
  return Array.from({ length: n }, (_, i) => ({
    groupKey: JSON.stringify([province]), pseudonym: `${prefix}-p${i}`, eventId: `${prefix}-e${i}`, eventTimeMs: 1000 + i, value,
  }));
}

/** An in-memory AggregatorStore with the PostgreSQL store's semantics (unique keys, first writer wins). */
export function memoryStore(): AggregatorStore & { contributionRows(): number } {
  const contributions = new Map<string, Contribution>();
  const releases = new Map<string, StoredRelease>();
  let maxEventTime = Number.NEGATIVE_INFINITY;
  return {
    contributionRows: () => contributions.size,
    record(cs, eventTimeMs) {
      for (const c of cs) if (!contributions.has(`${c.queryKey}|${c.eventId}`)) contributions.set(`${c.queryKey}|${c.eventId}`, c);
      maxEventTime = Math.max(maxEventTime, eventTimeMs);
      return Promise.resolve(maxEventTime);
    },
    pendingWindows(untilMs) {
      const out = new Map<string, PendingWindow>();
      for (const c of contributions.values()) {
        const k = `${c.queryKey}|${c.window.startMs}`;
        if (c.window.endMs <= untilMs && !releases.has(k)) out.set(k, { queryKey: c.queryKey, startMs: c.window.startMs, endMs: c.window.endMs, label: c.window.label });
      }
      return Promise.resolve([...out.values()]);
    },
    releasesTriggeredBy(t) {
      return Promise.resolve([...releases.values()].filter((r) => r.trigger.topic === t.topic && r.trigger.partition === t.partition && r.trigger.offset === t.offset));
    },
    contributions(queryKey, startMs) {
      return Promise.resolve([...contributions.values()].filter((c) => c.queryKey === queryKey && c.window.startMs === startMs)
        .map((c) => ({ groupKey: c.groupKey, pseudonym: c.pseudonym, eventId: c.eventId, eventTimeMs: c.eventTimeMs, value: c.value })));
    },
    saveRelease(row) {
      const k = `${row.queryKey}|${row.startMs}`;
      if (!releases.has(k)) releases.set(k, structuredClone(row));
      return Promise.resolve(structuredClone(releases.get(k)!));
    },
  };
}

/** A ledger that grants `grants` reservations (ε as given), then refuses; idempotent per id. */
export function memoryLedger(grants: number, epsilon = '0.1'): LedgerPort & { reserved: string[]; committed: Set<string> } {
  const answers = new Map<string, ReserveAnswer>();
  const reserved: string[] = [];
  const committed = new Set<string>();
  let left = grants;
  return {
    reserved, committed,
    reserve(request) {
      reserved.push(request.reservationId);
      let a = answers.get(request.reservationId);
      if (!a) {
        a = left > 0 ? { granted: true, epsilon, delta: null } : { granted: false, remaining: '0' };
        if (a.granted) left -= 1;
        answers.set(request.reservationId, a);
      }
      return Promise.resolve(a);
    },
    commit(id) {
      if (!answers.get(id)?.granted) return Promise.reject(new Error(`commit of unknown reservation ${id}`));
      committed.add(id);
      return Promise.resolve();
    },
  };
}

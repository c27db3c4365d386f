// The risk scorer's transform: events.raw.v1 → alerts.child-safety.v1 (+ alerts.security.v1 after a
// Redis outage). Per risk event: the child's state pseudonym → observe the signal in Redis (atomic,
// idempotent by event id) → score every condition (scoring.ts) → decide opens/escalations
// (decisions.ts) → commit outcome and alert state once → seal the identity per alert. A redelivered
// event re-emits exactly the alerts its first processing committed (same ids, same content; only the
// envelope's nonce differs), so under exactly-once nothing is duplicated and nothing is lost when a
// transaction aborts after Redis was updated.
import type { ChildSafetyAlert, RawEvent } from '@cwp/avro';
import type { Pseudonymizer } from '@cwp/pseudonym';
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';
import { alertIdOf } from './alert-id.js';
import type { Decision } from './decisions.js';
import { decide } from './decisions.js';
import type { IdentitySealer } from './identity-sealer.js';
import type { OutageMonitor } from './outage-monitor.js';
import type { RiskMetrics } from './risk-metrics.js';
import type { RuleSet } from './rules.js';
import { isRelevant, scoreConditions } from './scoring.js';
import { signalOf } from './signals.js';
import type { RiskStateStore } from './state-store.js';

/** Pseudonym purpose of alerts and state. */
export const RISK_PURPOSE = 'risk';
/** Fixed epoch label of the state key: a child's signal windows must survive the quarterly epoch change. */
export const STATE_EPOCH = 'state';

/** An alert before its identity is sealed: what is committed per event and replayed. */
export type AlertBody = Omit<ChildSafetyAlert, 'identityEnvelope'>;

/** What the scorer needs. */
export interface RiskScorerDeps {
  readonly rules: RuleSet;
  readonly store: RiskStateStore;
  readonly pseudonyms: Pseudonymizer;
  readonly sealer: IdentitySealer;
  readonly alertTopic: string;
  /** Where outage reports go (SecurityAlert); omit to only log and count. */
  readonly securityTopic?: string;
  readonly monitor?: OutageMonitor;
  readonly metrics?: RiskMetrics;
  readonly clock?: () => Date;
}

function bodyOf(d: Decision, deps: RiskScorerDeps, childId: string, eventId: string, createdAt: number): AlertBody {
  const next = d.next!;
  const childPseudonym = deps.pseudonyms.pseudonymAt(childId, RISK_PURPOSE, next.openedAt);
  return {
    alertId: alertIdOf(childPseudonym, d.condition, next.severity, next.openingEventId),
    childPseudonym,
    condition: d.condition,
    severity: next.severity,
    status: d.kind === 'OPEN' ? 'OPEN' : 'ESCALATED',
    score: d.score.score,
    threshold: d.score.condition.thresholds[next.severity],
    signals: d.score.signals,
    legalBasis: 'VITAL_INTEREST',
    triggeringEventId: eventId,
    ruleSetVersion: deps.rules.version,
    createdAt,
  };
}

/** The stage transform (see the file comment for the per-event steps). */
export function createRiskScorer(deps: RiskScorerDeps): Transform<RawEvent> {
  const clock = deps.clock ?? (() => new Date());
  return async (record: StageRecord<RawEvent>): Promise<Output[]> => {
    const signal = signalOf(record.value);
    if (!signal || !isRelevant(deps.rules, signal.signalType)) return [];
    const { childId, ...stored } = signal;
    const childKey = deps.pseudonyms.pseudonym(childId, RISK_PURPOSE, STATE_EPOCH);
    const now = clock().getTime();

    const observation = await deps.store.observe(childKey, stored, now);
    let committed = observation.outcome;
    if (committed === null && observation.replayed && observation.laterSignals) committed = '[]';
    if (committed === null) {
      const scores = scoreConditions(deps.rules, observation.signals, stored.eventId);
      const decisions = decide(scores, observation.alerts, stored.eventId, stored.occurredAt);
      const bodies = decisions.filter((d) => d.kind !== 'CLOSE').map((d) => bodyOf(d, deps, childId, stored.eventId, now));
      committed = '[]';
      // Only a change of the alert state is committed (one more round trip); see state-store.ts.
      if (decisions.length > 0) {
        const updates = decisions.map((d) => ({ condition: d.condition, state: d.next }));
        committed = await deps.store.commit(childKey, stored.eventId, JSON.stringify(bodies), updates);
        if (!observation.replayed) for (const b of bodies) deps.metrics?.alerts.inc({ reason: `${b.status}_${b.severity}` });
      }
    }
    const bodies = JSON.parse(committed) as AlertBody[];

    const outputs: Output[] = await Promise.all(bodies.map(async (b): Promise<Output> => ({
      topic: deps.alertTopic,
      key: b.childPseudonym,
      value: { ...b, identityEnvelope: await deps.sealer.seal(childId, b.alertId) } satisfies ChildSafetyAlert,
    })));
    const report = deps.securityTopic ? deps.monitor?.takeReport() : null;
    if (report && deps.securityTopic) outputs.push({ topic: deps.securityTopic, key: report.service, value: report });
    return outputs;
  };
}

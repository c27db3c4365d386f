// One open alert per child and condition: a record is produced only when an alert opens or its
// severity rises. An open alert closes (silently) once its score falls below the condition's
// closeBelow (hysteresis under the MEDIUM threshold) with no escalation applying; a later crossing
// opens a new episode with a new opening event, hence a new alert id.
import type { ChildSafetySeverity } from '@cwp/avro';
import type { ConditionScore } from './scoring.js';
import { rank } from './scoring.js';

/** The open alert of one condition, as kept per child. */
export interface OpenAlert {
  readonly severity: ChildSafetySeverity;
  /** eventId that opened the episode: part of every alert id of the episode. */
  readonly openingEventId: string;
  /** Event time of the opening event: fixes the epoch of the episode's pseudonym. */
  readonly openedAt: number;
}

/** Open alerts of one child by condition name. */
export type AlertState = Readonly<Record<string, OpenAlert>>;

/** What happens to one condition's alert. */
export interface Decision {
  readonly kind: 'OPEN' | 'ESCALATE' | 'CLOSE';
  readonly condition: string;
  /** The alert state after the decision; null when closed. */
  readonly next: OpenAlert | null;
  readonly score: ConditionScore;
}

/** Compares scores with the open alerts; returns the state changes (OPEN and ESCALATE produce records). */
export function decide(scores: readonly ConditionScore[], open: AlertState, eventId: string, occurredAt: number): Decision[] {
  const out: Decision[] = [];
  for (const score of scores) {
    const name = score.condition.name;
    const current = open[name];
    if (score.severity === null) {
      if (current && score.score < score.condition.closeBelow) out.push({ kind: 'CLOSE', condition: name, next: null, score });
      continue;
    }
    if (!current) {
      out.push({ kind: 'OPEN', condition: name, next: { severity: score.severity, openingEventId: eventId, openedAt: occurredAt }, score });
    } else if (rank(score.severity) > rank(current.severity)) {
      out.push({ kind: 'ESCALATE', condition: name, next: { ...current, severity: score.severity }, score });
    }
  }
  return out;
}

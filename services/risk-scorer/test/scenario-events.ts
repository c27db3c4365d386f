// Builders of risk events for scenario tests (unit and integration): a generated event of the type,
// re-addressed to a chosen child, time and payload fields.
import { randomUUID } from 'node:crypto';
import type { EventType, PayloadByEventType, RawEvent, RawEventOf } from '@cwp/avro';
import { unwrapPayload, wrapPayload } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';

const generator = createGenerator({ seed: 'risk-scenarios' });
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 9, 5, 8, 0, 0);

/** A `type` event about `childId` at `at` with payload fields overridden. */
export function riskEvent<T extends EventType>(type: T, childId: string, at: number, fields: Partial<PayloadByEventType[T]> = {}): RawEventOf<T> {
  const base = generator.ofType(type).event;
  const payload = { ...unwrapPayload(base), childId, ...fields } as PayloadByEventType[T];
  return { ...base, eventId: randomUUID(), subjectType: 'CHILD', subjectId: childId, occurredAt: at, payload: wrapPayload(type, payload) };
}

export const incident = (childId: string, at: number, severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL', category: PayloadByEventType['INCIDENT_REPORT']['category'] = 'NEGLECT'): RawEvent =>
  riskEvent('INCIDENT_REPORT', childId, at, { severity, category });
export const health = (childId: string, at: number, observationType: PayloadByEventType['HEALTH_OBSERVATION']['observationType'], severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'): RawEvent =>
  riskEvent('HEALTH_OBSERVATION', childId, at, { observationType, severity });
export const missed = (childId: string, at: number): RawEvent => riskEvent('MISSED_CHECK_IN', childId, at, { consecutiveMissed: 1 });
export const missing = (childId: string, at: number): RawEvent => riskEvent('MISSING_CHILD_REPORT', childId, at);
export const caretaker = (childId: string, at: number, reason: PayloadByEventType['CARETAKER_CHANGE']['reason']): RawEvent =>
  riskEvent('CARETAKER_CHANGE', childId, at, { reason });

/** A fresh child id per scenario, so scenarios never share state. */
export const newChild = (): string => `CHD-${randomUUID().slice(0, 13)}`;

/** Named scenarios with the alerts they must raise, as [condition, severity, status] in order; [] = none. */
export function scenarios(): { name: string; events: RawEvent[]; expect: [string, string, string][] }[] {
  const c = Array.from({ length: 9 }, newChild);
  const [a, b, d, e, f, g, h, i, j] = c as [string, string, string, string, string, string, string, string, string];
  return [
    { name: 'missing child → HIGH', events: [missing(a, T0)], expect: [['MISSING_CHILD', 'HIGH', 'OPEN']] },
    { name: 'high incident, then missing within a month → MISSING_CHILD CRITICAL by escalation rule',
      events: [incident(b, T0, 'HIGH', 'PHYSICAL_ABUSE'), missing(b, T0 + 3 * DAY)],
      expect: [['ABUSE_OR_EXPLOITATION', 'MEDIUM', 'OPEN'], ['MISSING_CHILD', 'CRITICAL', 'OPEN']] },
    { name: 'three missed check-ins in a week → MEDIUM; two → nothing yet',
      events: [missed(d, T0), missed(d, T0 + 2 * DAY), missed(d, T0 + 5 * DAY)], expect: [['REPEATED_MISSED_CHECK_INS', 'MEDIUM', 'OPEN']] },
    { name: 'malnutrition worsening → HEALTH_NEGLECT opens MEDIUM, escalates to HIGH',
      events: [health(e, T0, 'MALNUTRITION', 'MEDIUM'), health(e, T0 + 7 * DAY, 'MALNUTRITION', 'MEDIUM'), health(e, T0 + 14 * DAY, 'UNTREATED_ILLNESS', 'HIGH')],
      expect: [['HEALTH_NEGLECT', 'MEDIUM', 'OPEN'], ['HEALTH_NEGLECT', 'HIGH', 'ESCALATED']] },
    { name: 'repeated minor incidents → REPEATED_MINOR_INCIDENTS MEDIUM',
      events: [incident(f, T0, 'LOW', 'BULLYING'), incident(f, T0 + 4 * DAY, 'LOW', 'OTHER'), incident(f, T0 + 9 * DAY, 'LOW', 'BULLYING')],
      expect: [['REPEATED_MINOR_INCIDENTS', 'MEDIUM', 'OPEN']] },
    { name: 'abandonment then malnutrition → HEALTH_NEGLECT HIGH by escalation; CARETAKER_INSTABILITY MEDIUM',
      events: [caretaker(g, T0, 'ABANDONMENT'), health(g, T0 + 10 * DAY, 'MALNUTRITION', 'LOW')],
      expect: [['CARETAKER_INSTABILITY', 'MEDIUM', 'OPEN'], ['HEALTH_NEGLECT', 'HIGH', 'OPEN']] },
    { name: 'below threshold: a routine check, one low incident, one family reunification, two missed check-ins',
      events: [health(h, T0, 'ROUTINE_CHECK', 'LOW'), incident(h, T0 + DAY, 'LOW', 'BULLYING'), caretaker(h, T0 + 2 * DAY, 'FAMILY_REUNIFICATION'), missed(h, T0 + 3 * DAY), missed(h, T0 + 4 * DAY)],
      expect: [] },
    { name: 'below threshold after decay: missed check-ins two months apart never add up',
      events: [missed(i, T0), missed(i, T0 + 40 * DAY), missed(i, T0 + 80 * DAY), missed(i, T0 + 120 * DAY)], expect: [] },
    { name: 'critical sexual abuse report → CRITICAL at once',
      events: [incident(j, T0, 'CRITICAL', 'SEXUAL_ABUSE')], expect: [['ABUSE_OR_EXPLOITATION', 'CRITICAL', 'OPEN']] },
  ];
}

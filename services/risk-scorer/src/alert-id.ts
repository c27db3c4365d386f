// Deterministic alert ids: the same child pseudonym, condition, severity and opening event always
// give the same id, so a redelivered or replayed event can only repeat an alert, never add one.
import { createHash } from 'node:crypto';
import type { ChildSafetySeverity } from '@cwp/avro';

/** "csa-" + the first 128 bits of SHA-256(pseudonym | condition | severity | openingEventId), hex. */
export function alertIdOf(childPseudonym: string, condition: string, severity: ChildSafetySeverity, openingEventId: string): string {
  const digest = createHash('sha256').update(`cwp-child-safety-alert-v1|${childPseudonym}|${condition}|${severity}|${openingEventId}`).digest('hex');
  return `csa-${digest.slice(0, 32)}`;
}

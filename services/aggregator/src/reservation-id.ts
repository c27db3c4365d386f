// The ledger reservation id of a release, derived from (stakeholder, query, window) only: a crash,
// a replay or a second replica asking for the same window asks for the same reservation, which the
// ledger answers idempotently, so no window is ever paid for twice.
import { createHash } from 'node:crypto';

/** "agg:<stakeholder>:<query id>:<window label>:<first 16 hex of SHA-256>", within the ledger's 200-char id rule. */
export function reservationIdFor(stakeholder: string, queryId: string, windowStartMs: number, windowLabel: string): string {
  const digest = createHash('sha256').update(JSON.stringify([stakeholder, queryId, windowStartMs])).digest('hex').slice(0, 16);
  return `agg:${stakeholder}:${queryId}:${windowLabel}:${digest}`.slice(0, 200);
}

// The audit records of a replay (action REPLAY, subject = the source topic, purpose = --reason):
// the refusal, the intent before any record is read, and the outcome after. Details are flat
// scalars (the audit chain's canonical form), so ranges are written as short strings.
import type { AuditEntry, AuditOutcome } from '@cwp/audit';
import type { ReplayRequest } from './args.js';
import type { PartitionRange } from './range.js';

/** The audit action of a replay. */
export const REPLAY_ACTION = 'REPLAY';

/** Where the replay writes, as audited: topic:<name>, file:<path> or dry-run. */
export function destinationOf(request: ReplayRequest): string {
  if (request.dryRun) return request.destination ? `dry-run (${request.destination.kind === 'topic' ? `topic:${request.destination.topic}` : `file:${request.destination.path}`})` : 'dry-run';
  if (!request.destination) return 'none';
  return request.destination.kind === 'topic' ? `topic:${request.destination.topic}` : `file:${request.destination.path}`;
}

function requested(request: ReplayRequest, which: 'from' | 'to'): string {
  const time = which === 'from' ? request.fromTime : request.toTime;
  if (time) return `time:${time.toISOString()}`;
  const spec = which === 'from' ? request.fromOffset : request.toOffset;
  if (!spec) return which === 'from' ? 'earliest' : 'latest';
  const parts = [...(spec.all === null ? [] : [spec.all.toString()]), ...[...spec.perPartition].map(([p, o]) => `${p}=${o}`)];
  return `offset:${parts.join(',')}`;
}

/** One audit entry of a replay. `ranges` (once planned) replace the requested bounds with the resolved ones. */
export function replayAuditEntry(
  request: ReplayRequest,
  at: { phase: 'refused' | 'intent' | 'outcome'; outcome: AuditOutcome; role: string; actor: string; ranges?: readonly PartitionRange[]; records?: number; outputs?: number; deadLetters?: number; error?: string },
): AuditEntry {
  const details: Record<string, string | number | boolean | null> = {
    phase: at.phase,
    partitions: at.ranges ? at.ranges.map((r) => r.partition).join(',') : (request.partitions?.join(',') ?? 'all'),
    from: at.ranges ? at.ranges.map((r) => `${r.partition}=${r.from}`).join(',') : requested(request, 'from'),
    to: at.ranges ? at.ranges.map((r) => `${r.partition}=${r.end - 1n}`).join(',') : requested(request, 'to'),
    requestedFrom: requested(request, 'from'),
    requestedTo: requested(request, 'to'),
    destination: destinationOf(request),
    dryRun: request.dryRun,
    transform: request.transform,
    records: at.records ?? null,
  };
  if (at.outputs !== undefined) details['outputs'] = at.outputs;
  if (at.deadLetters !== undefined) details['deadLetters'] = at.deadLetters;
  if (at.error !== undefined) details['error'] = at.error.slice(0, 300);
  return { actor: at.actor, role: at.role, action: REPLAY_ACTION, subject: request.topic, purpose: request.reason, outcome: at.outcome, details };
}

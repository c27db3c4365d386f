// The replay command line, parsed once into a frozen request. Anything wrong is a UsageError
// (exit 2) naming the option; authorisation is checked later, and audited, by the CLI.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import type { OffsetSpec } from './range.js';
import { parseOffsetSpec, parsePartitions } from './range.js';
import { assertSandboxTopic } from './sandbox.js';

/** Stages whose transform the replay can re-run. */
export const REPLAY_TRANSFORMS = ['classifier', 'passthrough'] as const;
/** A stage whose transform the replay can re-run. */
export type ReplayTransformName = (typeof REPLAY_TRANSFORMS)[number];

/** Where replayed records go. */
export type Destination = { readonly kind: 'topic'; readonly topic: string } | { readonly kind: 'file'; readonly path: string };

/** A parsed replay request. */
export interface ReplayRequest {
  readonly topic: string;
  readonly partitions: readonly number[] | null;
  readonly fromOffset: OffsetSpec | null;
  readonly toOffset: OffsetSpec | null;
  readonly fromTime: Date | null;
  readonly toTime: Date | null;
  /** Null only for a dry run without a destination. */
  readonly destination: Destination | null;
  readonly dryRun: boolean;
  readonly rateLimit: number | null;
  readonly transform: ReplayTransformName | null;
  readonly role: string | null;
  readonly actor: string | null;
  readonly reason: string;
  readonly timeoutMs: number;
}

/** The usage text. */
export const USAGE = `usage: replay --topic <topic> --reason <text> (--to-topic sandbox.<name> | --to-file <out.ndjson> | --dry-run)
  [--partitions 0,1,2]                       default: every partition
  [--from-offset N | p=N,...] [--to-offset N | p=N,...]   inclusive offsets, for all or per partition
  [--from-time ISO] [--to-time ISO]          time range [from, to), resolved per partition by timestamp
  [--rate-limit <records/s>] [--transform classifier|passthrough] (with --to-topic)
  [--role ENGINEER_AUDIT|AUDITOR] [--actor <name>]   default: REPLAY_ROLE, OPERATOR
  [--timeout-ms 300000]
exit codes: 0 done, 1 failed, 2 usage or configuration, 3 not authorised`;

function parseTime(text: string | undefined, option: string): Date | null {
  if (text === undefined) return null;
  // An ISO 8601 date-time with an explicit zone, so a replay never depends on the machine's TZ.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) throw new UsageError(`${option}: ${JSON.stringify(text)} is not an ISO date-time with a zone (2026-01-31T12:00:00Z)`);
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${option}: ${JSON.stringify(text)} is not a valid date-time`);
  return d;
}

function positive(text: string | undefined, option: string): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option}: ${JSON.stringify(text)} is not a positive number`);
  return n;
}

/** Parses argv (without node and the script) with the environment's defaults for role and actor. */
export function parseReplayArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ReplayRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        topic: { type: 'string' }, partitions: { type: 'string' },
        'from-offset': { type: 'string' }, 'to-offset': { type: 'string' }, 'from-time': { type: 'string' }, 'to-time': { type: 'string' },
        'to-topic': { type: 'string' }, 'to-file': { type: 'string' }, 'dry-run': { type: 'boolean' },
        'rate-limit': { type: 'string' }, transform: { type: 'string' },
        role: { type: 'string' }, actor: { type: 'string' }, reason: { type: 'string' }, 'timeout-ms': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  const topic = values.topic?.trim();
  if (!topic) throw new UsageError('--topic is required');
  const reason = values.reason?.trim();
  if (!reason) throw new UsageError('--reason is required: say why this replay is needed (it is audited)');
  if (values['to-topic'] !== undefined && values['to-file'] !== undefined) throw new UsageError('give one destination: --to-topic or --to-file, not both');
  const dryRun = values['dry-run'] === true;
  let destination: Destination | null = null;
  if (values['to-topic'] !== undefined) destination = { kind: 'topic', topic: assertSandboxTopic(values['to-topic'], topic) };
  else if (values['to-file'] !== undefined) destination = { kind: 'file', path: values['to-file'] };
  if (!destination && !dryRun) throw new UsageError('a destination is required: --to-topic sandbox.<name>, --to-file <out.ndjson>, or --dry-run');
  const byOffset = values['from-offset'] !== undefined || values['to-offset'] !== undefined;
  const byTime = values['from-time'] !== undefined || values['to-time'] !== undefined;
  if (byOffset && byTime) throw new UsageError('give a range by offset or by time, not both');
  const fromTime = parseTime(values['from-time'], '--from-time');
  const toTime = parseTime(values['to-time'], '--to-time');
  if (fromTime && toTime && fromTime >= toTime) throw new UsageError('--from-time must be before --to-time');
  const transform = values.transform ?? null;
  if (transform !== null && !(REPLAY_TRANSFORMS as readonly string[]).includes(transform)) throw new UsageError(`--transform: ${JSON.stringify(transform)} is not one of ${REPLAY_TRANSFORMS.join(', ')}`);
  if (transform !== null && destination?.kind === 'file') throw new UsageError('--transform writes encoded outputs to a sandbox topic: use --to-topic');
  const role = values.role ?? env['REPLAY_ROLE'] ?? null;
  const actor = (values.actor ?? env['OPERATOR'] ?? '').trim() || null;
  return Object.freeze({
    topic,
    partitions: values.partitions === undefined ? null : parsePartitions(values.partitions),
    fromOffset: values['from-offset'] === undefined ? null : parseOffsetSpec(values['from-offset'], '--from-offset'),
    toOffset: values['to-offset'] === undefined ? null : parseOffsetSpec(values['to-offset'], '--to-offset'),
    fromTime,
    toTime,
    destination,
    dryRun,
    rateLimit: positive(values['rate-limit'], '--rate-limit'),
    transform: transform as ReplayTransformName | null,
    role: role === '' ? null : role,
    actor,
    reason,
    timeoutMs: positive(values['timeout-ms'], '--timeout-ms') ?? 300_000,
  });
}

// Planning what to replay: per partition a half-open offset range [from, end), from the topic's
// watermarks at start-up and the requested bounds. The end is capped at the last stable offset
// seen when the replay started, so a replay is bounded even while producers keep writing.
import { UsageError } from './errors.js';

/** Offsets for every partition (`all`) and/or for named partitions (which win over `all`). */
export interface OffsetSpec {
  readonly all: bigint | null;
  readonly perPartition: ReadonlyMap<number, bigint>;
}

/** One partition's planned range: records with from <= offset < end. */
export interface PartitionRange {
  readonly partition: number;
  readonly from: bigint;
  readonly end: bigint;
}

/** Parses `12` (every partition) or `0=12,3=40` (per partition); UsageError otherwise. */
export function parseOffsetSpec(text: string, option: string): OffsetSpec {
  const perPartition = new Map<number, bigint>();
  let all: bigint | null = null;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(?:(\d+)=)?(\d+)$/.exec(part);
    if (!m?.[2]) throw new UsageError(`${option}: ${JSON.stringify(part)} is neither an offset (12) nor partition=offset (0=12)`);
    if (m[1] === undefined) all = BigInt(m[2]);
    else perPartition.set(Number(m[1]), BigInt(m[2]));
  }
  if (all === null && perPartition.size === 0) throw new UsageError(`${option}: no offset given`);
  return { all, perPartition };
}

/** Parses a comma-separated partition list (`0,2,5`); UsageError on anything else. */
export function parsePartitions(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d+$/.test(p))) throw new UsageError(`--partitions: ${JSON.stringify(text)} is not a comma-separated list of partition numbers`);
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

function specFor(spec: OffsetSpec | null, partition: number): bigint | null {
  if (!spec) return null;
  return spec.perPartition.get(partition) ?? spec.all;
}

/** What the planner needs to know about the topic and the request. */
export interface PlanInput {
  /** Every partition of the topic with its low and high (last stable) watermark. */
  readonly watermarks: readonly { partition: number; low: bigint; high: bigint }[];
  /** Partitions asked for; null = all. */
  readonly partitions: readonly number[] | null;
  /** Inclusive first offset. */
  readonly fromOffset: OffsetSpec | null;
  /** Inclusive last offset. */
  readonly toOffset: OffsetSpec | null;
  /** First offset at or after --from-time, per partition (inclusive). */
  readonly fromTime: ReadonlyMap<number, bigint> | null;
  /** First offset at or after --to-time, per partition (exclusive end). */
  readonly toTime: ReadonlyMap<number, bigint> | null;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Plans the ranges; every range lies within [low, high). UsageError for unknown partitions. */
export function planRanges(input: PlanInput): PartitionRange[] {
  const known = new Map(input.watermarks.map((w) => [w.partition, w]));
  const wanted = input.partitions ?? [...known.keys()].sort((a, b) => a - b);
  const unknown = wanted.filter((p) => !known.has(p));
  for (const spec of [input.fromOffset, input.toOffset]) for (const p of spec?.perPartition.keys() ?? []) if (!wanted.includes(p)) unknown.push(p);
  if (unknown.length > 0) throw new UsageError(`partition(s) ${[...new Set(unknown)].join(', ')} not in the replayed partitions (the topic has ${known.size}: 0..${known.size - 1})`);
  return wanted.map((partition) => {
    const w = known.get(partition)!;
    let from = w.low;
    let end = w.high;
    const fo = specFor(input.fromOffset, partition);
    if (fo !== null) from = max(from, fo);
    const to = specFor(input.toOffset, partition);
    if (to !== null) end = min(end, to + 1n);
    const ft = input.fromTime?.get(partition);
    if (ft !== undefined) from = max(from, ft);
    const tt = input.toTime?.get(partition);
    if (tt !== undefined) end = min(end, tt);
    return { partition, from, end: max(from, end) };
  });
}

/** Offsets a range spans (an upper bound on its records: transaction markers take offsets too). */
export function spanOf(ranges: readonly PartitionRange[]): number {
  return ranges.reduce((n, r) => n + Number(r.end - r.from), 0);
}

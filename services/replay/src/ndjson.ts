// The NDJSON export: one JSON object per line per record, bytes as base64 so nothing is lost:
// {"topic","partition","offset","timestamp","key","value","headers":[{"key","value"}]}.
// Header order and repeated header names are kept (kafkajs groups repeats into an array).
import type { ReplayRecord } from './types.js';

/** One line of the export, parsed. */
export interface NdjsonRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

const b64 = (v: Buffer | string): string => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v).toString('base64');

/** The export line of a record (without the trailing newline). */
export function toNdjsonLine(r: ReplayRecord): string {
  const headers: { key: string; value: string }[] = [];
  for (const [key, v] of Object.entries(r.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.push({ key, value: b64(one) });
  }
  const line: NdjsonRecord = {
    topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestamp,
    key: r.key === null ? null : r.key.toString('base64'), value: r.value === null ? null : r.value.toString('base64'), headers,
  };
  return JSON.stringify(line);
}

/** Parses an export line back into a record with Buffers (repeated header names become arrays). */
export function parseNdjsonLine(line: string): ReplayRecord {
  const o = JSON.parse(line) as NdjsonRecord;
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const h of o.headers) {
    const value = Buffer.from(h.value, 'base64');
    const seen = headers[h.key];
    headers[h.key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return {
    topic: o.topic, partition: o.partition, offset: o.offset, timestamp: o.timestamp,
    key: o.key === null ? null : Buffer.from(o.key, 'base64'), value: o.value === null ? null : Buffer.from(o.value, 'base64'), headers,
  };
}

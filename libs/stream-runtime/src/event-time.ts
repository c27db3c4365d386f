// The event's own time, for the end-to-end latency metric: the value's occurredAt when the
// schema has one (Avro timestamp-millis arrives as a Date with logical types, a number without),
// else the Kafka record timestamp.

/** Epoch milliseconds of the event: value.occurredAt if usable, else `recordTimestamp`. */
export function eventTimeMs(value: unknown, recordTimestamp: number): number {
  if (typeof value === 'object' && value !== null) {
    const t = (value as { occurredAt?: unknown }).occurredAt;
    if (t instanceof Date && !Number.isNaN(t.getTime())) return t.getTime();
    if (typeof t === 'number' && Number.isFinite(t) && t > 0) return t;
    if (typeof t === 'bigint') return Number(t);
    if (typeof t === 'string') { const p = Date.parse(t); if (!Number.isNaN(p)) return p; }
  }
  return recordTimestamp;
}

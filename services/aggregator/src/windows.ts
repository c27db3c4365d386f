// Tumbling event-time windows from the pseudonymizer's generalised dates: the record carries its
// ISO week (occurredWeek) and month (occurredMonth), never the exact date, so windows are computed
// from those labels (ISO 8601 week date: weeks start on Monday, week 1 holds the first Thursday).

/** A tumbling window: [startMs, endMs) in UTC and its label. */
export interface Window {
  readonly startMs: number;
  readonly endMs: number;
  readonly label: string;
}

const DAY_MS = 86_400_000;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** The ISO week "YYYY-Www" as a window (Monday 00:00 UTC to the next Monday); null if malformed. */
export function isoWeekWindow(label: string): Window | null {
  const m = WEEK.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const startMs = jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
  return { startMs, endMs: startMs + 7 * DAY_MS, label };
}

/** The month "YYYY-MM" as a window (first day 00:00 UTC to the next month's); null if malformed. */
export function monthWindow(label: string): Window | null {
  const m = MONTH.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { startMs: Date.UTC(year, month - 1, 1), endMs: Date.UTC(year, month, 1), label };
}

/**
 * Best event-time estimate of a record: its Kafka timestamp (stages keep the source's timestamp)
 * clamped into the intersection of its week and month, so a wrong broker clock can move the
 * watermark at most within the event's own generalised period.
 */
export function eventTimeOf(week: Window, month: Window, timestampMs: number): number {
  const lo = Math.max(week.startMs, month.startMs);
  const hi = Math.min(week.endMs, month.endMs) - 1;
  if (hi < lo) return lo;
  return Math.min(hi, Math.max(lo, timestampMs));
}

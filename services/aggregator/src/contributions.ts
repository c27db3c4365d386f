// From one pseudonymized event to the contributions it makes to catalogue queries: the event type
// must match, the purpose must be allowed (children: the guardian consented to the query's purpose,
// so the pseudonyms map holds it; adults and organisations: a basis other than consent), and the
// contributor is the pseudonym *of that purpose*, so purposes stay unlinkable in the state too.
import type { CatalogueQuery, Dimension, Measure } from './catalogue.js';
import type { Window } from './windows.js';
import { eventTimeOf, isoWeekWindow, monthWindow } from './windows.js';

/** The fields of a cwp.analytics.PseudonymizedEvent the aggregator reads (decoded by avsc). */
export interface AggregatorInput {
  readonly eventId: string;
  readonly eventType: string;
  readonly subjectType: string;
  readonly pseudonyms: Readonly<Record<string, string>>;
  readonly legalBasis: string;
  readonly occurredWeek: string;
  readonly occurredMonth: string;
  readonly [field: string]: unknown;
}

/** One event's contribution to one query's window. */
export interface Contribution {
  readonly queryKey: string;
  readonly window: Window;
  /** JSON array of the dimension values (string or null), in the query's order. */
  readonly groupKey: string;
  readonly pseudonym: string;
  readonly eventId: string;
  readonly eventTimeMs: number;
  /** Measure value before rounding and clamping; null for counts. */
  readonly value: number | null;
}

function dimensionValue(event: AggregatorInput, d: Dimension): string | null {
  const v = event[d];
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}

function measureValue(event: AggregatorInput, m: Measure): number | null {
  const v = event[m];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

/** The pseudonym a query may use for this event, or null when its purpose is not allowed. */
export function pseudonymFor(event: AggregatorInput, purpose: string): string | null {
  const own = event.pseudonyms[purpose];
  if (event.legalBasis === 'CONSENT' || event.subjectType === 'CHILD') return own ?? null;
  // Adults and organisations are analysed on another basis: their analytics pseudonym serves.
  return own ?? event.pseudonyms.analytics ?? null;
}

/** Every contribution of `event` to the queries of the catalogue (empty when none applies). */
export function contributionsOf(event: AggregatorInput, queries: readonly CatalogueQuery[], timestampMs: number): Contribution[] {
  const week = isoWeekWindow(event.occurredWeek);
  const month = monthWindow(event.occurredMonth);
  if (!week || !month) return [];
  const eventTimeMs = eventTimeOf(week, month, timestampMs);
  const out: Contribution[] = [];
  for (const q of queries) {
    if (!q.eventTypes.includes(event.eventType)) continue;
    const pseudonym = pseudonymFor(event, q.consentPurpose);
    if (pseudonym === null) continue;
    let value: number | null = null;
    if (q.measure !== undefined) {
      value = measureValue(event, q.measure);
      if (value === null) continue;
    }
    out.push({
      queryKey: q.key,
      window: q.window.size === 'iso-week' ? week : month,
      groupKey: JSON.stringify(q.dimensions.map((d) => dimensionValue(event, d))),
      pseudonym,
      eventId: event.eventId,
      eventTimeMs,
      value,
    });
  }
  return out;
}

// The aggregator's PostgreSQL state (migrations/): contributions de-duplicated by (query, event id),
// releases written once per (query, window), and the largest event time seen. Every statement is
// idempotent, so a batch retried after an aborted Kafka transaction converges on the same rows.
// PostgreSQL failures surface as retriable DependencyErrors (classifyPgError).
import type pg from 'pg';
import { classifyPgError } from '@cwp/db';
import type { Release, StoredContribution } from './compute-release.js';
import type { Contribution } from './contributions.js';

/** The input record whose processing made a window due. */
export interface Trigger {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A window with contributions and no release row yet. */
export interface PendingWindow {
  readonly queryKey: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly label: string;
}

/** A stored release row. */
export interface StoredRelease {
  readonly queryKey: string;
  readonly startMs: number;
  readonly reservationId: string;
  readonly state: 'RELEASED' | 'REFUSED';
  readonly payload: Release | null;
  readonly trigger: Trigger;
}

/** The state port of the transform (PostgreSQL in production, memory in unit tests). */
export interface AggregatorStore {
  /** Stores the contributions (duplicates ignored), advances the max event time; returns it (epoch ms). */
  record(contributions: readonly Contribution[], eventTimeMs: number): Promise<number>;
  /** Windows whose end is at or before `untilMs` and that have no release row. */
  pendingWindows(untilMs: number): Promise<PendingWindow[]>;
  /** Release rows written while processing `trigger` (re-emitted when that record is retried). */
  releasesTriggeredBy(trigger: Trigger): Promise<StoredRelease[]>;
  /** Every contribution of one query window. */
  contributions(queryKey: string, startMs: number): Promise<StoredContribution[]>;
  /** Inserts the release row unless one exists; returns the row that is stored (the first writer's). */
  saveRelease(row: StoredRelease): Promise<StoredRelease>;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw classifyPgError(err);
  }
}

interface ReleaseRow {
  query_id: string;
  window_start: Date;
  reservation_id: string;
  state: 'RELEASED' | 'REFUSED';
  payload: Release | null;
  trigger_topic: string;
  trigger_partition: number;
  trigger_offset: string;
}

function fromRow(r: ReleaseRow): StoredRelease {
  return {
    queryKey: r.query_id, startMs: r.window_start.getTime(), reservationId: r.reservation_id, state: r.state, payload: r.payload,
    trigger: { topic: r.trigger_topic, partition: r.trigger_partition, offset: r.trigger_offset },
  };
}

/** The PostgreSQL store over `schema` (created by migrations/ with @cwp/db migrate). */
export function createPgStore(pool: pg.Pool, schema = 'aggregator'): AggregatorStore {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain lower-case identifier`);
  const t = (name: string): string => `"${schema}".${name}`;
  const RELEASE_COLUMNS = 'query_id, window_start, reservation_id, state, payload, trigger_topic, trigger_partition, trigger_offset';
  return {
    record: (contributions, eventTimeMs) => guarded(async () => {
      if (contributions.length > 0) {
        const values: unknown[] = [];
        const rows = contributions.map((c, i) => {
          values.push(c.queryKey, c.eventId, new Date(c.window.startMs), new Date(c.window.endMs), c.window.label, c.groupKey, c.pseudonym, new Date(c.eventTimeMs), c.value);
          const b = i * 9;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
        });
        await pool.query(
          `INSERT INTO ${t('contributions')} (query_id, event_id, window_start, window_end, window_label, group_key, pseudonym, event_time, value)
           VALUES ${rows.join(', ')} ON CONFLICT (query_id, event_id) DO NOTHING`, values);
      }
      const res = await pool.query<{ max_event_time: Date }>(
        `INSERT INTO ${t('progress')} (id, max_event_time) VALUES (true, $1)
         ON CONFLICT (id) DO UPDATE SET max_event_time = GREATEST(${t('progress')}.max_event_time, EXCLUDED.max_event_time)
         RETURNING max_event_time`, [new Date(eventTimeMs)]);
      return res.rows[0]!.max_event_time.getTime();
    }),
    pendingWindows: (untilMs) => guarded(async () => {
      const res = await pool.query<{ query_id: string; window_start: Date; window_end: Date; window_label: string }>(
        `SELECT DISTINCT c.query_id, c.window_start, c.window_end, c.window_label FROM ${t('contributions')} c
         WHERE c.window_end <= $1
           AND NOT EXISTS (SELECT 1 FROM ${t('releases')} r WHERE r.query_id = c.query_id AND r.window_start = c.window_start)
         ORDER BY c.window_start, c.query_id`, [new Date(untilMs)]);
      return res.rows.map((r) => ({ queryKey: r.query_id, startMs: r.window_start.getTime(), endMs: r.window_end.getTime(), label: r.window_label }));
    }),
    releasesTriggeredBy: (trigger) => guarded(async () => {
      const res = await pool.query<ReleaseRow>(
        `SELECT ${RELEASE_COLUMNS} FROM ${t('releases')} WHERE trigger_topic = $1 AND trigger_partition = $2 AND trigger_offset = $3
         ORDER BY window_start, query_id`, [trigger.topic, trigger.partition, trigger.offset]);
      return res.rows.map(fromRow);
    }),
    contributions: (queryKey, startMs) => guarded(async () => {
      const res = await pool.query<{ group_key: string; pseudonym: string; event_id: string; event_time: Date; value: number | null }>(
        `SELECT group_key, pseudonym, event_id, event_time, value FROM ${t('contributions')}
         WHERE query_id = $1 AND window_start = $2 ORDER BY event_time, event_id`, [queryKey, new Date(startMs)]);
      return res.rows.map((r) => ({ groupKey: r.group_key, pseudonym: r.pseudonym, eventId: r.event_id, eventTimeMs: r.event_time.getTime(), value: r.value }));
    }),
    saveRelease: (row) => guarded(async () => {
      await pool.query(
        `INSERT INTO ${t('releases')} (${RELEASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [row.queryKey, new Date(row.startMs), row.reservationId, row.state, row.payload === null ? null : JSON.stringify(row.payload), row.trigger.topic, row.trigger.partition, row.trigger.offset]);
      const res = await pool.query<ReleaseRow>(`SELECT ${RELEASE_COLUMNS} FROM ${t('releases')} WHERE query_id = $1 AND window_start = $2`, [row.queryKey, new Date(row.startMs)]);
      return fromRow(res.rows[0]!);
    }),
  };
}

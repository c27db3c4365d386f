// Operational alerting when Redis is unavailable. While it is down every failed call counts in
// risk_redis_unavailable_total and a warning is logged at most once a minute. The runtime cannot
// produce outside a committed transaction, and no transaction commits while the transform fails, so
// the SOC record (SecurityAlert, category OTHER, on alerts.security.v1) is produced with the first
// batch that succeeds after the outage: at most one record a minute, covering every outage since the
// last one (start, end, failed calls). A live record during the outage needs a runtime side channel
// (README.md, "What the runtime would need").
import { createHash } from 'node:crypto';
import type { SecurityAlert } from '@cwp/avro';
import type { Logger } from '@cwp/observability';
import type { Counter } from 'prom-client';

/** Tracks Redis outages and turns them into one SecurityAlert per minute at most. */
export interface OutageMonitor {
  unavailable(err: unknown): void;
  available(): void;
  /** The pending report, if one is due; null otherwise. Clears it. */
  takeReport(): SecurityAlert | null;
}

/** Options of createOutageMonitor. */
export interface OutageMonitorOptions {
  readonly service: string;
  readonly logger: Logger;
  readonly counter?: Counter;
  readonly now?: () => number;
  /** Least time between two logged warnings and between two reports, ms (default 60,000). */
  readonly minIntervalMs?: number;
}

/** Creates the monitor. */
export function createOutageMonitor(options: OutageMonitorOptions): OutageMonitor {
  const now = options.now ?? Date.now;
  const every = options.minIntervalMs ?? 60_000;
  let down: { since: number; failures: number } | null = null;
  let pending: { since: number; until: number; failures: number; outages: number } | null = null;
  let lastLog = Number.NEGATIVE_INFINITY;
  let lastReport = Number.NEGATIVE_INFINITY;

  return {
    unavailable(err) {
      const t = now();
      options.counter?.inc();
      if (!down) down = { since: t, failures: 0 };
      down.failures += 1;
      if (t - lastLog >= every) {
        lastLog = t;
        const name = err instanceof Error ? err.name : typeof err;
        // Client-side connection messages ("Connection is closed.", ECONNREFUSED host:port) carry no record data.
        const message = err instanceof Error ? err.message.slice(0, 200) : '';
        options.logger.warn({ dependency: 'redis', errorClass: name, error: message, failures: down.failures, downForMs: t - down.since },
          'risk state store (Redis) unavailable: scoring paused, batch will be retried (no signal dropped)');
      }
    },
    available() {
      if (!down) return;
      const t = now();
      options.logger.info({ dependency: 'redis', failures: down.failures, downForMs: t - down.since }, 'risk state store (Redis) available again: scoring resumed');
      pending = pending
        ? { since: pending.since, until: t, failures: pending.failures + down.failures, outages: pending.outages + 1 }
        : { since: down.since, until: t, failures: down.failures, outages: 1 };
      down = null;
    },
    takeReport() {
      const t = now();
      if (!pending || t - lastReport < every) return null;
      const p = pending;
      pending = null;
      lastReport = t;
      const id = createHash('sha256').update(`${options.service}|redis-outage|${p.since}`).digest('hex').slice(0, 32);
      return {
        alertId: `sec-${id}`,
        category: 'OTHER',
        severity: 'HIGH',
        service: options.service,
        principal: null,
        description: `${options.service}: the risk state store (Redis) was unavailable; child-risk scoring paused and resumed without dropping signals, but alerts were delayed.`,
        occurredAt: p.since,
        attributes: {
          dependency: 'redis', failedCalls: String(p.failures), outages: String(p.outages),
          startedAt: new Date(p.since).toISOString(), endedAt: new Date(p.until).toISOString(), durationMs: String(p.until - p.since),
        },
      };
    },
  };
}

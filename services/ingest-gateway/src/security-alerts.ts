// Security alerts for the SOC (issue 9) on alerts.security.v1: repeated authentication failures
// from one remote address and repeated rate-limit rejections of one source. Counting is a one-minute
// window per address or source in Redis; at most one alert per address or source per minute, across
// replicas (SET NX). Alerts never carry credentials or record values, and failing to raise one never
// fails the request that provoked it.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SecurityAlert } from '@cwp/avro';
import type { Logger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import type { EventProducer } from './event-producer.js';
import type { GatewayMetrics } from './metrics.js';

const WINDOW_S = 60;

/** Records security-relevant events and raises throttled alerts. Never rejects. */
export interface SecurityAlerter {
  authFailure(remoteAddress: string, reason: string): Promise<void>;
  rateLimited(sourceSystem: string, keyId: string): Promise<void>;
}

/** Where alerts go and when they fire. */
export interface SecurityAlerterOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly producer: EventProducer;
  readonly serde: Serde;
  readonly topic: string;
  readonly authThreshold: number;
  readonly rateThreshold: number;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly clock?: () => number;
}

// KEYS[1] counter, KEYS[2] alert guard; ARGV threshold, window. Returns the count when an alert is due, else 0.
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) and redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return n end
return 0
`;

/** Creates the alerter. */
export function createSecurityAlerter(options: SecurityAlerterOptions): SecurityAlerter {
  const clock = options.clock ?? Date.now;
  const log = options.logger.child({ component: 'security-alerts' });

  async function count(kind: string, subject: string, threshold: number): Promise<number> {
    const base = `${options.prefix}sec:${kind}:${subject}`;
    return Number(await options.redis.eval(COUNT, 2, `${base}:n`, `${base}:alerted`, threshold, WINDOW_S));
  }

  async function raise(alert: SecurityAlert): Promise<void> {
    const value = await options.serde.encode(`${options.topic}-value`, alert);
    await options.producer.send(options.topic, [{ key: alert.principal ?? alert.attributes['remoteAddress'] ?? alert.alertId, value }]);
    options.metrics.securityAlerts.inc({ category: alert.category });
    log.warn({ category: alert.category, alertId: alert.alertId }, 'security alert raised');
  }

  async function guarded(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      log.error({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, `could not record or raise a ${what} security alert`);
    }
  }

  return {
    authFailure: (remoteAddress, reason) =>
      guarded('AUTHENTICATION_FAILURE', async () => {
        const n = await count('auth', remoteAddress, options.authThreshold);
        if (n === 0) return;
        await raise({
          alertId: randomUUID(), category: 'AUTHENTICATION_FAILURE', severity: 'HIGH', service: 'ingest-gateway', principal: null,
          description: `${n} failed authentications from one remote address within ${WINDOW_S} s (threshold ${options.authThreshold}).`,
          occurredAt: clock(),
          attributes: { remoteAddress, failures: String(n), windowSeconds: String(WINDOW_S), threshold: String(options.authThreshold), lastReason: reason },
        });
      }),
    rateLimited: (sourceSystem, keyId) =>
      guarded('RATE_LIMIT_ABUSE', async () => {
        const n = await count('rate', keyId, options.rateThreshold);
        if (n === 0) return;
        await raise({
          alertId: randomUUID(), category: 'RATE_LIMIT_ABUSE', severity: 'MEDIUM', service: 'ingest-gateway', principal: sourceSystem,
          description: `Source exceeded its rate limit ${n} times within ${WINDOW_S} s (threshold ${options.rateThreshold}).`,
          occurredAt: clock(),
          attributes: { keyId, rejections: String(n), windowSeconds: String(WINDOW_S), threshold: String(options.rateThreshold) },
        });
      }),
  };
}

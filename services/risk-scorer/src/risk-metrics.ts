// The scorer's own metrics, on the stage's registry (one registry per process). Labels: reason only.
import { Counter, type Registry } from 'prom-client';

/** Metrics of the risk scorer beyond the runtime's pipeline metrics. */
export interface RiskMetrics {
  /** Failed Redis calls (each one pauses the partition and retries the batch). */
  readonly redisUnavailable: Counter;
  /** Child-safety alert records built, by reason = <OPEN|ESCALATED>_<severity> (replays of a committed outcome excluded). */
  readonly alerts: Counter<'reason'>;
}

/** Registers the risk metrics on `registry`. */
export function createRiskMetrics(registry: Registry): RiskMetrics {
  const registers = [registry];
  return {
    redisUnavailable: new Counter({ name: 'risk_redis_unavailable_total', help: 'Risk state store (Redis) calls that failed because Redis was unreachable or not serving; the batch is retried, never dropped', registers }),
    alerts: new Counter({ name: 'risk_alerts_total', help: 'Child-safety alerts opened or escalated, by status and severity', labelNames: ['reason'], registers }),
  };
}

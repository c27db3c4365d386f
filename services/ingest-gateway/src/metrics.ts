// The gateway's Prometheus metrics on its own registry (one per process). Labels are route
// patterns, status codes and reason codes only: never ids, sources' secrets or record values.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the gateway records. */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status'>;
  readonly eventsAccepted: Counter;
  readonly eventsRejected: Counter<'reason'>;
  readonly produceDuration: Histogram;
  readonly securityAlerts: Counter<'category'>;
}

/** Creates the registry (service label, optional process metrics) and the gateway metrics. */
export function createGatewayMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'ingest-gateway' });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'gateway_requests_total', help: 'HTTP requests answered, by route pattern and status code', labelNames: ['route', 'status'], registers }),
    eventsAccepted: new Counter({ name: 'gateway_events_accepted_total', help: 'Events acknowledged by Kafka and answered 202 (duplicates of stored events excluded)', registers }),
    eventsRejected: new Counter({ name: 'gateway_events_rejected_total', help: 'Events refused, by reason code', labelNames: ['reason'], registers }),
    produceDuration: new Histogram({
      name: 'gateway_produce_duration_seconds', help: 'Time from send to Kafka acknowledgement (acks=all), per request', registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    securityAlerts: new Counter({ name: 'gateway_security_alerts_total', help: 'Security alerts produced to the alert topic, by category', labelNames: ['category'], registers }),
  };
}

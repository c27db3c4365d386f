// The ledger's Prometheus metrics on its own registry. Labels are route patterns, status codes and
// bounded outcome names only: never reservation ids, stakeholders' tokens or amounts.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the ledger records. */
export interface LedgerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status'>;
  readonly operations: Counter<'operation' | 'outcome'>;
  readonly authFailures: Counter<'reason'>;
  readonly alertsProduced: Counter<'severity'>;
  readonly alertFailures: Counter;
}

/** Creates the registry (service label, optional process metrics) and the ledger metrics. */
export function createLedgerMetrics(options: { defaultMetrics?: boolean } = {}): LedgerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'privacy-ledger' });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'ledger_requests_total', help: 'HTTP requests answered, by route pattern and status code', labelNames: ['route', 'status'], registers }),
    operations: new Counter({ name: 'ledger_operations_total', help: 'Ledger operations by operation (reserve, commit, release, read, set_cap) and outcome (granted, refused, replayed, conflict, …)', labelNames: ['operation', 'outcome'], registers }),
    authFailures: new Counter({ name: 'ledger_auth_failures_total', help: 'Requests refused by authentication or authorisation, by reason code', labelNames: ['reason'], registers }),
    alertsProduced: new Counter({ name: 'ledger_budget_alerts_produced_total', help: 'Budget threshold alerts acknowledged by Kafka, by severity', labelNames: ['severity'], registers }),
    alertFailures: new Counter({ name: 'ledger_budget_alert_failures_total', help: 'Failed attempts to produce pending budget alerts (retried)', registers }),
  };
}

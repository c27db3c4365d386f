// Produces the threshold alerts decided in ledger transactions (table budget_alerts) to the alert
// topic as cwp.alerts.SecurityAlert, then marks them produced. Exactly once per (stakeholder,
// dataset, period, threshold) is decided by the table's primary key, in the transaction that crossed
// the threshold; delivery is at-least-once on top of that: rows are claimed with FOR UPDATE SKIP
// LOCKED (so two replicas or two drains never send the same row concurrently), sent, and marked in
// the same transaction. A crash between Kafka's ack and the mark re-sends the row after restart
// with the same alertId (the SOC de-duplicates on it); nothing is ever lost. Runs after each
// operation that created alerts and every LEDGER_ALERT_RETRY_MS.
import type pg from 'pg';
import type { SecurityAlert } from '@cwp/avro';
import type { Logger } from '@cwp/observability';
import type { Serde } from '@cwp/registry';
import type { AlertProducer } from './alert-producer.js';
import { fromNumeric } from './decimal.js';
import type { LedgerMetrics } from './metrics.js';

/** Drains unsent alerts. */
export interface AlertOutbox {
  /** Sends every unsent alert; resolves with how many were sent. Never rejects (failures are logged and retried later). */
  drain(): Promise<number>;
}

interface AlertRow {
  stakeholder: string;
  dataset: string;
  period: string;
  threshold: number;
  alert_id: string;
  severity: 'MEDIUM' | 'HIGH';
  reason: string;
  epsilon_spent: string;
  epsilon_cap: string;
  caller: string;
  created_at: Date;
}

/** The alert produced for a row: no record values, no credentials; the principal is the caller's credential name. */
export function toSecurityAlert(row: AlertRow): SecurityAlert {
  return {
    alertId: row.alert_id,
    category: 'BUDGET_THRESHOLD',
    severity: row.severity,
    service: 'privacy-ledger',
    principal: row.caller,
    description: `Privacy budget of stakeholder ${row.stakeholder} for dataset ${row.dataset} in ${row.period} reached ${row.threshold} % of its cap: ${row.reason}.`,
    occurredAt: row.created_at.getTime(),
    attributes: {
      stakeholder: row.stakeholder, dataset: row.dataset, period: row.period, threshold: String(row.threshold),
      epsilonSpent: fromNumeric(row.epsilon_spent), epsilonCap: fromNumeric(row.epsilon_cap), reason: row.reason,
    },
  };
}

/** Creates the outbox drainer. */
export function createAlertOutbox(options: { pool: pg.Pool; schema: string; producer: AlertProducer; serde: Serde; topic: string; logger: Logger; metrics: LedgerMetrics; batch?: number }): AlertOutbox {
  const log = options.logger.child({ component: 'alert-outbox' });
  const table = `"${options.schema}".budget_alerts`;
  const batch = options.batch ?? 50;
  let running: Promise<number> | null = null;
  let again = false;

  async function sendBatch(): Promise<number> {
    const client = await options.pool.connect();
    try {
      await client.query('BEGIN');
      const res = await client.query<AlertRow>(
        `SELECT stakeholder, dataset, period, threshold, alert_id, severity, reason, epsilon_spent::text, epsilon_cap::text, caller, created_at
         FROM ${table} WHERE produced_at IS NULL ORDER BY created_at, threshold LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
      );
      if (res.rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const records = await Promise.all(res.rows.map(async (row) => ({
        key: `${row.stakeholder}/${row.dataset}/${row.period}`,
        value: await options.serde.encode(`${options.topic}-value`, toSecurityAlert(row)),
      })));
      await options.producer.send(options.topic, records);
      await client.query(`UPDATE ${table} SET produced_at = now() WHERE alert_id = ANY($1::uuid[])`, [res.rows.map((r) => r.alert_id)]);
      await client.query('COMMIT');
      for (const row of res.rows) {
        options.metrics.alertsProduced.inc({ severity: row.severity });
        log.warn({ alertId: row.alert_id, threshold: row.threshold, severity: row.severity }, 'budget threshold alert produced');
      }
      return res.rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async function drainAll(): Promise<number> {
    let total = 0;
    do {
      again = false;
      try {
        for (;;) {
          const n = await sendBatch();
          total += n;
          if (n < batch) break;
        }
      } catch (err) {
        options.metrics.alertFailures.inc();
        log.error({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'budget alerts not produced yet; will retry');
        return total;
      }
    } while (again);
    return total;
  }

  return {
    drain() {
      // One drain at a time per process; a request arriving mid-drain asks for one more pass.
      if (running) {
        again = true;
        return running;
      }
      running = drainAll().finally(() => { running = null; });
      return running;
    },
  };
}

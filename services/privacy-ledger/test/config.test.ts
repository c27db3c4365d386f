import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@cwp/errors';
import { loadLedgerConfig } from '../src/config.js';
import { periodOf } from '../src/period.js';
import { toSecurityAlert } from '../src/alert-outbox.js';

const env = { KAFKA_BROKERS: '127.0.0.1:9092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7', DATABASE_URL: 'postgres://x@localhost/db' };

test('configuration: defaults, and one error naming every problem (never a value)', () => {
  const c = loadLedgerConfig({ ...env, LEDGER_CREDENTIALS_FILE: '/etc/ledger/credentials.json' });
  assert.equal(c.LEDGER_DB_SCHEMA, 'ledger');
  assert.equal(c.LEDGER_ALERT_TOPIC, 'alerts.security.v1');
  assert.equal(c.LEDGER_MIGRATE_ON_START, true);
  assert.throws(() => loadLedgerConfig({ ...env, DATABASE_URL: 'postgres://secret-password@h/db', LEDGER_DB_SCHEMA: 'Bad-Schema', LEDGER_TLS_CERT_FILE: '/c.pem', LEDGER_CREDENTIALS_FILE: '/x' }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /LEDGER_DB_SCHEMA/);
    assert.doesNotMatch(err.message, /secret-password/);
    return true;
  });
  assert.throws(() => loadLedgerConfig(env), /LEDGER_CREDENTIALS_FILE or LEDGER_CREDENTIALS_JSON/);
});

test('periods are UTC months', () => {
  assert.equal(periodOf(Date.parse('2031-05-31T23:59:59Z')), '2031-05');
  assert.equal(periodOf(Date.parse('2031-06-01T00:00:00Z')), '2031-06');
});

test('threshold alerts carry the budget, never tokens or record values', () => {
  const alert = toSecurityAlert({
    stakeholder: 'government', dataset: 'children-in-care', period: '2031-05', threshold: 80, alert_id: '7b0c4c38-7d0e-4a39-9a55-0c1c3c3b8f51', severity: 'MEDIUM',
    reason: 'spent reached 80 % of the cap', epsilon_spent: '0.800000000000', epsilon_cap: '1.000000000000', caller: 'aggregator', created_at: new Date(1_000),
  });
  assert.equal(alert.category, 'BUDGET_THRESHOLD');
  assert.equal(alert.severity, 'MEDIUM');
  assert.deepEqual(alert.attributes, { stakeholder: 'government', dataset: 'children-in-care', period: '2031-05', threshold: '80', epsilonSpent: '0.8', epsilonCap: '1', reason: 'spent reached 80 % of the cap' });
  assert.equal(alert.occurredAt, 1_000);
});

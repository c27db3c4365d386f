// Risk scorer entry: events.raw.v1 → alerts.child-safety.v1 on the shared stream runtime, its own
// consumer group, per-child state in Redis, identity envelopes under each child's DEK (the shared
// PostgreSQL key store and KMS, configured exactly as the encryptor's).
import { createKeyStoreFromConfig } from '@cwp/crypto';
import { createPool } from '@cwp/db';
import { createLogger, createPipelineMetrics } from '@cwp/observability';
import { createPseudonymizer, loadPseudonymSecret } from '@cwp/pseudonym';
import { createStage, runStage } from '@cwp/stream-runtime';
import { loadRiskConfig } from './config.js';
import { createKeyStoreIdentitySealer } from './key-store-identity-sealer.js';
import { createOutageMonitor } from './outage-monitor.js';
import { createRedisStateStore } from './redis-state-store.js';
import { createRiskMetrics } from './risk-metrics.js';
import { loadRules } from './rules.js';
import { createRiskScorer } from './transform.js';

const SERVICE = 'risk-scorer';
const config = loadRiskConfig();
const rules = loadRules(config.RISK_RULES_PATH);
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const metrics = createPipelineMetrics({ service: SERVICE });
const riskMetrics = createRiskMetrics(metrics.registry);
const monitor = createOutageMonitor({ service: SERVICE, logger: logger.child({ component: 'redis' }), counter: riskMetrics.redisUnavailable });
const store = createRedisStateStore({
  url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  dedupTtlMs: config.RISK_DEDUP_TTL_MS, maxSignals: config.RISK_MAX_SIGNALS_PER_CHILD, stateTtlMs: rules.maxWindowMs + config.RISK_DEDUP_TTL_MS,
  onUnavailable: (err) => monitor.unavailable(err), onAvailable: () => monitor.available(),
});
// Sealing reads one DEK per child (cached; shreds invalidate over Redis); an outage of PostgreSQL or
// the KMS is a retriable DependencyError, so the batch waits and no alert is lost.
const pool = createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-risk-scorer', max: 8 });
const keys = await createKeyStoreFromConfig(config, pool);

const stage = createStage({
  name: SERVICE,
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject: config.INPUT_SUBJECT },
  outputs: [{ topic: config.ALERT_TOPIC, subject: config.ALERT_SUBJECT }, { topic: config.SECURITY_TOPIC, subject: config.SECURITY_SUBJECT }],
  transform: createRiskScorer({
    rules, store, monitor, metrics: riskMetrics,
    pseudonyms: createPseudonymizer({ secret: loadPseudonymSecret(), epochPolicy: config.RISK_PSEUDONYM_EPOCH_POLICY }),
    sealer: createKeyStoreIdentitySealer({ keys }),
    alertTopic: config.ALERT_TOPIC, securityTopic: config.SECURITY_TOPIC,
  }),
  // A child's signals are observed in order; different children's run concurrently (RECORD_CONCURRENCY).
  orderKey: (event) => event.subjectId,
  config, logger, metrics,
});
logger.info({ ruleSetVersion: rules.version, conditions: rules.conditions.length }, 'risk rules loaded');
// runStage returns once started and exits the process after draining; the Redis and PostgreSQL
// connections end with it (every state update is one atomic script, the key store only reads or
// creates DEKs in their own transactions, so there is nothing to flush).
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });

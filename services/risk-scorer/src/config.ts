// The scorer's environment: the runtime's variables (with latency-first defaults) plus its own.
import { z } from 'zod';
import { keyStoreEnv } from '@cwp/crypto';
import { EPOCH_POLICIES } from '@cwp/pseudonym';
import { loadStageConfig } from '@cwp/stream-runtime';
import { DEFAULT_RULES_PATH } from './rules.js';

const positiveInt = z.coerce.number().int().positive();

/** The risk scorer's variables: the shared key store's (identity envelopes under the child's DEK) plus its own. */
export const riskEnv = {
  ...keyStoreEnv,
  INPUT_TOPIC: z.string().min(1).default('events.raw.v1').describe('topic of raw events'),
  INPUT_SUBJECT: z.string().min(1).default('events.raw.v1-value').describe('subject of the raw event schema'),
  ALERT_TOPIC: z.string().min(1).default('alerts.child-safety.v1').describe('topic of child-safety alerts'),
  ALERT_SUBJECT: z.string().min(1).default('alerts.child-safety.v1-value').describe('subject of the ChildSafetyAlert schema'),
  SECURITY_TOPIC: z.string().min(1).default('alerts.security.v1').describe('topic of operational/security alerts (Redis outages)'),
  SECURITY_SUBJECT: z.string().min(1).default('alerts.security.v1-value').describe('subject of the SecurityAlert schema'),
  GROUP_ID: z.string().min(1).default('cwp-risk-scorer').describe('consumer group id (independent of the analytics stages), also the transactional id prefix'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').describe('Redis holding per-child risk state (and carrying DEK cache invalidations)'),
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/).default('risk').describe('prefix of every risk state key'),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(2000).describe('a Redis call slower than this counts as Redis unavailable (batch retried)'),
  RISK_RULES_PATH: z.string().min(1).default(DEFAULT_RULES_PATH).describe('rules file (weights, half-lives, thresholds, escalations)'),
  RISK_PSEUDONYM_EPOCH_POLICY: z.enum(EPOCH_POLICIES).default('quarterly').describe('epochs of the risk pseudonym named in alerts'),
  RISK_DEDUP_TTL_MS: positiveInt.default(7 * 24 * 3_600_000).describe('how long processed event ids are remembered per child for de-duplication'),
  RISK_MAX_SIGNALS_PER_CHILD: positiveInt.max(10_000).default(256).describe('most signals kept per child (oldest dropped first)'),
};

// Latency before throughput: short idle fetch wait, small batches (one transaction each), quick
// retries after a Redis outage, and a batch's children scored concurrently (one child's signals stay
// in order: the stage's orderKey is the child) so that Redis round trips and cold DEK loads overlap
// instead of queueing. Any of these can still be set in the environment.
const LATENCY_DEFAULTS = {
  FETCH_MAX_WAIT_MS: '10', MAX_BYTES_PER_PARTITION: '65536', RETRY_BASE_MS: '100', RETRY_MAX_MS: '2000', PRODUCER_RETRY_BASE_MS: '10', RECORD_CONCURRENCY: '32',
};

/** Loads and freezes the configuration; one ConfigError names every bad variable. */
export function loadRiskConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadStageConfig(riskEnv, { ...LATENCY_DEFAULTS, ...env });
}

// Aggregator stage entry: events.pseudonymized.v1 → aggregates.<stakeholder>.v1 on the shared
// stream runtime, with its state in PostgreSQL (schema migrated at start) and the privacy ledger
// consulted over HTTP before every release.
import { z } from 'zod';
import { createPool, migrate } from '@cwp/db';
import { createStage, loadStageConfig, runStage } from '@cwp/stream-runtime';
import { DEFAULT_CATALOGUE_FILE, STAKEHOLDERS, loadCatalogue } from './catalogue.js';
import { createHttpLedger } from './ledger-client.js';
import { createPgStore } from './store.js';
import { createAggregator } from './transform.js';
import { AGGREGATOR_MIGRATIONS_DIR } from './index.js';

const config = loadStageConfig({
  INPUT_TOPIC: z.string().min(1).default('events.pseudonymized.v1').describe('topic of pseudonymized events'),
  GROUP_ID: z.string().min(1).default('cwp-aggregator').describe('consumer group id, also the transactional id prefix'),
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the aggregator state'),
  AGGREGATOR_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('aggregator').describe('PostgreSQL schema of the aggregator state'),
  CATALOGUE_FILE: z.string().min(1).default(DEFAULT_CATALOGUE_FILE).describe('query catalogue (JSON, validated at start)'),
  LEDGER_URL: z.string().url().describe('base URL of the privacy-budget ledger, without /v1 (e.g. https://privacy-ledger:8443)'),
  LEDGER_TOKEN: z.string().min(16).describe('Bearer token of the aggregator at the ledger (role aggregator)'),
  LEDGER_TIMEOUT_MS: z.coerce.number().int().positive().default(5000).describe('longest wait for one ledger call'),
  AGGREGATES_TOPIC_TEMPLATE: z.string().regex(/^[A-Za-z0-9._-]*\{stakeholder\}[A-Za-z0-9._-]*$/, 'must contain {stakeholder} and only topic-name characters')
    .default('aggregates.{stakeholder}.v1').describe('output topic of a stakeholder; {stakeholder} is replaced (sandbox runs use another prefix)'),
});

const catalogue = loadCatalogue(config.CATALOGUE_FILE);
const topicOf = (stakeholder: string): string => config.AGGREGATES_TOPIC_TEMPLATE.replace('{stakeholder}', stakeholder);
await migrate({ databaseUrl: config.DATABASE_URL, dir: AGGREGATOR_MIGRATIONS_DIR, schema: config.AGGREGATOR_SCHEMA });
const pool = createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-aggregator', max: 4 });
const stage = createStage({
  name: 'aggregator',
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject: 'events.pseudonymized.v1-value' },
  outputs: STAKEHOLDERS.map((s) => ({ topic: topicOf(s), subject: `${topicOf(s)}-value` })),
  transform: createAggregator({
    catalogue,
    store: createPgStore(pool, config.AGGREGATOR_SCHEMA),
    ledger: createHttpLedger({ url: config.LEDGER_URL, token: config.LEDGER_TOKEN, timeoutMs: config.LEDGER_TIMEOUT_MS }),
    topicOf,
    onRefused: (r) => stage.logger.warn(r, 'privacy ledger refused the budget: window not released (the ledger alerts on alerts.security.v1)'),
  }),
  config,
});
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });

// Classifier stage entry: events.raw.v1 → events.classified.v1 on the shared stream runtime.
import { z } from 'zod';
import { loadSchemaCatalog } from '@cwp/avro';
import { createPool } from '@cwp/db';
import { createStage, loadStageConfig, runStage } from '@cwp/stream-runtime';
import { createConsentReader } from './consent-reader.js';
import { planFields } from './field-plan.js';
import { createClassifier } from './transform.js';

const config = loadStageConfig({
  INPUT_TOPIC: z.string().min(1).default('events.raw.v1').describe('topic of raw events'),
  OUTPUT_TOPIC: z.string().min(1).default('events.classified.v1').describe('topic of classified events'),
  GROUP_ID: z.string().min(1).default('cwp-classifier').describe('consumer group id, also the transactional id prefix'),
  DATABASE_URL: z.string().min(1).describe('PostgreSQL URL of the consent registry'),
  CONSENT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gateway').describe('PostgreSQL schema of the consent registry'),
  PII_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5).describe('findings below this confidence are dropped'),
});

const pool = createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-classifier', max: 4 });
const stage = createStage({
  name: 'classifier',
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject: 'events.raw.v1-value' },
  outputs: [{ topic: config.OUTPUT_TOPIC, subject: 'events.classified.v1-value' }],
  transform: createClassifier({
    plan: planFields(loadSchemaCatalog().resolve('cwp.events.RawEvent')),
    consent: createConsentReader(pool, config.CONSENT_SCHEMA),
    outputTopic: config.OUTPUT_TOPIC,
    minConfidence: config.PII_MIN_CONFIDENCE,
  }),
  config,
});
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });

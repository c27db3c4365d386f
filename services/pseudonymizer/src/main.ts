// Pseudonymizer stage entry: events.encrypted.v1 → events.pseudonymized.v1 on the shared stream runtime.
import { Counter } from 'prom-client';
import { z } from 'zod';
import { AVRO_OPTIONS } from '@cwp/avro';
import { createLogger, createPipelineMetrics } from '@cwp/observability';
import { EPOCH_POLICIES, createPseudonymizer, loadPseudonymSecret } from '@cwp/pseudonym';
import { createSerde } from '@cwp/registry';
import { createStage, loadStageConfig, runStage } from '@cwp/stream-runtime';
import { DEFAULT_GENERALISATION_FILE, loadGeneralisationConfig } from './generalisation-config.js';
import { createPseudonymizerTransform } from './transform.js';

const config = loadStageConfig({
  INPUT_TOPIC: z.string().min(1).default('events.encrypted.v1').describe('topic of encrypted events (the system of record)'),
  OUTPUT_TOPIC: z.string().min(1).default('events.pseudonymized.v1').describe('topic of pseudonymized events, the one analytics reads'),
  GROUP_ID: z.string().min(1).default('cwp-pseudonymizer').describe('consumer group id, also the transactional id prefix'),
  GENERALISATION_CONFIG_FILE: z.string().min(1).default(DEFAULT_GENERALISATION_FILE).describe('JSON file of the generalisation hierarchies (config/generalisation.json)'),
  PSEUDONYM_EPOCH_POLICY: z.enum(EPOCH_POLICIES).default('quarterly').describe('how long one pseudonym lasts: quarterly, monthly or yearly (UTC, by event time)'),
});

// PSEUDONYM_SECRET / PSEUDONYM_SECRET_FILE are read by @cwp/pseudonym only, never into the stage config
// object (which could be logged); the pseudonymizer copies the secret and never exposes it or its derived keys.
const pseudonyms = createPseudonymizer({ secret: loadPseudonymSecret(process.env), epochPolicy: config.PSEUDONYM_EPOCH_POLICY });
const generalisation = loadGeneralisationConfig(config.GENERALISATION_CONFIG_FILE);
const metrics = createPipelineMetrics({ service: 'pseudonymizer' });
const withheld = new Counter({ name: 'pseudonymizer_records_withheld_total', help: 'Input events deliberately not published (e.g. a child without any granted consent purpose)', labelNames: ['reason'], registers: [metrics.registry] });
const stage = createStage({
  name: 'pseudonymizer',
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject: 'events.encrypted.v1-value' },
  outputs: [{ topic: config.OUTPUT_TOPIC, subject: 'events.pseudonymized.v1-value' }],
  transform: createPseudonymizerTransform({ pseudonyms, generalisation, outputTopic: config.OUTPUT_TOPIC, onWithheld: (reason) => withheld.inc({ reason }) }),
  serde: createSerde({ url: config.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS }),
  metrics,
  logger: createLogger({ service: 'pseudonymizer', level: config.LOG_LEVEL }),
  config,
});
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });

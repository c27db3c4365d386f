// Encryptor stage entry: events.classified.v1 → events.encrypted.v1 on the shared stream runtime.
import { z } from 'zod';
import { AVRO_OPTIONS, ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { createKeyStoreFromConfig, keyStoreEnv } from '@cwp/crypto';
import { createPool } from '@cwp/db';
import { createSerde } from '@cwp/registry';
import { createStage, loadStageConfig, runStage } from '@cwp/stream-runtime';
import { planEncryption } from './encryption-plan.js';
import { ENCRYPTOR_RUNTIME_DEFAULTS, createEncryptor } from './transform.js';

const config = loadStageConfig({
  INPUT_TOPIC: z.string().min(1).default('events.classified.v1').describe('topic of classified events'),
  OUTPUT_TOPIC: z.string().min(1).default('events.encrypted.v1').describe('topic of encrypted events (the system of record)'),
  GROUP_ID: z.string().min(1).default('cwp-encryptor').describe('consumer group id, also the transactional id prefix'),
  ...keyStoreEnv,
}, { ...ENCRYPTOR_RUNTIME_DEFAULTS, ...process.env });

const outputSubject = 'events.encrypted.v1-value';
// One serde for the stage and the AAD: the schema id sealed into every ciphertext is the very id
// the runtime frames the output with (both read the same cached latest id).
const serde = createSerde({ url: config.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS });
const schemaId = await serde.latestId(outputSubject);
const pool = createPool({ databaseUrl: config.DATABASE_URL, applicationName: 'cwp-encryptor', max: 4 });
const keys = await createKeyStoreFromConfig(config, pool);
const stage = createStage({
  name: 'encryptor',
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject: 'events.classified.v1-value' },
  outputs: [{ topic: config.OUTPUT_TOPIC, subject: outputSubject }],
  transform: createEncryptor({ plan: planEncryption(loadSchemaCatalog().resolve(ENCRYPTED_EVENT_NAME)), keys, schemaId, outputTopic: config.OUTPUT_TOPIC }),
  serde,
  config,
});
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });

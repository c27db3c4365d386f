// The analytics chain behind the ingestion gateway, in-process on the real stack: classifier
// (consent from the gateway's registry), encryptor (PostgreSQL key store of a private schema, local
// KMS with a keyring made for the run) and pseudonymizer, each a stage on the stream runtime with its
// own unique topics and groups. Used by the pseudonymizer leak test and the end-to-end pipeline test;
// stop() removes everything it made.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { createClassifier, createConsentReader, planFields } from '@cwp/classifier';
import type { KeyStore } from '@cwp/crypto';
import { KEYS_MIGRATIONS_DIR, createLocalKeyring, createLocalKms, createPgKeyStore } from '@cwp/crypto';
import { createPool, migrate } from '@cwp/db';
import { createEncryptor, planEncryption } from '@cwp/encryptor';
import { createLogger } from '@cwp/observability';
import { createPseudonymizer } from '@cwp/pseudonym';
import { PSEUDONYMIZED_EVENT_NAME, createPseudonymizerTransform, loadGeneralisationConfig } from '@cwp/pseudonymizer';
import type { Serde } from '@cwp/registry';
import { createStage, loadStageConfig, type Stage } from '@cwp/stream-runtime';
import type { GeneratedEvent } from '@cwp/synthetic';
import type { GatewayFixture } from '../../../services/ingest-gateway/test/support/gateway-fixture.js';
import { toBody } from '../../../services/ingest-gateway/test/support/gateway-fixture.js';
import { createTopics, deleteSubjects, deleteTopics, registerSchema, uniqueName } from './stream-fixtures.js';
import { stackEnv } from '../../support/stack.js';

/** The running chain: its topics (the raw topic is the gateway's) and stop(). */
export interface AnalyticsPipeline {
  readonly classified: string;
  readonly encrypted: string;
  readonly pseudonymized: string;
  /** Dead-letter topics of the encryptor's and the pseudonymizer's inputs. */
  readonly dlqs: readonly string[];
  /** The stages, in pipeline order. */
  readonly stages: readonly Stage[];
  stop(): Promise<void>;
}

/** Creates the topics, subjects and key schema of `name` and starts the three stages. */
export async function startAnalyticsPipeline(options: { fx: GatewayFixture; admin: Admin; serde: Serde; name: string; partitions?: number }): Promise<AnalyticsPipeline> {
  const { fx, admin, serde, name } = options;
  const partitions = options.partitions ?? 3;
  const raw = fx.config.GATEWAY_TOPIC;
  const classified = uniqueName(`it.${name}.classified`);
  const encrypted = uniqueName(`it.${name}.encrypted`);
  const pseudonymized = uniqueName(`it.${name}.pseudonymized`);
  const dlqs = [`${classified}.dlq`, `${encrypted}.dlq`];
  const keysSchema = `keys_it_${name.replace(/[^a-z0-9]/g, '_')}_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const catalog = loadSchemaCatalog();

  await createTopics(admin, [
    { topic: `${raw}.dlq`, partitions: 1 }, ...[classified, encrypted, pseudonymized].map((topic) => ({ topic, partitions })),
    ...dlqs.map((topic) => ({ topic, partitions: 1 })),
  ]);
  await registerSchema('cwp.events.ClassifiedEvent', `${classified}-value`);
  await registerSchema(ENCRYPTED_EVENT_NAME, `${encrypted}-value`);
  await registerSchema(PSEUDONYMIZED_EVENT_NAME, `${pseudonymized}-value`);
  const { databaseUrl } = stackEnv();
  await migrate({ databaseUrl, dir: KEYS_MIGRATIONS_DIR, schema: keysSchema });
  const pool: pg.Pool = createPool({ databaseUrl, applicationName: `cwp-it-${name}`, max: 6 });
  const dir = mkdtempSync(join(tmpdir(), `cwp-it-${name}-`));
  writeFileSync(join(dir, 'keyring.json'), createLocalKeyring('it-kek'), { mode: 0o600 });
  const keys: KeyStore = await createPgKeyStore({ pool, kms: createLocalKms({ file: join(dir, 'keyring.json') }), schema: keysSchema, cacheTtlMs: 600_000 });

  const config = loadStageConfig({}, { ...process.env, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const quiet = (service: string) => createLogger({ service, level: 'silent' });
  const group = (stage: string): string => uniqueName(`it.${name}.g.${stage}`);
  const stages: Stage[] = [
    createStage({
      name: 'classifier', groupId: group('classifier'), input: { topic: raw }, outputs: [{ topic: classified }], serde, config, logger: quiet('classifier-it'),
      transform: createClassifier({ plan: planFields(catalog.resolve('cwp.events.RawEvent')), consent: createConsentReader(fx.pool, fx.env['GATEWAY_DB_SCHEMA']), outputTopic: classified }),
    }),
    createStage({
      name: 'encryptor', groupId: group('encryptor'), input: { topic: classified }, outputs: [{ topic: encrypted }], serde, config, logger: quiet('encryptor-it'),
      transform: createEncryptor({ plan: planEncryption(catalog.resolve(ENCRYPTED_EVENT_NAME)), keys, schemaId: await serde.latestId(`${encrypted}-value`), outputTopic: encrypted }),
    }),
    createStage({
      name: 'pseudonymizer', groupId: group('pseudonymizer'), input: { topic: encrypted }, outputs: [{ topic: pseudonymized }], serde, config, logger: quiet('pseudonymizer-it'),
      transform: createPseudonymizerTransform({ pseudonyms: createPseudonymizer({ secret: randomBytes(32) }), generalisation: loadGeneralisationConfig(), outputTopic: pseudonymized }),
    }),
  ];
  for (const s of stages) await s.start();

  return {
    classified, encrypted, pseudonymized, dlqs, stages,
    async stop() {
      for (const s of stages) await s.stop();
      await keys.close();
      await deleteTopics(admin, [`${raw}.dlq`, classified, encrypted, pseudonymized, ...dlqs]);
      await deleteSubjects(`${classified}-value`, `${encrypted}-value`, `${pseudonymized}-value`);
      await pool.query(`DROP SCHEMA IF EXISTS "${keysSchema}" CASCADE`);
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A guardian's answer for one child: every purpose, research only, or nothing. */
export type ConsentChoice = 'all' | 'research' | 'none';

/**
 * Records guardians' consent in the gateway's registry for the children of `events` (sorted ids):
 * one in ten none (their events must be withheld), one in ten research only, the rest analytics,
 * research and media. Returns the plan.
 */
export async function grantConsents(fx: GatewayFixture, events: readonly GeneratedEvent[]): Promise<Map<string, ConsentChoice>> {
  const children = [...new Set(events.filter((g) => g.event.subjectType === 'CHILD').map((g) => g.event.subjectId))].sort();
  const plan = new Map<string, ConsentChoice>(children.map((id, i) => [id, i % 10 === 0 ? 'none' : i % 10 === 1 ? 'research' : 'all']));
  const rows: string[] = [];
  const params: string[] = [];
  for (const [child, choice] of plan) {
    const purposes = choice === 'all' ? ['analytics', 'research', 'media'] : choice === 'research' ? ['research'] : [];
    for (const p of purposes) { params.push(child, p); rows.push(`($${params.length - 1}, $${params.length}, 'granted', NULL, 'guardian-it', now() - interval '1 day', 'it')`); }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await fx.pool.query(`INSERT INTO "${fx.env['GATEWAY_DB_SCHEMA']}".consents (child_id, purpose, status, expires_at, guardian_ref, recorded_at, recorded_by) VALUES ${rows.slice(i, i + 500).join(', ')}`, params.slice(i * 2, (i + 500) * 2));
  }
  return plan;
}

/** Posts `events` to POST /v1/events in batches, as an upstream system does; every answer must be 202. */
export async function postEvents(fx: GatewayFixture, events: readonly GeneratedEvent[], batch: number): Promise<void> {
  const { authorization } = await fx.createSource('registri-anak');
  for (let i = 0; i < events.length; i += batch) {
    const res = await fx.app.inject({ method: 'POST', url: '/v1/events', headers: { authorization, 'content-type': 'application/json' }, payload: JSON.stringify({ events: events.slice(i, i + batch).map((g) => toBody(g.event)) }) });
    assert.equal(res.statusCode, 202, res.body.slice(0, 300));
  }
}

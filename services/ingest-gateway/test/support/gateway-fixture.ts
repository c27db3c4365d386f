// Integration fixture of the ingestion gateway (used by test/integration/ingest-gateway*.test.ts):
// a private PostgreSQL schema pair (gateway + audit), Redis key prefix, raw topic and alert topic
// with their subjects registered, a built app (inject) and helpers to read the topics back. Talks to
// the real local stack only; cleanup() removes everything it made.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import kafkajs from 'kafkajs';
import type pg from 'pg';
import { Redis } from 'ioredis';
import type { RawEvent, SecurityAlert } from '@cwp/avro';
import { AVRO_OPTIONS, loadSchemaCatalog, unwrapPayload } from '@cwp/avro';
import { AUDIT_MIGRATIONS_DIR, createAuditLog } from '@cwp/audit';
import type { AuditLog } from '@cwp/audit';
import { createPool, migrate } from '@cwp/db';
import { createLogger } from '@cwp/observability';
import { createSerde } from '@cwp/registry';
import type { Serde } from '@cwp/registry';
import type { BuildOptions, GatewayConfig, SourceStore } from '../../src/index.js';
import { GATEWAY_MIGRATIONS_DIR, build, createGatewayMetrics, createSourceStore, loadGatewayConfig } from '../../src/index.js';
import { stackEnv, stackSaslOption } from '../../../../test/support/stack.js';

/** Connection settings of the local stack (from the environment; `set -a; source .local/stack.env`). */
/** The running local stack (test/support/stack.ts), with the registry URL without a trailing slash. */
export function stack(): { brokers: string[]; registryUrl: string; databaseUrl: string; redisUrl: string; env: Record<string, string> } {
  const s = stackEnv();
  return { brokers: s.kafkaBrokers, registryUrl: s.registryUrl.replace(/\/$/, ''), databaseUrl: s.databaseUrl, redisUrl: s.redisUrl, env: s.env };
}

const catalog = loadSchemaCatalog();

/** The JSON body a source sends for a RawEvent: payload unwrapped, no sourceSystem / receivedAt. */
export function toBody(event: RawEvent): Record<string, unknown> {
  return {
    eventId: event.eventId, eventType: event.eventType, occurredAt: event.occurredAt, subjectType: event.subjectType, subjectId: event.subjectId,
    payload: JSON.parse(JSON.stringify(unwrapPayload(event))) as unknown,
  };
}

async function register(registryUrl: string, subject: string, fullName: string): Promise<void> {
  const res = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ schema: JSON.stringify(catalog.resolve(fullName)) }),
  });
  if (!res.ok) throw new Error(`registering ${subject}: ${res.status} ${await res.text()}`);
}

async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  for (const q of ['', '?permanent=true']) await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}${q}`, { method: 'DELETE' }).catch(() => undefined);
}

/** Everything one test file uses. */
export interface GatewayFixture {
  readonly id: string;
  readonly app: FastifyInstance;
  readonly config: GatewayConfig;
  readonly env: Record<string, string>;
  readonly pool: pg.Pool;
  readonly redis: Redis;
  readonly serde: Serde;
  readonly sources: SourceStore;
  readonly audit: AuditLog;
  readonly kafka: kafkajs.Kafka;
  /** Creates an active source and returns its `Authorization` header value. */
  createSource(system?: string): Promise<{ keyId: string; authorization: string }>;
  /** Builds another app over the same schemas/topics with extra environment (closed by cleanup). */
  buildApp(env?: Record<string, string>, options?: Partial<BuildOptions>): Promise<FastifyInstance>;
  /** All records of `topic` decoded, read up to the current high watermarks. */
  readTopic<T>(topic: string): Promise<{ key: string | null; value: T }[]>;
  /** Record count of `topic` (high watermarks; no transactions are used). */
  countRecords(topic: string): Promise<number>;
  readRaw(): Promise<{ key: string | null; value: RawEvent }[]>;
  readAlerts(): Promise<{ key: string | null; value: SecurityAlert }[]>;
  cleanup(): Promise<void>;
}

/** Sets up a private gateway; `env` overrides configuration (e.g. rate limits). */
export async function createGatewayFixture(env: Record<string, string> = {}): Promise<GatewayFixture> {
  const s = stack();
  const id = randomBytes(5).toString('hex');
  const names = {
    GATEWAY_DB_SCHEMA: `gw_it_${id}`, AUDIT_SCHEMA: `gw_it_audit_${id}`, GATEWAY_TOPIC: `it.gateway.raw.${id}`, GATEWAY_ALERT_TOPIC: `it.gateway.alerts.${id}`,
    GATEWAY_REDIS_PREFIX: `it:gw:${id}:`,
  };
  const fullEnv: Record<string, string> = { ...s.env, ...names, LOG_LEVEL: 'silent', GATEWAY_MIGRATE_ON_START: 'false', ...env };
  await migrate({ databaseUrl: s.databaseUrl, dir: GATEWAY_MIGRATIONS_DIR, schema: names.GATEWAY_DB_SCHEMA });
  await migrate({ databaseUrl: s.databaseUrl, dir: AUDIT_MIGRATIONS_DIR, schema: names.AUDIT_SCHEMA });
  const kafka = new kafkajs.Kafka({ clientId: `it-gateway-${id}`, brokers: s.brokers, ...stackSaslOption(), logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [names.GATEWAY_TOPIC, names.GATEWAY_ALERT_TOPIC].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
  await register(s.registryUrl, `${names.GATEWAY_TOPIC}-value`, 'cwp.events.RawEvent');
  await register(s.registryUrl, `${names.GATEWAY_ALERT_TOPIC}-value`, 'cwp.alerts.SecurityAlert');

  const pool = createPool({ databaseUrl: s.databaseUrl, applicationName: 'it-gateway', max: 4 });
  const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: 1 });
  const serde = createSerde({ url: s.registryUrl, avroOptions: { ...AVRO_OPTIONS } });
  const sources = createSourceStore(pool, names.GATEWAY_DB_SCHEMA);
  const audit = createAuditLog({ pool, schema: names.AUDIT_SCHEMA });
  const apps: FastifyInstance[] = [];
  const logger = createLogger({ service: 'ingest-gateway-it', level: process.env['GATEWAY_IT_LOG_LEVEL'] ?? 'silent' });

  async function buildApp(extra: Record<string, string> = {}, options: Partial<BuildOptions> = {}): Promise<FastifyInstance> {
    const config = loadGatewayConfig({ ...fullEnv, ...extra });
    const app = await build({ config, logger, catalog, metrics: createGatewayMetrics({ defaultMetrics: false }), ...options });
    apps.push(app);
    await app.ready();
    return app;
  }

  async function countRecords(topic: string): Promise<number> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high), 0);
  }

  async function readTopic<T>(topic: string): Promise<{ key: string | null; value: T }[]> {
    const total = await countRecords(topic);
    if (total === 0) return [];
    const consumer = kafka.consumer({ groupId: `it-gateway-reader-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 100 });
    const raw: { key: Buffer | null; value: Buffer | null }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: ({ message }) => { raw.push({ key: message.key, value: message.value }); return Promise.resolve(); } });
      const deadline = Date.now() + 30_000;
      while (raw.length < total && Date.now() < deadline) await sleep(50);
    } finally {
      await consumer.disconnect();
    }
    if (raw.length < total) throw new Error(`read ${raw.length} of ${total} records of ${topic}`);
    return Promise.all(raw.map(async (r) => ({ key: r.key?.toString('utf8') ?? null, value: (await serde.decode<T>(r.value ?? Buffer.alloc(0))).value })));
  }

  return {
    id, env: fullEnv, pool, redis, serde, sources, audit, kafka,
    app: await buildApp(),
    config: loadGatewayConfig(fullEnv),
    async createSource(system = 'registri-anak') {
      const { row, credential } = await sources.create(system);
      return { keyId: row.keyId, authorization: `Bearer ${credential.token}` };
    },
    buildApp,
    readTopic,
    countRecords,
    readRaw: () => readTopic<RawEvent>(names.GATEWAY_TOPIC),
    readAlerts: () => readTopic<SecurityAlert>(names.GATEWAY_ALERT_TOPIC),
    async cleanup() {
      await Promise.allSettled(apps.map((a) => a.close()));
      await admin.deleteTopics({ topics: [names.GATEWAY_TOPIC, names.GATEWAY_ALERT_TOPIC], timeout: 15_000 }).catch(() => undefined);
      await admin.disconnect();
      await deleteSubject(s.registryUrl, `${names.GATEWAY_TOPIC}-value`);
      await deleteSubject(s.registryUrl, `${names.GATEWAY_ALERT_TOPIC}-value`);
      await pool.query(`DROP SCHEMA IF EXISTS "${names.GATEWAY_DB_SCHEMA}" CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS "${names.AUDIT_SCHEMA}" CASCADE`);
      await pool.end();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${names.GATEWAY_REDIS_PREFIX}*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

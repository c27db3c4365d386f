// Creates every declared topic and registers every schema subject, idempotently.
// Run by `make up` after the stack answers: node --import tsx --conditions=source infra/scripts/provision.ts
import kafkajs from 'kafkajs';
import { loadSchemaCatalog, sameSchema } from '@cwp/avro';
import { AUDIT_MIGRATIONS_DIR } from '@cwp/audit';
import { KEYS_MIGRATIONS_DIR } from '@cwp/crypto';
import { AGGREGATOR_MIGRATIONS_DIR } from '@cwp/aggregator';
import { migrate } from '@cwp/db';
import { LEDGER_MIGRATIONS_DIR } from '@cwp/privacy-ledger';
import type { JsonValue } from '@cwp/avro';
import { applyKafkaAcls } from './kafka-acls.js';
import { loadTopics, topicConfig } from './topics.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// Provisioning signs in as the broker's super user (make up writes it to .local/stack.env).
const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = process.env;
const sasl = username && password ? { mechanism: 'scram-sha-256' as const, username, password } : undefined;
const saslOption = sasl ? { sasl } : {};
const repoRoot = new URL('../../', import.meta.url).pathname;

// Every component that keeps state in PostgreSQL: its migrations folder and its own schema.
const MIGRATIONS: ReadonlyArray<{ readonly schema: string; readonly dir: string }> = [
  { schema: 'audit', dir: AUDIT_MIGRATIONS_DIR },
  { schema: 'gateway', dir: `${repoRoot}services/ingest-gateway/migrations` },
  { schema: 'keys', dir: KEYS_MIGRATIONS_DIR },
  { schema: 'ledger', dir: LEDGER_MIGRATIONS_DIR },
  { schema: 'aggregator', dir: AGGREGATOR_MIGRATIONS_DIR },
];
const registryUrl = (process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7').replace(/\/$/, '');

async function provisionTopics(): Promise<void> {
  const file = loadTopics();
  const kafka = new kafkajs.Kafka({ clientId: 'cwp-provision', brokers, ...saslOption, logLevel: kafkajs.logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = file.topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: file.defaults.replicationFactor,
          configEntries: Object.entries(topicConfig(file, t)).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    // Existing topics: bring configs to the declaration and grow partitions (Kafka cannot shrink them).
    const present = file.topics.filter((t) => existing.has(t.name));
    if (present.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: present.map((t) => ({
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name: t.name,
          configEntries: Object.entries(topicConfig(file, t)).map(([name, value]) => ({ name, value })),
        })),
      });
      const meta = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
      const grow = present.flatMap((t) => {
        const have = meta.topics.find((m) => m.name === t.name)?.partitions.length ?? 0;
        if (have > t.partitions) process.stderr.write(`[provision] ${t.name} has ${have} partitions, more than the ${t.partitions} declared; left as is\n`);
        return have < t.partitions ? [{ topic: t.name, count: t.partitions }] : [];
      });
      if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
    }
    process.stdout.write(`[provision] topics: ${missing.length} created, ${present.length} already present (${file.topics.length} declared)\n`);
    if (sasl) {
      const acls = await applyKafkaAcls(admin);
      process.stdout.write(`[provision] Kafka ACLs: ${acls.declared} declared (infra/kafka-principals.json), ${acls.created} created, ${acls.deleted} stale deleted\n`);
    }
  } finally {
    await admin.disconnect();
  }
}

async function registry(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${registryUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

async function provisionSchemas(): Promise<void> {
  const catalog = loadSchemaCatalog();
  let registered = 0;
  for (const [subject, fullName] of Object.entries(catalog.subjects())) {
    const subjectPath = `/subjects/${encodeURIComponent(subject)}`;
    // Compatibility is set explicitly before the first version, never left to a client default.
    const cfg = await registry('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: 'BACKWARD' });
    if (cfg.status >= 300) throw new Error(`setting BACKWARD compatibility on ${subject} failed: HTTP ${cfg.status} ${JSON.stringify(cfg.json)}`);
    const local = catalog.resolve(fullName);
    const schema = JSON.stringify(local);
    const latest = await registry('GET', `${subjectPath}/versions/latest`);
    const latestText = (latest.json as { schema?: string } | null)?.schema;
    if (latest.status === 200 && latestText !== undefined && sameSchema(JSON.parse(latestText) as JsonValue, local)) continue;
    const res = await registry('POST', `${subjectPath}/versions`, { schema, schemaType: 'AVRO' });
    if (res.status >= 300) throw new Error(`registering ${subject} failed: HTTP ${res.status} ${JSON.stringify(res.json)} (an incompatible change to schemas/ must be made backward compatible)`);
    // The registry de-duplicates by Avro canonical form, which ignores doc and default: a change to
    // only those keeps the earlier version. Say so rather than pretend a new version exists.
    const after = await registry('GET', `${subjectPath}/versions/latest`);
    const afterText = (after.json as { schema?: string } | null)?.schema;
    if (afterText === undefined || !sameSchema(JSON.parse(afterText) as JsonValue, local)) {
      process.stderr.write(`[provision] note: ${subject} keeps an earlier text that has the same Avro canonical form (doc/default-only change)\n`);
    } else {
      registered += 1;
    }
  }
  process.stdout.write(`[provision] schemas: ${registered} new version(s) registered, subjects at BACKWARD compatibility\n`);
}

async function provisionDatabases(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (make up writes it to .local/stack.env)');
  const applied: string[] = [];
  for (const m of MIGRATIONS) applied.push(...(await migrate({ databaseUrl, dir: m.dir, schema: m.schema })).map((n) => `${m.schema}/${n}`));
  process.stdout.write(`[provision] databases: ${applied.length} migration(s) applied${applied.length ? ` (${applied.join(', ')})` : ''}, ${MIGRATIONS.length} schema(s) current\n`);
}

try {
  await provisionTopics();
  await provisionSchemas();
  await provisionDatabases();
} catch (err) {
  process.stderr.write(`[provision] ERROR: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

// `make demo`: starts the privacy-budget ledger, the ingestion gateway and the pipeline's stages
// (DEMO_STAGES below) as their own processes, creates an upstream source credential with the
// gateway's audited CLI, posts seeded synthetic events to POST /v1/events as an upstream system
// would (event times spread over about six weeks, so the aggregator's monthly and weekly windows
// close), prints a live count of how much each topic of infra/topics.json has grown, then shows
// what each stage produced for one event, the releases on every stakeholder topic with the budget
// they spent, and stops everything with SIGTERM. Each stage that lands joins DEMO_STAGES.
//
// The ledger and the aggregator keep their state in schemas of this run (demo_<run>_ledger,
// demo_<run>_aggregator), the risk scorer under the Redis prefix demo-<run>-risk, all dropped at the
// end: every run starts with full budgets, no window released and no open alert, so it shows the same
// thing as the first. Production runs one ledger and one state.
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import kafkajs from 'kafkajs';
import type { ClassifiedEvent } from '@cwp/avro';
import { AVRO_OPTIONS, unwrapPayload } from '@cwp/avro';
import type { RawEvent } from '@cwp/avro';
import type { Release } from '@cwp/aggregator';
import { DEFAULT_CATALOGUE_FILE, STAKEHOLDERS, loadCatalogue, stakeholderTopic } from '@cwp/aggregator';
import { createPool } from '@cwp/db';
import { issueToken } from '@cwp/privacy-ledger';
import { dropRiskState } from '@cwp/risk-scorer';
import { createSerde } from '@cwp/registry';
import { createGenerator } from '@cwp/synthetic';
import { loadConfig, brokerList, kafkaSecurityEnv } from '@cwp/config';
import { z } from 'zod';
import { kafkaClientAuth, kafkaSecurityOf } from '@cwp/stream-runtime';
import { principalPassword } from './kafka-principals.js';
import { loadTopics } from './topics.js';

const cfg = loadConfig({
  KAFKA_BROKERS: brokerList.describe('Kafka bootstrap servers'),
  ...kafkaSecurityEnv,
  KAFKA_USERS_FILE: z.string().min(1).optional().describe('per-machine SCRAM passwords of the principals (make up writes it); each stage signs in as its own principal'),
  SCHEMA_REGISTRY_URL: z.url().describe('schema registry (Confluent API)'),
  DATABASE_URL: z.string().min(1).describe('PostgreSQL of the stack (the demo\'s ledger and aggregator state schemas)'),
  REDIS_URL: z.string().min(1).describe('Redis of the stack (the demo\'s risk state, deleted at the end)'),
  DEMO_EVENTS: z.coerce.number().int().positive().default(3000).describe('how many events to send'),
  DEMO_RATE: z.coerce.number().int().positive().default(500).describe('events per second'),
  DEMO_SEED: z.coerce.number().int().optional().describe('generator seed (default: a fresh one each run, printed, so a rerun sends new events)'),
});

const repoRoot = new URL('../../', import.meta.url).pathname;

// The stages a newcomer sees working, each its own process as in production, with its ops port.
const DEMO_STAGES = [
  { name: 'classifier', entry: 'services/classifier/src/main.ts', port: 9471, output: 'events.classified.v1' },
  { name: 'encryptor', entry: 'services/encryptor/src/main.ts', port: 9472, output: 'events.encrypted.v1' },
  { name: 'pseudonymizer', entry: 'services/pseudonymizer/src/main.ts', port: 9473, output: 'events.pseudonymized.v1' },
  { name: 'aggregator', entry: 'services/aggregator/src/main.ts', port: 9474, output: 'aggregates.government.v1' },
  { name: 'risk-scorer', entry: 'services/risk-scorer/src/main.ts', port: 9475, output: 'alerts.child-safety.v1' },
] as const;
const STAKEHOLDER_TOPICS = STAKEHOLDERS.map(stakeholderTopic);
// Stages whose output is one record per input record (the drain wait counts on it).
const ONE_TO_ONE: ReadonlySet<string> = new Set(['events.classified.v1', 'events.encrypted.v1']);
const GATEWAY = { name: 'ingest-gateway', entry: 'services/ingest-gateway/src/main.ts', port: 8088 } as const;
// The ledger's API and ops routes share one port; the aggregator calls it before every release.
const LEDGER = { name: 'privacy-ledger', entry: 'services/privacy-ledger/src/main.ts', port: 8091 } as const;
const run = `${Date.now().toString(36)}${randomInt(36 ** 3).toString(36)}`;
const ledgerSchema = `demo_${run}_ledger`;
const aggregatorSchema = `demo_${run}_aggregator`;
// The risk scorer's state (per-child signal windows, open alerts) under this run's Redis prefix, deleted at the end.
const riskPrefix = `demo-${run}-risk`;
// A fresh bearer token for this run's aggregator; the ledger holds only its SHA-256.
const aggregatorToken = issueToken();
// The demo itself counts every topic as the broker's super user; each stage runs as its own
// principal, so the ACLs of infra/kafka-principals.json are what let the pipeline work.
const kafka = new kafkajs.Kafka({ clientId: 'cwp-demo', brokers: cfg.KAFKA_BROKERS, ...kafkaClientAuth(kafkaSecurityOf(cfg)), logLevel: kafkajs.logLevel.WARN });
const principalEnv = (name: string): Record<string, string> =>
  (cfg.KAFKA_USERS_FILE ? { KAFKA_SASL_USERNAME: name, KAFKA_SASL_PASSWORD: principalPassword(name, cfg.KAFKA_USERS_FILE) } : {});
const admin = kafka.admin();
const serde = createSerde({ url: cfg.SCHEMA_REGISTRY_URL, avroOptions: AVRO_OPTIONS });
const topics = loadTopics().topics.map((t) => t.name);

// Records (not offsets: transactional topics also hold commit markers) each topic gained during the
// demo, counted by a read_committed consumer that starts where every topic ended before the demo.
const counts = new Map<string, number>();
const counter = kafka.consumer({ groupId: `cwp-demo-count-${process.pid}`, maxWaitTimeInMs: 100 });

async function startCounting(): Promise<void> {
  const starts = await Promise.all(topics.map(async (t) => [t, await admin.fetchTopicOffsets(t)] as const));
  await counter.connect();
  await counter.subscribe({ topics });
  const joined = new Promise<void>((r) => counter.on(counter.events.GROUP_JOIN, () => r()));
  await counter.run({
    eachBatch: ({ batch }) => {
      counts.set(batch.topic, (counts.get(batch.topic) ?? 0) + batch.messages.length);
      return Promise.resolve();
    },
  });
  await joined;
  for (const [topic, offsets] of starts) for (const p of offsets) counter.seek({ topic, partition: p.partition, offset: p.high });
}

async function startStage(stage: { name: string; entry: string; port: number }, env: Record<string, string> = {}): Promise<ChildProcess> {
  const log = openSync(`${repoRoot}.local/logs/demo-${stage.name}.log`, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', stage.entry], {
    cwd: repoRoot,
    // A stage new to this machine starts at the end of its input, so the demo shows its own events.
    env: { ...process.env, METRICS_PORT: String(stage.port), LOG_LEVEL: 'info', FROM_BEGINNING: 'false', ...principalEnv(stage.name), ...env },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`stage ${stage.name} exited with ${child.exitCode}: see .local/logs/demo-${stage.name}.log`);
    const ready = await fetch(`http://127.0.0.1:${stage.port}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`stage ${stage.name} not ready after 60 s: see .local/logs/demo-${stage.name}.log`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.stdout.write(`demo: stage ${stage.name} ready (Kafka principal ${cfg.KAFKA_USERS_FILE ? stage.name : "(stack default)"}, ops on 127.0.0.1:${stage.port}, log .local/logs/demo-${stage.name}.log)\n`);
  return child;
}

await admin.connect();
const baseOffsets = new Map<string, Array<{ partition: number; offset: string }>>(
  await Promise.all([...new Set([...DEMO_STAGES.map((s) => s.output), ...STAKEHOLDER_TOPICS])].map(async (t) => [t, await admin.fetchTopicOffsets(t)] as const)),
);
await startCounting();
const children: ChildProcess[] = [];
// Whatever happens, the demo's processes do not outlive it.
process.on('exit', () => { for (const c of children) if (c.exitCode === null) c.kill('SIGTERM'); });
children.push(await startStage(LEDGER, {
  LEDGER_HOST: '127.0.0.1', LEDGER_PORT: String(LEDGER.port), LEDGER_DB_SCHEMA: ledgerSchema,
  LEDGER_CREDENTIALS_JSON: JSON.stringify({ credentials: [{ name: 'demo-aggregator', role: 'aggregator', tokenSha256: aggregatorToken.tokenSha256 }] }),
}));
const aggregatorEnv = { AGGREGATOR_SCHEMA: aggregatorSchema, LEDGER_URL: `http://127.0.0.1:${LEDGER.port}`, LEDGER_TOKEN: aggregatorToken.token };
for (const stage of DEMO_STAGES) children.push(await startStage(stage, stage.name === 'aggregator' ? aggregatorEnv : stage.name === 'risk-scorer' ? { REDIS_KEY_PREFIX: riskPrefix } : {}));
children.push(await startStage(GATEWAY, { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(GATEWAY.port), GATEWAY_RATE_PER_S: String(cfg.DEMO_RATE * 2), GATEWAY_RATE_BURST: String(cfg.DEMO_RATE * 4) }));

// An upstream system's credential, created with the gateway's audited operator CLI.
const created = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'services/ingest-gateway/src/cli/sources.ts', 'create', `demo-upstream-${Date.now().toString(36)}`, '--actor', 'make-demo'], { cwd: repoRoot, encoding: 'utf8' });
const token = created.stdout.split('\n').find((l) => /^gk_[0-9a-f]+\./.test(l.trim()))?.trim();
if (created.status !== 0 || !token) throw new Error(`could not create a demo source: ${created.stderr.slice(0, 500)}`);
process.stdout.write('demo: source credential created (audited); events go through POST /v1/events\n');

/** The JSON an upstream system posts for an event: payload unwrapped; the gateway sets source and receipt time. */
function toRequestBody(event: RawEvent): Record<string, unknown> {
  return { eventId: event.eventId, eventType: event.eventType, occurredAt: event.occurredAt, subjectType: event.subjectType, subjectId: event.subjectId, payload: unwrapPayload(event) };
}
const seed = cfg.DEMO_SEED ?? randomInt(2 ** 31);
// Event times about 20 minutes apart on average: 3,000 events span some six weeks, so January's
// monthly windows and several ISO weeks close and the aggregator releases them.
const GENERATOR = { seed, intervalMs: [60_000, 2_400_000] } as const;
const generator = createGenerator(GENERATOR);
const byType = new Map<string, number>();
let sent = 0;
const started = Date.now();
process.stdout.write(`demo: posting ${cfg.DEMO_EVENTS} generated events to the gateway at ${cfg.DEMO_RATE}/s (seed ${seed}; DEMO_SEED=${seed} repeats it)\n`);

const report = (): void => {
  const grown = topics.map((t) => [t, counts.get(t) ?? 0] as const).filter(([, n]) => n > 0);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`  t=${secs}s sent ${sent}  |  ${grown.map(([t, n]) => `${t} +${n}`).join('  ') || 'no topic has grown yet'}\n`);
};
const ticker = setInterval(report, 1000);

// Guardians' consent, recorded through the gateway's consent API for two children in three:
// analytics for all of them, research for every other one, media for every fourth. The rest stay
// out of analytics.
const childIds = [...new Set(createGenerator(GENERATOR).batch(cfg.DEMO_EVENTS).filter((g) => g.event.subjectType === 'CHILD').map((g) => g.event.subjectId))];
let granted = 0;
for (const [i, child] of childIds.entries()) {
  if (i % 3 === 2) continue;
  for (const purpose of ['analytics', ...(i % 2 === 0 ? ['research'] : []), ...(i % 4 === 0 ? ['media'] : [])]) {
    const res = await fetch(`http://127.0.0.1:${GATEWAY.port}/v1/consents/${encodeURIComponent(child)}/${purpose}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ status: 'granted', guardianRef: `guardian-of-${i}` }),
    });
    if (!res.ok) throw new Error(`consent grant answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  granted += 1;
}
process.stdout.write(`demo: guardians' consent recorded for ${granted} of ${childIds.length} children (analytics; research for half of them, media for a quarter)\n`);

const perTick = Math.max(1, Math.round(cfg.DEMO_RATE / 10));
while (sent < cfg.DEMO_EVENTS) {
  const tickStart = Date.now();
  const batch = generator.batch(Math.min(perTick, cfg.DEMO_EVENTS - sent));
  for (const { event } of batch) byType.set(event.eventType, (byType.get(event.eventType) ?? 0) + 1);
  const res = await fetch(`http://127.0.0.1:${GATEWAY.port}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events: batch.map((g) => toRequestBody(g.event)) }),
  });
  if (res.status !== 202) throw new Error(`gateway answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const messages = ((await res.json()) as { eventIds: string[] }).eventIds;
  sent += messages.length;
  const wait = 100 - (Date.now() - tickStart);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
// Let the stages drain what was sent.
const drainDeadline = Date.now() + 60_000;
for (;;) {
  const behind = DEMO_STAGES.filter((st) => ONE_TO_ONE.has(st.output) && (counts.get(st.output) ?? 0) < sent);
  if (behind.length === 0 || Date.now() > drainDeadline) break;
  await new Promise((r) => setTimeout(r, 500));
}
// The aggregator releases a window when the event-time watermark passes its end plus the allowed
// lateness; wait until its output has been quiet for 3 s.
const totalReleases = (): number => STAKEHOLDER_TOPICS.reduce((n, t) => n + (counts.get(t) ?? 0), 0);
for (let last = -1, quietSince = Date.now(); Date.now() < drainDeadline + 30_000;) {
  const now = totalReleases() + (counts.get('events.pseudonymized.v1') ?? 0);
  if (now !== last) { last = now; quietSince = Date.now(); } else if (Date.now() - quietSince > 3000) break;
  await new Promise((r) => setTimeout(r, 500));
}
clearInterval(ticker);
report();
process.stdout.write(`demo: ${sent} events accepted by the gateway (202 only after Kafka acks=all) in ${((Date.now() - started) / 1000).toFixed(1)}s; by type:\n`);
for (const [type, n] of [...byType].sort()) process.stdout.write(`  ${type.padEnd(22)} ${n}\n`);
// One event as upstream sent it (synthetic data), so a newcomer sees what the stages start from.
const sample = generator.ofType('INCIDENT_REPORT').event;
process.stdout.write(`sample raw event (synthetic):\n${JSON.stringify(sample, null, 2)}\n`);

/**
 * The records this run's stages wrote to `topic` (from where it ended before the demo), decoded,
 * until `enough` holds for what was read or 10 s passed.
 */
async function readNewRecords<T>(topic: string, enough: (records: readonly T[]) => boolean): Promise<T[]> {
  const starts = baseOffsets.get(topic) ?? [];
  const out: T[] = [];
  const consumer = kafka.consumer({ groupId: `cwp-demo-peek-${process.pid}-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
    await consumer.run({ eachMessage: async ({ message }) => { if (message.value && !enough(out)) out.push((await serde.decode<T>(message.value)).value); } });
    await joined;
    for (const p of starts) consumer.seek({ topic, partition: p.partition, offset: p.offset });
    const deadline = Date.now() + 10_000;
    while (!enough(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** The first record this run's stage wrote to `topic` that `pick` accepts, decoded. */
async function firstNewRecord<T>(topic: string, pick: (value: T) => boolean): Promise<T | null> {
  return (await readNewRecords<T>(topic, (records) => records.some(pick))).find(pick) ?? null;
}

const classified = await firstNewRecord<ClassifiedEvent>('events.classified.v1', (e) => e.subjectType === 'CHILD' && e.piiFindings.length > 0 && e.consent.some((c) => c.granted));
if (classified) {
  const byLevel = new Map<string, number>();
  for (const f of classified.fieldSensitivity) byLevel.set(f.level, (byLevel.get(f.level) ?? 0) + 1);
  process.stdout.write(`\nclassifier output for event ${classified.eventId} (${classified.eventType}):\n`);
  process.stdout.write(`  overall sensitivity ${classified.overallSensitivity}; fields by level: ${[...byLevel].map(([l, n]) => `${l} ${n}`).join(', ')}\n`);
  process.stdout.write(`  PII findings in free text: ${classified.piiFindings.map((f) => `${f.type}@${f.field}[${f.start}..${f.end}]`).join(', ') || 'none'}\n`);
  process.stdout.write(`  consent required: ${classified.consentRequired}; ${classified.consent.map((c) => `${c.purpose}=${c.granted ? 'granted' : 'not granted'}`).join(', ')}\n`);
}

/** Dot paths of every ciphertext (bytes) field in a decoded record. */
function ciphertextPaths(value: unknown, path = ''): Array<{ path: string; bytes: Buffer }> {
  if (Buffer.isBuffer(value)) return [{ path, bytes: value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => ciphertextPaths(v, path ? `${path}.${k}` : k));
}

if (classified) {
  const encrypted = await firstNewRecord<Record<string, unknown>>('events.encrypted.v1', (e) => e['eventId'] === classified.eventId);
  if (encrypted) {
    const sealed = ciphertextPaths(encrypted['payload']);
    process.stdout.write(`\nencryptor output for the same event: ${sealed.length} field(s) sealed with the child's DEK (AES-256-GCM), the rest clear:\n`);
    for (const f of sealed.slice(0, 8)) process.stdout.write(`  ${f.path}: ${f.bytes.length} bytes, starts ${f.bytes.subarray(0, 12).toString('hex')}…\n`);
    if (sealed.length > 8) process.stdout.write(`  … and ${sealed.length - 8} more\n`);
    for (const [path, text] of Object.entries((encrypted['redactedText'] ?? {}) as Record<string, string>)) {
      process.stdout.write(`  released form of the free text ${path} (clear; PII as placeholders, only lexicon words kept):\n    ${JSON.stringify(text)}\n`);
    }
  }
}

if (classified) {
  const pseudo = await firstNewRecord<Record<string, unknown>>('events.pseudonymized.v1', (e) => e['eventId'] === classified.eventId);
  if (pseudo) {
    const { pseudonyms, ...rest } = pseudo as { pseudonyms: Record<string, string> };
    const dims = Object.entries(rest).filter(([k, v]) => v !== null && !['eventId', 'generalisation', 'freeText'].includes(k)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    process.stdout.write(`\npseudonymizer output for the same event (no identifier, no ciphertext; free text only in released form):\n`);
    process.stdout.write(`  pseudonyms: ${Object.entries(pseudonyms).map(([p, v]) => `${p}=${v.slice(0, 22)}…`).join(', ')}\n  ${dims.join(', ')}\n`);
    for (const [field, text] of Object.entries((pseudo['freeText'] ?? {}) as Record<string, string>)) process.stdout.write(`  ${field}: ${JSON.stringify(text)}\n`);
  } else {
    process.stdout.write(`\npseudonymizer: no analytics record for that event (its guardian gave no consent)\n`);
  }
}
const alert = await firstNewRecord<{ condition: string; severity: string; score: number; signals: unknown[]; childPseudonym: string; identityEnvelope: string; legalBasis: string }>('alerts.child-safety.v1', () => true);
process.stdout.write(`\nrisk scorer: ${counts.get('alerts.child-safety.v1') ?? 0} child-safety alert(s) raised or escalated during the demo\n`);
if (alert) {
  process.stdout.write(`  e.g. ${alert.severity} ${alert.condition}, score ${alert.score.toFixed(2)} from ${alert.signals.length} signal(s), child ${alert.childPseudonym.slice(0, 20)}…, identity ${alert.identityEnvelope.slice(0, 34)}… (sealed under the child's key), legal basis ${alert.legalBasis}\n`);
}

process.stdout.write(`\naggregator: differentially private releases per stakeholder (k-anonymity k ≥ 5 on distinct pseudonyms; ε granted by the ledger first):\n`);
for (const topic of STAKEHOLDER_TOPICS) {
  const releases = await readNewRecords<Release>(topic, (records) => records.length >= (counts.get(topic) ?? 0));
  const windows = [...new Set(releases.map((r) => `${r.queryId} ${r.window}`))];
  process.stdout.write(`  ${topic}: ${releases.length} release(s)${windows.length > 0 ? ` (${windows.slice(0, 4).join(', ')}${windows.length > 4 ? ', …' : ''})` : ''}\n`);
  const shown = [...releases].sort((a, b) => b.groups.length - a.groups.length)[0];
  if (shown) {
    const groups = shown.groups.slice(0, 3).map((g) => `${g.key.map((k) => k ?? '∅').join('/')}=${g.value}`).join(', ');
    process.stdout.write(`    e.g. ${shown.queryId} ${shown.window}: ${shown.groups.length} group(s) released${groups ? ` (${groups}${shown.groups.length > 3 ? ', …' : ''})` : ''}, ${shown.suppressedGroups} suppressed, ε ${shown.epsilonSpent} (${shown.mechanism}), reservation ${shown.reservationId.slice(0, 18)}…\n`);
  }
}
process.stdout.write('privacy ledger: ε spent this month by this run, per stakeholder and dataset:\n');
for (const { stakeholder, dataset } of loadCatalogue(DEFAULT_CATALOGUE_FILE).queries) {
  const res = await fetch(`http://127.0.0.1:${LEDGER.port}/v1/budgets/${stakeholder}/${dataset}`, { headers: { authorization: `Bearer ${aggregatorToken.token}` } });
  const body = (await res.json()) as { spent?: string; cap?: string };
  if (res.ok) process.stdout.write(`  ${`${stakeholder} / ${dataset}`.padEnd(34)} spent ${body.spent} of cap ${body.cap}\n`);
}

for (const child of children) child.kill('SIGTERM');
await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
process.stdout.write('demo: ledger, gateway and stages stopped (SIGTERM)\n');
await Promise.all([admin.disconnect(), counter.disconnect()]);
const pool = createPool({ databaseUrl: cfg.DATABASE_URL, applicationName: 'cwp-demo', max: 1 });
await pool.query(`DROP SCHEMA IF EXISTS "${ledgerSchema}" CASCADE`);
await pool.query(`DROP SCHEMA IF EXISTS "${aggregatorSchema}" CASCADE`);
await pool.end();
const riskKeys = await dropRiskState(cfg.REDIS_URL, riskPrefix);
process.stdout.write(`demo: this run's ledger and aggregator state (${ledgerSchema}, ${aggregatorSchema}) and risk state (${riskKeys} Redis keys under ${riskPrefix}) dropped\n`);

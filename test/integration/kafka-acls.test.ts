// Issue 9 acceptance, against the real broker with SASL/SCRAM and ACLs on (make up): every
// principal of infra/kafka-principals.json signs in with its own per-machine password and can do
// its job (join its consumer group on its input, write its outputs inside a transaction that is
// aborted so no consumer ever sees the probe, commit offsets in that transaction) and nothing more:
// it sees no platform topic outside its declaration, and a forbidden read, a forbidden write and
// another principal's consumer group are each refused. A wrong password is refused at sign-in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import kafkajs from 'kafkajs';
import type { Admin, Kafka } from 'kafkajs';
import { aclsOf, loadPrincipals, principalPassword, type Principal } from '../../infra/scripts/kafka-principals.js';
import { loadTopics } from '../../infra/scripts/topics.js';
import { kafkaUsersFile, stackEnv, stackSasl, stackStateDir, uniqueName } from '../support/stack.js';
import { createKafka, createTopics, deleteTopics, waitFor } from './helpers/stream-fixtures.js';

const principals = loadPrincipals();
const platformTopics = loadTopics().topics.map((t) => t.name);
// Forbidden targets are picked in this order: the most sensitive topic the principal may not touch.
const SENSITIVITY_ORDER = ['events.raw.v1', 'events.classified.v1', 'events.encrypted.v1', 'events.pseudonymized.v1', 'aggregates.government.v1', 'alerts.child-safety.v1', 'alerts.security.v1'];

let admin: Admin;
const groupsToDelete: string[] = [];
const topicsToDelete: string[] = [];
// A topic outside the platform's declaration: nobody but the super user may touch it.
const privateTopic = uniqueName('it.acl.private');

function matches(patterns: readonly string[], topic: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? topic.startsWith(p.slice(0, -1)) : topic === p));
}

function clientAs(name: string, password = principalPassword(name, kafkaUsersFile())): Kafka {
  return new kafkajs.Kafka({
    clientId: `acl-it-${name}`, brokers: stackEnv().kafkaBrokers, logLevel: kafkajs.logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-256', username: name, password }, retry: { retries: 4, initialRetryTime: 200, maxRetryTime: 2000 }, connectionTimeout: 5000,
  });
}

/** The error type of a kafkajs failure: its protocol error type (or its cause's), else its class name. */
function errorType(err: unknown): string {
  const e = err as { type?: string; name?: string; cause?: { type?: string } };
  return e.type ?? e.cause?.type ?? e.name ?? String(err);
}

async function failureOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    return errorType(err);
  }
  return 'no error';
}

// The broker's own log (the stack's state folder): its authorizer logs every refusal.
const brokerLog = (): string => `${stackStateDir()}/logs/kafka.log`;
const brokerLogSize = (): number => statSync(brokerLog()).size;
function brokerLogSince(offset: number): string {
  const fd = openSync(brokerLog(), 'r');
  try {
    const length = Math.max(0, fstatSync(fd).size - offset);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs a consumer of the principal on `topic` with `groupId`. until 'join': 'joined' once it joins,
 * or the error type that stopped it first. until 'failure': the error type that stops it (joining is
 * not enough: a fetch may still be refused), or 'no error' after 15 s.
 */
async function consumerOutcome(kafka: Kafka, groupId: string, topic: string, until: 'join' | 'failure'): Promise<string> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, ...(until === 'failure' ? { retry: { retries: 0 } } : {}) });
  let outcome: string | null = null;
  if (until === 'join') consumer.on(consumer.events.GROUP_JOIN, () => { outcome ??= 'joined'; });
  consumer.on(consumer.events.CRASH, (e) => { outcome ??= errorType(e.payload.error); });
  groupsToDelete.push(groupId);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: until === 'failure' });
    await consumer.run({ autoCommit: false, eachBatch: () => Promise.resolve() });
    const waited = waitFor(`${groupId} on ${topic} to ${until}`, () => outcome !== null, until === 'join' ? 30_000 : 15_000, 100);
    await (until === 'join' ? waited : waited.catch(() => undefined));
  } catch (err) {
    outcome ??= errorType(err);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return outcome ?? (until === 'join' ? 'no outcome' : 'no error');
}

/** Writes one probe to each topic in a transaction (with an offset commit for its group when it reads), then aborts it. */
async function writesAborted(kafka: Kafka, p: Principal, topics: readonly string[]): Promise<void> {
  const producer = kafka.producer({ transactionalId: `${p.groupPrefix}.acl-it.${uniqueName('txn')}`, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const txn = await producer.transaction();
    for (const topic of topics) await txn.send({ topic, acks: -1, messages: [{ key: 'acl-probe', value: Buffer.from('aborted ACL probe') }] });
    const input = p.read.find((t) => !t.endsWith('*'));
    if (input) await txn.sendOffsets({ consumerGroupId: p.groupPrefix, topics: [{ topic: input, partitions: [{ partition: 0, offset: '0' }] }] });
    await txn.abort();
  } finally {
    await producer.disconnect();
  }
}

before(async () => {
  assert.ok(stackSasl(), 'the local stack runs with SASL/SCRAM (make up writes KAFKA_SASL_* to .local/stack.env)');
  admin = createKafka('cwp-it-acls').admin();
  await admin.connect();
  await createTopics(admin, [{ topic: privateTopic, partitions: 1 }]);
  topicsToDelete.push(privateTopic);
});

after(async () => {
  const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const ours = groupsToDelete.filter((g) => existing.has(g));
  if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
  await deleteTopics(admin, topicsToDelete);
  await admin.disconnect();
});

test('the declared ACLs grant no wildcard, and the plaintext topics only to their stages', () => {
  const acls = aclsOf(principals);
  assert.ok(acls.length > 0);
  assert.ok(acls.every((a) => a.resourceName !== '*' && a.resourceName !== ''), 'no wildcard resource');
  const business = acls.filter((a) => a.principal === 'User:stakeholder-business' && a.resourceType === 'TOPIC');
  assert.deepEqual([...new Set(business.map((a) => a.resourceName))], ['aggregates.business.v1']);
  const rawWriters = acls.filter((a) => a.resourceType === 'TOPIC' && a.operation === 'WRITE' && a.resourceName === 'events.raw.v1').map((a) => a.principal);
  assert.deepEqual(rawWriters, ['User:ingest-gateway']);
  const rawReaders = new Set(acls.filter((a) => a.resourceType === 'TOPIC' && a.operation === 'READ' && 'events.raw.v1'.startsWith(a.resourceName)
    && (a.patternType === 'PREFIXED' || a.resourceName === 'events.raw.v1')).map((a) => a.principal));
  assert.deepEqual([...rawReaders].sort(), ['User:classifier', 'User:replay', 'User:risk-scorer']);
});

for (const p of principals) {
  test(`${p.name}: does its job and nothing more`, { timeout: 120_000 }, async () => {
    const kafka = clientAs(p.name);

    // It sees exactly the platform topics of its declaration.
    const pAdmin = kafka.admin();
    await pAdmin.connect();
    const visible = (await pAdmin.listTopics()).filter((t) => platformTopics.includes(t));
    await pAdmin.disconnect();
    const declared = platformTopics.filter((t) => matches([...p.read, ...p.write], t));
    assert.deepEqual(visible.sort(), declared.sort(), 'visible platform topics = declared ones');

    // Its job: read its input with its own group, write its outputs (aborted: invisible to consumers).
    const input = platformTopics.find((t) => matches(p.read, t));
    if (input) assert.equal(await consumerOutcome(kafka, `${p.groupPrefix}.acl-it.${Date.now().toString(36)}`, input, 'join'), 'joined', `${p.name} consuming ${input}`);
    const outputs = platformTopics.filter((t) => matches(p.write, t));
    for (const pattern of p.create) {
      // A principal that may create topics (replay: sandbox.*) creates one and writes to it.
      const topic = `${pattern.replace(/\*$/, '')}acl-it.${Date.now().toString(36)}`;
      const creator = kafka.admin();
      await creator.connect();
      try { await creator.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }); } finally { await creator.disconnect(); }
      topicsToDelete.push(topic);
      outputs.push(topic);
    }
    if (outputs.length > 0) await writesAborted(kafka, p, outputs);

    // Nothing more: a forbidden read, a forbidden write, another principal's consumer group.
    // A principal with a consumer group gets past the join and is refused the fetch. One without (a
    // pure producer, which kafkajs cannot even make a consumer for) is refused the description of a
    // topic outside its declaration: Read would imply Describe.
    const forbiddenRead = p.name === 'stakeholder-business' ? 'aggregates.government.v1'
      : SENSITIVITY_ORDER.find((t) => !matches(p.read.length > 0 ? p.read : p.write, t)) ?? privateTopic;
    const readFailure = p.read.length > 0
      ? await consumerOutcome(kafka, `${p.groupPrefix}.acl-it.forbidden`, forbiddenRead, 'failure')
      : await failureOf(async () => {
        const a = kafka.admin();
        await a.connect();
        try { await a.fetchTopicOffsets(forbiddenRead); } finally { await a.disconnect(); }
      });
    assert.equal(readFailure, 'TOPIC_AUTHORIZATION_FAILED', `${p.name} reading ${forbiddenRead}`);

    const forbiddenWrite = SENSITIVITY_ORDER.find((t) => !matches(p.write, t)) ?? privateTopic;
    const writeFailure = await failureOf(async () => {
      const producer = kafka.producer({ retry: { retries: 0 }, allowAutoTopicCreation: false });
      await producer.connect();
      try { await producer.send({ topic: forbiddenWrite, acks: -1, messages: [{ value: Buffer.from('forbidden probe') }] }); } finally { await producer.disconnect(); }
    });
    assert.equal(writeFailure, 'TOPIC_AUTHORIZATION_FAILED', `${p.name} writing ${forbiddenWrite}`);

    if (input) {
      // kafkajs reports a refused FindCoordinator as "coordinator not found"; the broker's authorizer
      // log says why, and that line is what proves the refusal.
      const other = principals.find((o) => o.name !== p.name && o.read.length > 0 && o.groupPrefix !== p.groupPrefix)!;
      const logStart = brokerLogSize();
      assert.notEqual(await consumerOutcome(kafka, other.groupPrefix, input, 'join'), 'joined', `${p.name} joining ${other.name}'s group`);
      const denial = `Principal = User:${p.name} is Denied operation = DESCRIBE from host = 127.0.0.1 on resource = Group:LITERAL:${other.groupPrefix} `;
      await waitFor(`the broker's authorizer to log ${p.name} denied on group ${other.groupPrefix}`, () => brokerLogSince(logStart).includes(denial), 10_000, 200);
    }
  });
}

test('a wrong password is refused at sign-in', { timeout: 30_000 }, async () => {
  const failure = await failureOf(async () => {
    const a = clientAs('classifier', 'not-the-password').admin();
    try { await a.connect(); } finally { await a.disconnect().catch(() => undefined); }
  });
  assert.equal(failure, 'KafkaJSSASLAuthenticationError');
});

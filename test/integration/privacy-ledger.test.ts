// Issue 7 acceptance (ledger part), against the real PostgreSQL and Kafka: grants, refusals with
// what remains, idempotent retries, conflicts, releases, spending exactly the cap under 50 and 100
// concurrent reservations, 80 % / 100 % alerts exactly once on the topic (also across a restart
// with Kafka failing), authentication and authorisation failures, and an audit chain that records
// every operation and verifies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAuditLog } from '@cwp/audit';
import type { AlertProducer } from '../../services/privacy-ledger/src/index.js';
import type { LedgerFixture } from '../../services/privacy-ledger/test/support/ledger-fixture.js';
import { PERIOD, createLedgerFixture } from '../../services/privacy-ledger/test/support/ledger-fixture.js';

let fx: LedgerFixture;
before(async () => { fx = await createLedgerFixture(); });
after(async () => { await fx?.cleanup(); });

type Json = Record<string, unknown>;
const json = (res: LightMyRequestResponse): Json => res.json<Json>();

function reserve(body: Json, auth = fx.aggregator, app: FastifyInstance = fx.app): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/v1/reservations', headers: { authorization: auth }, payload: body });
}
function act(id: string, action: 'commit' | 'release', auth = fx.aggregator): Promise<LightMyRequestResponse> {
  return fx.app.inject({ method: 'POST', url: `/v1/reservations/${encodeURIComponent(id)}/${action}`, headers: { authorization: auth } });
}
async function budget(dataset: string): Promise<Json> {
  const res = await fx.app.inject({ method: 'GET', url: `/v1/budgets/government/${dataset}?period=${PERIOD}`, headers: { authorization: fx.aggregator } });
  assert.equal(res.statusCode, 200, res.body);
  return json(res);
}
const rid = (): string => `it:${randomUUID()}`;

test('grant: the default ε of the category is reserved and what remains is returned', async () => {
  const id = rid();
  const res = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'basic' });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(json(res), { reservationId: id, stakeholder: 'government', dataset: 'basic', period: PERIOD, epsilon: '0.1', delta: '0', state: 'RESERVED', remaining: '0.15', remainingDelta: '0.00001', cap: '0.25' });
});

test('refusal once the cap would be exceeded, saying what remains; nothing is spent', async () => {
  const second = await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'basic', epsilon: 0.1 });
  assert.equal(second.statusCode, 201);
  assert.equal(json(second).remaining, '0.05');
  const id = rid();
  const refused = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'basic', epsilon: '0.1' });
  assert.equal(refused.statusCode, 409, refused.body);
  const body = json(refused);
  assert.equal((body.error as Json).code, 'BUDGET_EXHAUSTED');
  assert.equal(body.remaining, '0.05');
  assert.equal(body.state, 'REFUSED');
  // A smaller request still fits exactly.
  const small = await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'basic', epsilon: '0.05' });
  assert.equal(small.statusCode, 201);
  assert.equal(json(small).remaining, '0');
  const b = await budget('basic');
  assert.equal(b.spent, '0.25');
  assert.equal(b.remaining, '0');
  // The refused id answers the same refusal again, even though nothing changed since.
  const again = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'basic', epsilon: '0.1' });
  assert.equal(again.statusCode, 409);
  assert.deepEqual(json(again), body);
});

test('idempotent retry returns the first answer and spends once; other parameters under the same id → 409 RESERVATION_CONFLICT', async () => {
  const id = rid();
  const first = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'release', epsilon: '0.1' });
  assert.equal(first.statusCode, 201);
  const again = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'release', epsilon: '0.10' });
  assert.equal(again.statusCode, 201);
  assert.deepEqual(json(again), json(first));
  assert.equal(again.headers['idempotent-replay'], 'true');
  assert.equal(again.headers['reservation-state'], 'RESERVED');
  assert.equal((await budget('release')).spent, '0.1');
  for (const different of [{ epsilon: '0.05' }, { dataset: 'alerts' }, { delta: '0.000001' }]) {
    const res = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'release', epsilon: '0.1', ...different });
    assert.equal(res.statusCode, 409, JSON.stringify(different));
    assert.equal((json(res).error as Json).code, 'RESERVATION_CONFLICT');
  }
  assert.equal((await budget('release')).spent, '0.1');
  assert.equal((await act(id, 'release')).statusCode, 200);
});

test('release gives ε back once; committed budget stays spent', async () => {
  const before = await budget('release');
  const id = rid();
  assert.equal((await reserve({ reservationId: id, stakeholder: 'government', dataset: 'release' })).statusCode, 201);
  assert.equal((await budget('release')).remaining, '0.9');
  const released = await act(id, 'release');
  assert.equal(released.statusCode, 200, released.body);
  assert.equal(json(released).state, 'RELEASED');
  assert.equal(json(released).returned, '0.1');
  assert.equal(json(released).remaining, before.remaining);
  const twice = await act(id, 'release');
  assert.equal(twice.statusCode, 200);
  assert.equal(json(twice).returned, '0');
  assert.equal((await budget('release')).remaining, before.remaining);
  const commitReleased = await act(id, 'commit');
  assert.equal(commitReleased.statusCode, 409);
  assert.equal((json(commitReleased).error as Json).code, 'RESERVATION_STATE');
  // A retry of the released id replays the first (granted) answer but spends nothing again.
  const replay = await reserve({ reservationId: id, stakeholder: 'government', dataset: 'release' });
  assert.equal(replay.statusCode, 201);
  assert.equal(replay.headers['reservation-state'], 'RELEASED');
  assert.equal((await budget('release')).remaining, before.remaining);

  const kept = rid();
  assert.equal((await reserve({ reservationId: kept, stakeholder: 'government', dataset: 'release' })).statusCode, 201);
  const committed = await act(kept, 'commit');
  assert.equal(committed.statusCode, 200);
  assert.equal(json(committed).state, 'COMMITTED');
  assert.equal((await act(kept, 'commit')).statusCode, 200);
  const releaseCommitted = await act(kept, 'release');
  assert.equal(releaseCommitted.statusCode, 409);
  assert.match(String((json(releaseCommitted).error as Json).message), /COMMITTED/);
  assert.equal((await act('it:no-such-id', 'commit')).statusCode, 404);
  const b = await budget('release');
  assert.equal(b.spent, '0.1');
  assert.deepEqual(b.reservations, { committed: { count: 1, epsilon: '0.1' }, released: { count: 2, epsilon: '0.2' } });
});

test('50 concurrent reservations against a cap that admits 10: exactly 10 granted', async () => {
  const results = await Promise.all(Array.from({ length: 50 }, () => reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'concurrent-50' })));
  const statuses = results.map((r) => r.statusCode);
  assert.equal(statuses.filter((s) => s === 201).length, 10, JSON.stringify(statuses));
  assert.equal(statuses.filter((s) => s === 409).length, 40);
  const b = await budget('concurrent-50');
  assert.equal(b.spent, '1');
  assert.equal(b.remaining, '0');
});

test('100 concurrent reservations (60 ids, 40 repeated) against a cap that admits 10: 10 ids granted, repeats spend once', async () => {
  const ids = Array.from({ length: 60 }, rid);
  const requests = [...ids, ...ids.slice(0, 40)].sort(() => (randomUUID() < randomUUID() ? -1 : 1));
  const results = await Promise.all(requests.map((id) => reserve({ reservationId: id, stakeholder: 'government', dataset: 'concurrent-100' }).then((res) => ({ id, res }))));
  const byId = new Map<string, LightMyRequestResponse[]>();
  for (const { id, res } of results) byId.set(id, [...(byId.get(id) ?? []), res]);
  let granted = 0;
  for (const [, answers] of byId) {
    const [first, ...rest] = answers;
    for (const other of rest) {
      assert.equal(other.statusCode, first!.statusCode);
      assert.deepEqual(json(other), json(first!));
    }
    if (first!.statusCode === 201) granted++;
  }
  assert.equal(granted, 10);
  const b = await budget('concurrent-100');
  assert.equal(b.spent, '1');
  assert.deepEqual((b.reservations as Json).reserved, { count: 10, epsilon: '1' });
});

test('thresholds: 80 % and 100 % each alerted once, even when crossed again after a release', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const id = rid();
    ids.push(id);
    await reserve({ reservationId: id, stakeholder: 'government', dataset: 'alerts' });
  }
  assert.equal((await budget('alerts')).spent, '1');
  await act(ids[0]!, 'release');
  await act(ids[1]!, 'release');
  await act(ids[2]!, 'release');
  for (let i = 0; i < 4; i++) await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'alerts' });
  const rows = await fx.pool.query<{ threshold: number }>(`SELECT threshold FROM "${fx.schema}".budget_alerts WHERE dataset = 'alerts' ORDER BY threshold`);
  assert.deepEqual(rows.rows.map((r) => r.threshold), [80, 100]);
});

test('alerts decided while Kafka fails are produced after a restart, once', async () => {
  let attempts = 0;
  const failing: AlertProducer = { send: () => { attempts++; return Promise.reject(new Error('broker unreachable')); }, isConnected: () => false, disconnect: () => Promise.resolve() };
  const down = await fx.buildApp({ producer: failing });
  assert.equal((await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'restart' }, fx.aggregator, down)).statusCode, 201);
  assert.equal((await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'restart' }, fx.aggregator, down)).statusCode, 201);
  // The fixture's retry timer is long (60 s), so only `down` tries, and fails: both rows stay unsent.
  for (let i = 0; i < 50 && attempts === 0; i++) await sleep(100);
  assert.ok(attempts >= 1, 'the failing producer was tried');
  const pending = await fx.pool.query(`SELECT threshold FROM "${fx.schema}".budget_alerts WHERE dataset = 'restart' AND produced_at IS NULL`);
  assert.equal(pending.rowCount, 2);
  await down.close();
  // A restarted ledger (fresh app, real producer) drains what was decided before, on ready.
  const restarted = await fx.buildApp();
  assert.equal((await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'restart' }, fx.aggregator, restarted)).statusCode, 409);
  for (let i = 0; i < 50; i++) {
    const unsent = await fx.pool.query(`SELECT 1 FROM "${fx.schema}".budget_alerts WHERE produced_at IS NULL`);
    if (unsent.rowCount === 0) break;
    await sleep(200);
  }
  assert.equal((await fx.pool.query(`SELECT 1 FROM "${fx.schema}".budget_alerts WHERE produced_at IS NULL`)).rowCount, 0);
});

test('authentication and authorisation: 401 with reason codes, 403 for budget changes by the aggregator, nothing leaked', async () => {
  const body = { reservationId: rid(), stakeholder: 'government', dataset: 'admin' };
  const missing = await fx.app.inject({ method: 'POST', url: '/v1/reservations', payload: body });
  assert.equal(missing.statusCode, 401);
  assert.equal((json(missing).error as Json).code, 'AUTH_MISSING');
  const malformed = await reserve(body, 'Basic dXNlcjpwYXNz');
  assert.equal((json(malformed).error as Json).code, 'AUTH_MALFORMED');
  const wrongToken = `Bearer wrong-${randomUUID()}-token-of-sufficient-length`;
  const invalid = await reserve(body, wrongToken);
  assert.equal(invalid.statusCode, 401);
  assert.equal((json(invalid).error as Json).code, 'AUTH_INVALID');
  assert.ok(!invalid.body.includes('wrong-'), 'the presented token is not echoed');
  assert.equal((await fx.app.inject({ method: 'GET', url: `/v1/budgets/government/admin` })).statusCode, 401);

  const forbidden = await fx.app.inject({ method: 'PUT', url: '/v1/budgets/government/admin', headers: { authorization: fx.aggregator }, payload: { cap: '5' } });
  assert.equal(forbidden.statusCode, 403);
  assert.equal((json(forbidden).error as Json).code, 'FORBIDDEN_ROLE');
  assert.equal((await budget('admin')).cap, '1.0'.replace('.0', ''));
  const denied = await fx.pool.query(`SELECT actor, role, outcome, details FROM "${fx.auditSchema}".audit_records WHERE action = 'privacy_budget.set_cap'`);
  assert.deepEqual(denied.rows, [{ actor: 'aggregator-it', role: 'aggregator', outcome: 'DENIED', details: { code: 'FORBIDDEN_ROLE' } }]);

  // The admin lowers the cap below what is spent: 80 % and 100 % are reached by the change itself.
  assert.equal((await reserve({ ...body, reservationId: rid() })).statusCode, 201);
  const changed = await fx.app.inject({ method: 'PUT', url: '/v1/budgets/government/admin', headers: { authorization: fx.admin }, payload: { cap: '0.1' } });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual([json(changed).cap, json(changed).spent, json(changed).remaining], ['0.1', '0.1', '0']);
  assert.equal((await reserve({ ...body, reservationId: rid() })).statusCode, 409);
});

test('validation: 400 names every bad field; unknown budgets 404; ε above the category policy 400', async () => {
  const bad = await reserve({ reservationId: 'has spaces', stakeholder: 'police', dataset: 'basic', epsilon: 'abc', extra: 1 });
  assert.equal(bad.statusCode, 400);
  const details = (json(bad).error as Json).details as string[];
  for (const field of ['body.reservationId', 'body.stakeholder', 'body.epsilon']) assert.ok(details.some((d) => d.startsWith(field)), `${field} in ${JSON.stringify(details)}`);
  assert.ok(details.some((d) => /extra/.test(d)));
  const notJson = await fx.app.inject({ method: 'POST', url: '/v1/reservations', headers: { authorization: fx.aggregator, 'content-type': 'application/json' }, payload: '{"reservationId": ' });
  assert.equal((json(notJson).error as Json).code, 'BODY_NOT_JSON');
  const unknown = await reserve({ reservationId: rid(), stakeholder: 'media', dataset: 'basic' });
  assert.equal(unknown.statusCode, 404);
  assert.equal((json(unknown).error as Json).code, 'UNKNOWN_BUDGET');
  const above = await reserve({ reservationId: rid(), stakeholder: 'government', dataset: 'audit', epsilon: '0.2' });
  assert.equal(above.statusCode, 400);
  assert.equal((json(above).error as Json).code, 'EPSILON_ABOVE_POLICY');
  const delta = await reserve({ reservationId: rid(), stakeholder: 'academia', dataset: 'outcomes', epsilon: '1', delta: 1e-6 });
  assert.equal(delta.statusCode, 201, delta.body);
  assert.equal(json(delta).delta, '0.000001');
  assert.equal(json(delta).remainingDelta, '0.000001');
  const tooMuchDelta = await reserve({ reservationId: rid(), stakeholder: 'academia', dataset: 'outcomes', epsilon: '1', delta: '0.000002' });
  assert.equal(tooMuchDelta.statusCode, 409);
  assert.equal(json(tooMuchDelta).remaining, '3');
  const badPeriod = await fx.app.inject({ method: 'GET', url: '/v1/budgets/government/basic?period=2031-13', headers: { authorization: fx.aggregator } });
  assert.equal(badPeriod.statusCode, 400);
});

test('audit: every reservation, commit, release and refusal is in the chain, which verifies; a rolled-back ledger transaction leaves no audit record', async () => {
  const id = rid();
  await reserve({ reservationId: id, stakeholder: 'government', dataset: 'audit' });
  await act(id, 'commit');
  await act(id, 'release');
  const rows = await fx.pool.query<{ action: string; outcome: string; actor: string; subject: string }>(
    `SELECT action, outcome, actor, subject FROM "${fx.auditSchema}".audit_records WHERE details->>'reservationId' = $1 ORDER BY seq`, [id],
  );
  assert.deepEqual(rows.rows, [
    { action: 'privacy_budget.reserve', outcome: 'SUCCESS', actor: 'aggregator-it', subject: `government/audit/${PERIOD}` },
    { action: 'privacy_budget.commit', outcome: 'SUCCESS', actor: 'aggregator-it', subject: `government/audit/${PERIOD}` },
    { action: 'privacy_budget.release', outcome: 'DENIED', actor: 'aggregator-it', subject: `government/audit/${PERIOD}` },
  ]);
  const reservations = await fx.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${fx.schema}".reservations`);
  const reserveRecords = await fx.pool.query<{ n: string }>(`SELECT count(DISTINCT details->>'reservationId')::text AS n FROM "${fx.auditSchema}".audit_records WHERE action = 'privacy_budget.reserve' AND NOT (details ? 'replay') AND details->>'code' IS DISTINCT FROM 'RESERVATION_CONFLICT'`);
  assert.equal(reserveRecords.rows[0]!.n, reservations.rows[0]!.n, 'one reserve record per reservation id');

  const headBefore = await fx.pool.query<{ seq: string }>(`SELECT seq FROM "${fx.auditSchema}".audit_head`);
  const client = await fx.pool.connect();
  try {
    await client.query('BEGIN');
    await createAuditLog({ pool: fx.pool, schema: fx.auditSchema }).appendIn(client, { actor: 'it', role: 'aggregator', action: 'privacy_budget.reserve', outcome: 'SUCCESS' });
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
  const headAfter = await fx.pool.query<{ seq: string }>(`SELECT seq FROM "${fx.auditSchema}".audit_head`);
  assert.equal(headAfter.rows[0]!.seq, headBefore.rows[0]!.seq);

  const report = await createAuditLog({ pool: fx.pool, schema: fx.auditSchema }).verify(null);
  assert.equal(report.ok, true, JSON.stringify(report));
});

test('alerts on the topic: 80 % (MEDIUM) and 100 % (HIGH) exactly once per stakeholder × dataset × period', async () => {
  const both = ['basic', 'concurrent-50', 'concurrent-100', 'alerts', 'restart', 'admin'].flatMap((d) => [`government/${d}:100:HIGH`, `government/${d}:80:MEDIUM`]);
  // academia/outcomes was refused for δ at 25 % of its ε cap: exhausted, so 100 % only.
  const expected = [...both, 'academia/outcomes:100:HIGH'].sort();
  const alerts = await fx.readAlerts(expected.length);
  const seen = alerts.map((a) => `${a.value.attributes.stakeholder}/${a.value.attributes.dataset}:${a.value.attributes.threshold}:${a.value.severity}`).sort();
  assert.deepEqual(seen, expected);
  for (const { key, value } of alerts) {
    assert.equal(value.category, 'BUDGET_THRESHOLD');
    assert.equal(value.service, 'privacy-ledger');
    assert.equal(value.attributes.period, PERIOD);
    assert.equal(key, `${value.attributes.stakeholder}/${value.attributes.dataset}/${PERIOD}`);
  }
  const outcomes = alerts.find((a) => a.value.attributes.dataset === 'outcomes');
  assert.match(outcomes!.value.attributes.reason ?? '', /delta cap/);
  assert.equal(new Set(alerts.map((a) => a.value.alertId)).size, alerts.length);
  const basic100 = alerts.find((a) => a.value.attributes.dataset === 'basic' && a.value.attributes.threshold === '100');
  assert.match(basic100!.value.attributes.reason ?? '', /remaining epsilon cannot cover/);
});

test('ops: /healthz, /readyz, /metrics', async () => {
  assert.equal((await fx.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const ready = await fx.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.equal((json(ready).checks as Json).postgres, true);
  const metrics = await fx.app.inject({ method: 'GET', url: '/metrics' });
  assert.match(metrics.body, /ledger_operations_total\{.*operation="reserve".*outcome="granted".*\} \d+/);
  assert.match(metrics.body, /ledger_budget_alerts_produced_total/);
  assert.doesNotMatch(metrics.body, /it:[0-9a-f-]{36}/, 'no reservation ids in labels');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ChildSafetyAlert, RawEvent, SecurityAlert } from '@cwp/avro';
import { loadSchemaCatalog } from '@cwp/avro';
import { DependencyError } from '@cwp/errors';
import { createLogger } from '@cwp/observability';
import { createPseudonymizer } from '@cwp/pseudonym';
import { createTestDriver } from '@cwp/stream-runtime';
import { createGenerator } from '@cwp/synthetic';
import { SHREDDED_ALERT_IDENTITY, openAlertIdentity } from '@cwp/crypto';
import type { RiskStateStore } from '../src/index.js';
import {
  createKeyStoreIdentitySealer, createMemoryStateStore, createOutageMonitor, createRiskScorer, loadRules, RISK_PURPOSE, STATE_EPOCH,
} from '../src/index.js';
import { createMemoryKeys } from './memory-keys.js';
import { DAY, HOUR, incident, missed, missing, newChild, scenarios, T0 } from './scenario-events.js';

const rules = loadRules();
const keys = createMemoryKeys();
const pseudonyms = createPseudonymizer({ secret: randomBytes(32) });
const catalog = loadSchemaCatalog();
const alertType = catalog.type('cwp.alerts.ChildSafetyAlert');
const securityType = catalog.type('cwp.alerts.SecurityAlert');
const NOW = new Date(Date.UTC(2026, 10, 25, 9, 0, 0));
const TOPICS = ['alerts.child-safety.v1', 'alerts.security.v1'];

function scorer(store: RiskStateStore = createMemoryStateStore({ dedupTtlMs: 7 * DAY, maxSignals: 256 }), extra: Partial<Parameters<typeof createRiskScorer>[0]> = {}) {
  const transform = createRiskScorer({
    rules, store, pseudonyms, sealer: createKeyStoreIdentitySealer({ keys }), alertTopic: TOPICS[0]!, securityTopic: TOPICS[1]!, clock: () => NOW, ...extra,
  });
  return { store, driver: createTestDriver<RawEvent>(transform, { stage: 'risk-scorer', inputTopic: 'events.raw.v1', outputs: TOPICS }) };
}

const alertsOf = (outputs: readonly { value: unknown; topic: string }[]) => outputs.filter((o) => o.topic === TOPICS[0]).map((o) => o.value as ChildSafetyAlert);

for (const s of scenarios()) {
  test(`scenario: ${s.name}`, async () => {
    const { driver } = scorer();
    const result = await driver.pipe(s.events.map((e) => ({ key: e.subjectId, value: e })));
    assert.deepEqual(result.deadLetters, []);
    const alerts = alertsOf(result.outputs);
    assert.deepEqual(alerts.map((a) => [a.condition, a.severity, a.status]), s.expect);
    for (const a of alerts) {
      const paths: string[] = [];
      assert.ok(alertType.isValid(a, { errorHook: (p) => paths.push(p.join('.')) }), paths.join(', '));
      assert.equal(a.legalBasis, 'VITAL_INTEREST');
      assert.equal(a.ruleSetVersion, rules.version);
      assert.ok(a.score >= a.threshold || a.signals[0]?.signalType.startsWith('ESCALATION:'), 'the score reached the threshold, or an escalation rule is named first');
      assert.ok(a.signals.length > 0 && a.signals.every((sig) => sig.weight >= 0 && sig.contribution <= sig.weight));
      const childId = s.events[0]!.subjectId;
      assert.equal(a.childPseudonym, pseudonyms.pseudonymAt(childId, RISK_PURPOSE, s.events[0]!.occurredAt));
      assert.ok(!JSON.stringify(a).includes(childId), 'no plaintext child id anywhere in the alert');
      assert.equal(await openAlertIdentity(a.identityEnvelope, a.alertId, keys), childId);
    }
  });
}

test('an alert explains itself: each listed signal, its weight and decayed contribution sum to the score', async () => {
  const child = newChild();
  const { driver } = scorer();
  const r = await driver.pipe([missed(child, T0), missed(child, T0 + 2 * DAY), missed(child, T0 + 5 * DAY)].map((value) => ({ value })));
  const [a] = alertsOf(r.outputs);
  assert.ok(a);
  assert.equal(a.signals.length, 3);
  assert.ok(Math.abs(a.signals.reduce((n, s) => n + s.contribution, 0) - a.score) < 1e-9);
  assert.deepEqual(a.signals.map((s) => s.weight), [10, 10, 10]);
  assert.equal(a.signals[0]?.contribution, 10, 'the newest signal first, undecayed');
  const expected = 10 * 2 ** (-3 / 21);
  assert.ok(Math.abs((a.signals[1]?.contribution ?? 0) - expected) < 1e-9, 'half-life 21 days: 3 days old counts 2^(-3/21)');
});

test('an escalation opens a new alert id; the same condition and severity never alert twice while open', async () => {
  const child = newChild();
  const { driver } = scorer();
  const first = alertsOf((await driver.process({ value: missing(child, T0) })).outputs);
  const again = alertsOf((await driver.process({ value: missing(child, T0 + DAY) })).outputs);
  assert.deepEqual(first.map((a) => [a.condition, a.severity]), [['MISSING_CHILD', 'HIGH']]);
  assert.deepEqual(again.map((a) => [a.condition, a.severity, a.status]), [['MISSING_CHILD', 'CRITICAL', 'ESCALATED']], 'two reports in a day: 75 + 68 ≥ 100');
  assert.notEqual(first[0]?.alertId, again[0]?.alertId);
  const third = alertsOf((await driver.process({ value: missing(child, T0 + 2 * DAY) })).outputs);
  assert.deepEqual(third, [], 'already CRITICAL: nothing new');
});

test('a redelivered event re-emits exactly its committed alerts (same ids, same content) and adds no signal', async () => {
  const child = newChild();
  const { driver, store } = scorer();
  const events = [incident(child, T0, 'HIGH', 'PHYSICAL_ABUSE'), missing(child, T0 + DAY)];
  const once = alertsOf((await driver.pipe(events.map((value) => ({ value })))).outputs);
  const twice = alertsOf((await driver.pipe(events.map((value) => ({ value })))).outputs);
  const strip = (a: ChildSafetyAlert) => ({ ...a, identityEnvelope: '' });
  assert.equal(once.length, 2);
  assert.deepEqual(twice.map(strip), once.map(strip));
  assert.notEqual(twice[0]?.identityEnvelope, once[0]?.identityEnvelope, 'a fresh nonce per seal');
  const snap = await store.snapshot(pseudonyms.pseudonym(child, RISK_PURPOSE, STATE_EPOCH));
  assert.equal(snap.signals.length, 2, 'each signal counted once');
});

test('a failure between observing and committing retries, then emits the alert once (no lost alert)', async () => {
  const inner = createMemoryStateStore({ dedupTtlMs: 7 * DAY, maxSignals: 256 });
  let failNext = true;
  const flaky: RiskStateStore = {
    ...inner,
    observe: (...a) => inner.observe(...a),
    commit: (...a) => {
      if (failNext) { failNext = false; return Promise.reject(new DependencyError('REDIS_UNAVAILABLE', 'down')); }
      return inner.commit(...a);
    },
  };
  const { driver } = scorer(flaky);
  const event = missing(newChild(), T0);
  const r1 = await driver.process({ value: event });
  assert.deepEqual(r1.retries.map((f) => f.code), ['REDIS_UNAVAILABLE'], 'retried, not dead-lettered');
  assert.deepEqual(r1.outputs, []);
  const r2 = await driver.process({ value: event });
  assert.deepEqual(alertsOf(r2.outputs).map((a) => a.severity), ['HIGH']);
});

test('non-risk events pass without output or state; malformed risk events are dead-lettered', async () => {
  const { driver, store } = scorer();
  const gen = createGenerator({ seed: 5 });
  for (const type of ['DONATION', 'CHILD_RECORD', 'CARE_OPERATION', 'VOLUNTEER_ACTIVITY', 'PARTNER_RECORD'] as const) {
    const r = await driver.process({ value: gen.ofType(type).event as RawEvent });
    assert.deepEqual(r.outputs, []);
    assert.deepEqual(r.deadLetters, []);
  }
  assert.equal((store as ReturnType<typeof createMemoryStateStore>).children, 0);
  const notChild = { ...missing(newChild(), T0), subjectType: 'FACILITY' } as RawEvent;
  const r = await driver.process({ value: notChild });
  assert.equal(r.deadLetters.length, 1);
  assert.equal(r.deadLetters[0]?.headers['dlq.error.code'], 'RISK_SUBJECT_NOT_CHILD');
});

test('after a Redis outage the next successful record carries one SecurityAlert (OTHER), at most once a minute', async () => {
  let t = NOW.getTime();
  const monitor = createOutageMonitor({ service: 'risk-scorer', logger: createLogger({ service: 'test', level: 'silent' }), now: () => t });
  const { driver } = scorer(undefined, { monitor });
  monitor.unavailable(new Error('Connection is closed.'));
  monitor.unavailable(new Error('Connection is closed.'));
  t += 5000;
  monitor.available();
  const r = await driver.process({ value: missed(newChild(), T0) });
  const reports = r.outputs.filter((o) => o.topic === TOPICS[1]).map((o) => o.value as SecurityAlert);
  assert.equal(reports.length, 1);
  assert.ok(securityType.isValid(reports[0]));
  assert.equal(reports[0]?.category, 'OTHER');
  assert.equal(reports[0]?.attributes.failedCalls, '2');
  monitor.unavailable(new Error('x'));
  t += 1000;
  monitor.available();
  assert.equal(monitor.takeReport(), null, 'within the minute: held back');
  t += 60_000;
  assert.equal(monitor.takeReport()?.attributes.outages, '1');
});

test('a redelivered event that changed nothing stays a no-op even when later events opened alerts', async () => {
  const child = newChild();
  const { driver } = scorer();
  const quiet = missed(child, T0);
  const opening = missing(child, T0 + DAY);
  assert.deepEqual(alertsOf((await driver.process({ value: quiet })).outputs), []);
  assert.deepEqual(alertsOf((await driver.process({ value: opening })).outputs).map((a) => a.status), ['OPEN']);
  // The batch is redelivered (its transaction aborted): re-evaluating `quiet` alone would see a score
  // of 0 for MISSING_CHILD and close the alert `opening` opened.
  assert.deepEqual(alertsOf((await driver.process({ value: quiet })).outputs), []);
  assert.deepEqual(alertsOf((await driver.process({ value: opening })).outputs).map((a) => a.status), ['OPEN']);
  const next = alertsOf((await driver.process({ value: missing(child, T0 + DAY + HOUR) })).outputs);
  assert.deepEqual(next.map((a) => [a.condition, a.severity, a.status]), [['MISSING_CHILD', 'CRITICAL', 'ESCALATED']], 'still open: escalated, not re-opened');
});

test('a crypto-shredded child still raises its alert (vital interest), with the SHREDDED marker as identity', async () => {
  const child = newChild();
  keys.shred(child);
  const { driver } = scorer();
  const r = await driver.pipe([{ key: child, value: missing(child, T0) }]);
  assert.deepEqual(r.deadLetters, []);
  const alerts = alertsOf(r.outputs);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.identityEnvelope, SHREDDED_ALERT_IDENTITY);
  assert.ok(!JSON.stringify(alerts[0]).includes(child));
});

test('a key store outage while sealing retries the record; the redelivery emits the committed alert once, sealed', async () => {
  let down = true;
  const sealer = createKeyStoreIdentitySealer({
    keys: { currentDek: (id) => (down ? Promise.reject(new DependencyError('POSTGRES_UNAVAILABLE', 'PostgreSQL is unavailable (ECONNREFUSED)')) : keys.currentDek(id)) },
  });
  const { driver } = scorer(undefined, { sealer });
  const child = newChild();
  const event = missing(child, T0);
  const r1 = await driver.process({ value: event });
  assert.deepEqual(r1.retries.map((f) => f.code), ['POSTGRES_UNAVAILABLE'], 'retried, not dead-lettered');
  assert.deepEqual(r1.outputs, []);
  down = false;
  const alerts = alertsOf((await driver.process({ value: event })).outputs);
  assert.deepEqual(alerts.map((a) => a.severity), ['HIGH']);
  assert.equal(await openAlertIdentity(alerts[0]!.identityEnvelope, alerts[0]!.alertId, keys), child);
});

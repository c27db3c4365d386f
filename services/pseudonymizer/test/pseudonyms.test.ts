// The pseudonym properties issue 6 asks for, as this stage uses them. The primitives themselves are
// checked against the published vectors in libs/pseudonym/test/vectors.test.ts (RFC 5869 A.1–A.3
// for HKDF-SHA-256, RFC 4231 4.2–4.8 for HMAC-SHA-256, both backends); here the stage's pseudonyms
// are recomputed independently with node:crypto, so the wiring (salt, info, digest length) is pinned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { base32, createPseudonymizer, PSEUDONYM_SALT } from '@cwp/pseudonym';
import { createEventPseudonymizer, loadGeneralisationConfig } from '../src/index.js';
import { createGenerator } from '@cwp/synthetic';
import { encryptGenerated, encryptedEvents } from './support/encrypted-fixtures.js';

const secret = randomBytes(32);
const pseudonyms = createPseudonymizer({ secret });
const generalisation = loadGeneralisationConfig();

test('same subject, purpose and epoch → the same pseudonym; another purpose or epoch → an unrelated one', () => {
  const a = pseudonyms.pseudonym('child-0001', 'analytics', '2026Q4');
  assert.equal(pseudonyms.pseudonym('child-0001', 'analytics', '2026Q4'), a);
  assert.equal(createPseudonymizer({ secret }).pseudonym('child-0001', 'analytics', '2026Q4'), a, 'stable across instances (restarts, replicas)');
  const digest = (p: string): string => p.split('.')[2]!;
  const others = [
    pseudonyms.pseudonym('child-0001', 'research', '2026Q4'),
    pseudonyms.pseudonym('child-0001', 'analytics', '2027Q1'),
    pseudonyms.pseudonym('child-0002', 'analytics', '2026Q4'),
    createPseudonymizer({ secret: randomBytes(32) }).pseudonym('child-0001', 'analytics', '2026Q4'),
  ];
  for (const o of others) {
    assert.notEqual(digest(o), digest(a));
    // Unrelated: about half the 160 digest bits differ (a shared prefix or small Hamming distance would be a linkage hint).
    const x = Buffer.from(digest(o)), y = Buffer.from(digest(a));
    let same = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same += 1;
    assert.ok(same <= 8, `${same} of 32 base32 characters coincide`);
  }
});

test('the stage\'s pseudonym is HMAC-SHA-256(HKDF-SHA-256(secret, salt, purpose|epoch), subjectId), recomputed with node:crypto', async () => {
  const [fx] = await encryptedEvents(1, 'pseudonym-wiring');
  const r = createEventPseudonymizer({ pseudonyms, generalisation, outputTopic: 'out' })(fx!.encrypted);
  assert.equal(r.kind, 'record');
  if (r.kind !== 'record') return;
  const epoch = r.value.pseudonymEpoch;
  const key = Buffer.from(hkdfSync('sha256', secret, PSEUDONYM_SALT, `analytics|${epoch}`, 32));
  const expected = `analytics.${epoch}.${base32(createHmac('sha256', key).update(fx!.encrypted.subjectId, 'utf8').digest().subarray(0, 20))}`;
  assert.equal(r.value.pseudonyms['analytics'], expected);
  assert.equal(r.key, expected, 'keyed by the analytics pseudonym');
});

test('a child\'s events link within a quarter and not across quarters', async () => {
  // Starting four hours before Q2 2025: ~600 events (1–120 s apart) run well into the next quarter.
  const fixtures = await encryptGenerated(createGenerator({ seed: 'pseudonym-epochs', startTime: Date.UTC(2025, 2, 31, 20), childCount: 20 }).batch(600));
  const run = createEventPseudonymizer({ pseudonyms, generalisation, outputTopic: 'out' });
  const byChild = new Map<string, Map<string, Set<string>>>();
  for (const fx of fixtures) {
    if (fx.encrypted.subjectType !== 'CHILD') continue;
    const r = run(fx.encrypted);
    assert.equal(r.kind, 'record');
    if (r.kind !== 'record') continue;
    const epochs = byChild.get(fx.encrypted.subjectId) ?? new Map<string, Set<string>>();
    byChild.set(fx.encrypted.subjectId, epochs);
    const set = epochs.get(r.value.pseudonymEpoch) ?? new Set<string>();
    epochs.set(r.value.pseudonymEpoch, set);
    set.add(r.value.pseudonyms['analytics']!);
  }
  let multiEpoch = 0;
  for (const epochs of byChild.values()) {
    for (const set of epochs.values()) assert.equal(set.size, 1, 'one pseudonym per child per epoch');
    const all = [...epochs.values()].map((s) => [...s][0]);
    assert.equal(new Set(all).size, all.length, 'a different pseudonym in every epoch');
    if (epochs.size > 1) multiEpoch += 1;
  }
  assert.ok(multiEpoch > 0, 'the fixture spans several quarters for some child');
});

// Recall and precision on the hand-labelled corpus. A finding counts as correct when it overlaps
// a gold span of the same type; a gold span counts as found when such a finding overlaps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PII_TYPES, scanText } from '../src/index.js';
import type { PiiType } from '../src/index.js';
import { CASE_NOTES } from './fixtures/case-notes.js';
import { HELD_OUT_NOTES } from './fixtures/held-out-notes.js';
import { parseLabelled } from './fixtures/labelled.js';

interface Tally { gold: number; found: number; predicted: number; correct: number; exact: number }

function evaluate(notes: readonly string[]): Record<PiiType, Tally> {
  const tally = Object.fromEntries(PII_TYPES.map((t) => [t, { gold: 0, found: 0, predicted: 0, correct: 0, exact: 0 }])) as Record<PiiType, Tally>;
  for (const note of notes) {
    const { text, gold } = parseLabelled(note);
    const findings = scanText(text);
    for (const g of gold) {
      const t = tally[g.type];
      t.gold++;
      if (findings.some((f) => f.type === g.type && f.start < g.end && g.start < f.end)) t.found++;
      if (findings.some((f) => f.type === g.type && f.start === g.start && f.end === g.end)) t.exact++;
    }
    for (const f of findings) {
      const t = tally[f.type];
      t.predicted++;
      if (gold.some((g) => g.type === f.type && f.start < g.end && g.start < f.end)) t.correct++;
    }
  }
  return tally;
}

const tally = evaluate([...CASE_NOTES, ...HELD_OUT_NOTES]);
const heldOut = evaluate(HELD_OUT_NOTES);
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

test('the corpus is big enough to measure: ~40 notes, some without PII, every type planted', () => {
  assert.ok(CASE_NOTES.length + HELD_OUT_NOTES.length >= 40);
  assert.ok([...CASE_NOTES, ...HELD_OUT_NOTES].filter((n) => !n.includes('{{')).length >= 5);
  for (const type of PII_TYPES) assert.ok(tally[type].gold >= 5, `${type} has too few gold spans`);
});

test('recall per type: ≥ 0.95 for NIK, phone, e-mail; ≥ 0.85 for names and addresses', (t) => {
  for (const type of PII_TYPES) {
    const x = tally[type];
    const h = heldOut[type];
    t.diagnostic(`held-out ${type}: recall ${ratio(h.found, h.gold).toFixed(3)} (${h.found}/${h.gold}), precision ${ratio(h.correct, h.predicted).toFixed(3)} (${h.correct}/${h.predicted})`);
    t.diagnostic(`${type}: recall ${ratio(x.found, x.gold).toFixed(3)} (${x.found}/${x.gold}), precision ${ratio(x.correct, x.predicted).toFixed(3)} (${x.correct}/${x.predicted}), exact spans ${x.exact}/${x.gold}`);
  }
  for (const type of ['NIK', 'PHONE', 'EMAIL'] as const) assert.ok(ratio(tally[type].found, tally[type].gold) >= 0.95, `${type} recall`);
  for (const type of ['NAME', 'ADDRESS'] as const) assert.ok(ratio(tally[type].found, tally[type].gold) >= 0.85, `${type} recall`);
});

test('overall precision ≥ 0.9', (t) => {
  let predicted = 0;
  let correct = 0;
  for (const type of PII_TYPES) {
    predicted += tally[type].predicted;
    correct += tally[type].correct;
  }
  t.diagnostic(`overall precision ${ratio(correct, predicted).toFixed(3)} (${correct}/${predicted})`);
  assert.ok(ratio(correct, predicted) >= 0.9);
});

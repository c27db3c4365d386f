// Recall and precision on 2,000 generated notes whose labels the generator wrote together with
// the text (@cwp/synthetic createNoteCorpus), so the measure covers the forms real notes take
// (separators in numbers, honorifics, case, written-out addresses) without hand labelling.
//
// Matching rule. A label counts as found when one finding of the corresponding type covers at
// least 80 % of the label's characters. A finding counts as correct when it overlaps a label of
// its own type by at least one character. MEDICAL_TERM findings are left out of precision: the
// generator does not label medical terms (they are a separate, closed-list detector).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PiiKind, PiiLabel } from '@cwp/synthetic';
import { createNoteCorpus } from '@cwp/synthetic';
import { scanText } from '../src/index.js';
import type { Finding, PiiType } from '../src/index.js';

const TYPE_OF: Readonly<Record<PiiKind, PiiType>> = { name: 'NAME', nik: 'NIK', phone: 'PHONE', email: 'EMAIL', address: 'ADDRESS', dob: 'DATE_OF_BIRTH' };
const LABELLED_TYPES = Object.values(TYPE_OF);
const MIN_COVER = 0.8;
const NOTES = 3000;

interface Tally { labels: number; found: number; findings: number; correct: number }

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const found = (label: PiiLabel, findings: readonly Finding[]): boolean =>
  findings.some((f) => f.type === TYPE_OF[label.kind] && overlap(f, label) >= MIN_COVER * (label.end - label.start));

const corpus = createNoteCorpus({ seed: 'pii-corpus', count: NOTES });
const tally = Object.fromEntries(LABELLED_TYPES.map((t) => [t, { labels: 0, found: 0, findings: 0, correct: 0 }])) as Record<PiiType, Tally>;
const misses: string[] = [];
const falsePositives: string[] = [];
for (const { text, labels } of corpus) {
  const findings = scanText(text).filter((f) => f.type !== 'MEDICAL_TERM');
  for (const label of labels) {
    const t = tally[TYPE_OF[label.kind]];
    t.labels++;
    if (found(label, findings)) t.found++;
    else misses.push(`${label.kind} «${text.slice(label.start, label.end)}» in: ${text}`);
  }
  for (const f of findings) {
    const t = tally[f.type];
    t.findings++;
    if (labels.some((l) => TYPE_OF[l.kind] === f.type && overlap(f, l) > 0)) t.correct++;
    else falsePositives.push(`${f.type}/${f.detector} «${text.slice(f.start, f.end)}» in: ${text}`);
  }
}
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const recall = (type: PiiType): number => ratio(tally[type].found, tally[type].labels);

test(`the corpus holds ${NOTES} seeded notes with every labelled type, and some notes without PII`, () => {
  assert.equal(corpus.length, NOTES);
  for (const type of LABELLED_TYPES) assert.ok(tally[type].labels >= 30, `${type}: ${tally[type].labels} labels`);
  assert.ok(corpus.filter((n) => n.labels.length === 0).length >= 200);
});

test('recall per type: ≥ 0.99 for NIK, phone and e-mail; ≥ 0.95 for names and addresses', (t) => {
  for (const type of LABELLED_TYPES) {
    const x = tally[type];
    t.diagnostic(`${type}: recall ${recall(type).toFixed(4)} (${x.found}/${x.labels}), precision ${ratio(x.correct, x.findings).toFixed(4)} (${x.correct}/${x.findings})`);
  }
  for (const miss of misses.slice(0, 10)) t.diagnostic(`missed ${miss}`);
  for (const type of ['NIK', 'PHONE', 'EMAIL'] as const) assert.ok(recall(type) >= 0.99, `${type} recall ${recall(type)}`);
  for (const type of ['NAME', 'ADDRESS'] as const) assert.ok(recall(type) >= 0.95, `${type} recall ${recall(type)}`);
});

test('overall precision ≥ 0.9 (MEDICAL_TERM excluded)', (t) => {
  let findings = 0;
  let correct = 0;
  for (const type of LABELLED_TYPES) {
    findings += tally[type].findings;
    correct += tally[type].correct;
  }
  t.diagnostic(`overall precision ${ratio(correct, findings).toFixed(4)} (${correct}/${findings})`);
  for (const fp of falsePositives.slice(0, 10)) t.diagnostic(`unlabelled ${fp}`);
  assert.ok(ratio(correct, findings) >= 0.9, `precision ${ratio(correct, findings)}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGenerator, createNoteCorpus } from '../src/index.js';
import { markSpan, stripMarks, stripPayloadMarks } from '../src/labels.js';

/** Every string in a value, recursively. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap(strings);
}

test('stripMarks returns the plain text and the offsets of each marked span', () => {
  const marked = `Ibu ${markSpan('name', 'Sri Wahyuni')} (${markSpan('phone', '0812-3456-7890')}), lahir ${markSpan('dob', '12-09-1990')}.`;
  const { text, labels } = stripMarks(marked);
  assert.equal(text, 'Ibu Sri Wahyuni (0812-3456-7890), lahir 12-09-1990.');
  assert.deepEqual(labels.map((l) => [l.kind, text.slice(l.start, l.end)]), [['name', 'Sri Wahyuni'], ['phone', '0812-3456-7890'], ['dob', '12-09-1990']]);
  assert.deepEqual(stripMarks('tanpa data pribadi'), { text: 'tanpa data pribadi', labels: [] });
  assert.throws(() => stripMarks('\uE000nSri'), /unbalanced/);
});

test('stripPayloadMarks keys labels by dot path and leaves unmarked objects as they are', () => {
  const untouched = { a: 1, b: ['x'] };
  const { payload, labels } = stripPayloadMarks({ notes: `hubungi ${markSpan('email', 'a.b@gmail.com')}`, nested: { s: markSpan('nik', '3273015209140003') }, untouched });
  assert.deepEqual(payload, { notes: 'hubungi a.b@gmail.com', nested: { s: '3273015209140003' }, untouched });
  assert.equal(payload.untouched, untouched);
  assert.deepEqual(labels, { notes: [{ kind: 'email', start: 8, end: 21 }], 'nested.s': [{ kind: 'nik', start: 0, end: 16 }] });
});

const sample = createGenerator({ seed: 'labels' }).batch(1500);

test('no mark leaks into an event, and every label spans a value planted under its kind', () => {
  let labelled = 0;
  for (const { event, planted, labels } of sample) {
    assert.ok(labels !== undefined, 'generated events carry labels');
    for (const s of strings(event)) assert.ok(!/[\uE000\uE001]/.test(s), `mark in ${event.eventId}`);
    const payload = Object.values(event.payload)[0] as Record<string, unknown>;
    for (const [field, spans] of Object.entries(labels ?? {})) {
      const text = payload[field];
      assert.equal(typeof text, 'string', `${field} is a top-level string field`);
      let previousEnd = 0;
      for (const l of spans) {
        assert.ok(l.start >= previousEnd && l.end > l.start, 'labels are ordered and disjoint');
        previousEnd = l.end;
        const value = (text as string).slice(l.start, l.end);
        // A name label leaves out an honorific recorded with the name ('Dek Bima' → 'Bima').
        assert.ok(planted.some((p) => p.kind === l.kind && (p.value === value || (l.kind === 'name' && p.value.endsWith(` ${value}`)))), `${l.kind} "${value}" is not planted`);
        labelled++;
      }
    }
  }
  assert.ok(labelled > 500, `${labelled} labels`);
});

test('every NIK, phone, e-mail and written address a note contains is labelled', () => {
  for (const { text, labels } of createNoteCorpus({ seed: 'labels', count: 1500 })) {
    const covered = (kind: string, at: number, length: number): boolean => labels.some((l) => l.kind === kind && l.start <= at && at + length <= l.end);
    for (const m of text.matchAll(/\+?\d(?:[ .-]?\d){9,15}/g)) {
      assert.ok(covered('nik', m.index, m[0].length) || covered('phone', m.index, m[0].length), `unlabelled number "${m[0]}" in: ${text}`);
    }
    for (const m of text.matchAll(/[\w.]+@[\w.]+\w/g)) assert.ok(covered('email', m.index, m[0].length), `unlabelled e-mail in: ${text}`);
    for (const m of text.matchAll(/\b(?:Jl|Gg)\. /g)) assert.ok(covered('address', m.index, m[0].length), `unlabelled address in: ${text}`);
  }
});

test('honorifics recorded with a name stay outside its label', () => {
  const notes = createNoteCorpus({ seed: 'labels', count: 3000 });
  let dek = 0;
  for (const { text, labels } of notes) {
    for (const l of labels.filter((x) => x.kind === 'name')) {
      assert.doesNotMatch(text.slice(l.start, l.end), /^(?:dek|adik|neng|an\.|h\.|hj\.)\s/i);
      if (/dek\s$/i.test(text.slice(Math.max(0, l.start - 4), l.start))) dek++;
    }
  }
  assert.ok(dek > 10, `${dek} names after "Dek"`);
});

test('createNoteCorpus: count notes, deterministic per seed, with and without labels, every kind present', () => {
  const a = createNoteCorpus({ seed: 7, count: 2000 });
  assert.equal(a.length, 2000);
  assert.deepEqual(createNoteCorpus({ seed: 7, count: 300 }), a.slice(0, 300));
  assert.notDeepEqual(createNoteCorpus({ seed: 8, count: 300 }), a.slice(0, 300));
  assert.ok(a.filter((n) => n.labels.length === 0).length > 200, 'notes without PII');
  const kinds = new Set(a.flatMap((n) => n.labels.map((l) => l.kind)));
  assert.deepEqual([...kinds].sort(), ['address', 'dob', 'email', 'name', 'nik', 'phone']);
  assert.throws(() => createNoteCorpus({ seed: 1, count: -1 }), RangeError);
});

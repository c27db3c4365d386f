import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildRecord, RawEvent } from '@cwp/avro';
import { PAYLOAD_RECORD_NAMES, loadSchemaCatalog, unwrapPayload } from '@cwp/avro';
import type { GeneratedEvent } from '../src/index.js';
import { DEFAULT_START_TIME, EVENT_TYPES, createGenerator, isValidNikStructure, parseNik } from '../src/index.js';

const catalog = loadSchemaCatalog();
const rawType = catalog.type('cwp.events.RawEvent');
const sample: readonly GeneratedEvent[] = createGenerator({ seed: 'unit-tests' }).batch(1000);

/** Every string in a value, recursively. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap(strings);
}

function walk(values: readonly unknown[], path: readonly string[]): unknown[] {
  let current = [...values];
  for (const key of path) {
    current = current.flatMap((v) => {
      if (v === null || typeof v !== 'object') return [];
      if (key === '[]') return Array.isArray(v) ? (v as unknown[]) : [];
      const next = (v as Record<string, unknown>)[key];
      return next === undefined || next === null ? [] : [next];
    });
  }
  return current;
}

const childRecords = (): ChildRecord[] =>
  sample.flatMap(({ event }) => (event.eventType === 'CHILD_RECORD' ? [unwrapPayload(event)] : []));

test('same seed gives the same 500 events; another seed does not', () => {
  const a = createGenerator({ seed: 99 }).batch(500);
  const b = createGenerator({ seed: 99 }).batch(500);
  assert.deepEqual(a, b);
  const c = createGenerator({ seed: 100 }).batch(500);
  assert.notDeepEqual(c, a);
  assert.notEqual(c[0]?.event.eventId, a[0]?.event.eventId);
});

test('every event type appears within 1,000 events, and ofType() gives the asked type', () => {
  const seen = new Set(sample.map(({ event }) => event.eventType));
  assert.deepEqual([...seen].sort(), [...EVENT_TYPES].sort());
  const generator = createGenerator({ seed: 5 });
  for (const type of EVENT_TYPES) {
    const { event } = generator.ofType(type);
    assert.equal(event.eventType, type);
    assert.deepEqual(Object.keys(event.payload), [PAYLOAD_RECORD_NAMES[type]]);
  }
});

test('every generated event is valid against cwp.events.RawEvent and round-trips through Avro', () => {
  for (const { event } of sample) {
    const errors: string[] = [];
    const valid = rawType.isValid(event, { errorHook: (path, value) => errors.push(`${path.join('.')} = ${JSON.stringify(value)}`) });
    assert.ok(valid, `${event.eventType} ${event.eventId} invalid at ${errors.join('; ')}`);
  }
  for (const { event } of sample.slice(0, 200)) assert.deepEqual(structuredClone(rawType.fromBuffer(rawType.toBuffer(event))), event);
});

test('envelopes: unique UUID v4 ids, key = subjectId, time moves forward from startTime', () => {
  const ids = new Set(sample.map(({ event }) => event.eventId));
  assert.equal(ids.size, sample.length);
  let previous = DEFAULT_START_TIME;
  for (const { event, key } of sample) {
    assert.match(event.eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(key, event.subjectId);
    assert.ok(event.occurredAt > previous);
    previous = event.occurredAt;
    if (event.receivedAt !== null) assert.ok(event.receivedAt >= event.occurredAt);
    const payload = unwrapPayload(event) as unknown as Record<string, unknown>;
    if (event.subjectType === 'CHILD') assert.equal(payload['childId'], event.subjectId);
  }
  const later = createGenerator({ seed: 1, startTime: Date.UTC(2030, 0, 1) }).next();
  assert.ok(later.event.occurredAt > Date.UTC(2030, 0, 1));
  assert.throws(() => createGenerator({ seed: 1, childCount: 0 }), RangeError);
});

test('intervalMs sets the event-time gaps: every gap within [min, max], so 3,000 events span months', () => {
  const events = createGenerator({ seed: 5, intervalMs: [60_000, 2_400_000] }).batch(3000).map(({ event }) => event.occurredAt);
  const gaps = events.slice(1).map((t, i) => t - events[i]!);
  assert.ok(gaps.every((g) => g >= 60_000 && g <= 2_400_000), 'every gap in range');
  const days = (events.at(-1)! - DEFAULT_START_TIME) / 86_400_000;
  assert.ok(days > 35 && days < 50, `3,000 events at a mean gap of ~20 min span ${days.toFixed(1)} days`);
  assert.throws(() => createGenerator({ seed: 1, intervalMs: [10, 5] }), RangeError);
  assert.throws(() => createGenerator({ seed: 1, intervalMs: [0, 5] }), RangeError);
});

test('a pool of children links events: at most childCount children, many with several events', () => {
  const small = createGenerator({ seed: 3, childCount: 20 }).batch(600);
  const children = new Map<string, number>();
  for (const { event } of small) if (event.subjectType === 'CHILD') children.set(event.subjectId, (children.get(event.subjectId) ?? 0) + 1);
  assert.ok(children.size <= 20, `${children.size} children`);
  assert.ok([...children.values()].filter((n) => n >= 5).length >= 10);
  const donors = new Set(small.filter(({ event }) => event.subjectType === 'DONOR').map(({ event }) => event.subjectId));
  const donations = small.filter(({ event }) => event.subjectType === 'DONOR').length;
  assert.ok(donors.size < donations, 'donors give more than once');
});

test('children are 0–17 at startTime and their NIK matches date of birth, sex and a known province', () => {
  const records = childRecords();
  assert.ok(records.length > 50);
  let withNik = 0;
  for (const child of records) {
    assert.ok(child.dateOfBirth);
    const dob = Date.parse(`${child.dateOfBirth}T00:00:00Z`);
    assert.ok(dob < DEFAULT_START_TIME && dob > DEFAULT_START_TIME - 18 * 365.25 * 86_400_000, child.dateOfBirth);
    if (child.nik === null) continue;
    withNik += 1;
    assert.ok(isValidNikStructure(child.nik), child.nik);
    const parts = parseNik(child.nik);
    assert.equal(parts?.sex, child.sex);
    assert.equal(`${String(parts?.day).padStart(2, '0')}-${String(parts?.month).padStart(2, '0')}-${String(parts?.yearOfCentury).padStart(2, '0')}`, `${child.dateOfBirth.slice(8)}-${child.dateOfBirth.slice(5, 7)}-${child.dateOfBirth.slice(2, 4)}`);
  }
  assert.ok(withNik > records.length * 0.7);
});

test('names are Indonesian in shape: single names, Balinese I/Ni names, family names, mixed case', () => {
  const names = sample.flatMap(({ planted }) => planted.filter((p) => p.kind === 'name').map((p) => p.value));
  assert.ok(names.some((n) => !n.includes(' ')), 'single names');
  assert.ok(names.some((n) => /^(I|Ni) (Wayan|Putu|Gede|Made|Kadek|Nengah|Nyoman|Komang|Ketut) /.test(n)), 'Balinese names');
  assert.ok(names.some((n) => /(Siregar|Nasution|Simanjuntak|Sitompul|Hutapea|Situmorang|Lubis|Harahap|Pardede|Sinaga|Tampubolon|Manurung|Panjaitan|Simatupang|Silalahi|Hutagalung)$/i.test(n)), 'Batak marga');
  assert.ok(names.some((n) => n.length > 3 && n === n.toUpperCase()), 'upper-case names');
  assert.ok(names.some((n) => n.length > 3 && n === n.toLowerCase()), 'lower-case names');
});

test('phones, e-mails and addresses look Indonesian', () => {
  const planted = sample.flatMap(({ planted }) => planted);
  const phones = planted.filter((p) => p.kind === 'phone').map((p) => p.value);
  for (const phone of phones) {
    const digits = phone.replace(/\D/g, '');
    const national = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
    assert.match(national, /^08\d{8,11}$/, phone);
  }
  assert.ok(phones.some((p) => p.startsWith('+62')) && phones.some((p) => p.startsWith('08')));
  assert.ok(phones.some((p) => /^08\d\d-\d{4}-\d+$/.test(p)) && phones.some((p) => / /.test(p)) && phones.some((p) => /\./.test(p)), 'separators in free text');
  const emails = planted.filter((p) => p.kind === 'email').map((p) => p.value);
  for (const email of emails) assert.match(email, /^[A-Za-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$/, email);
  assert.ok(emails.some((e) => e.endsWith('@gmail.com')) && emails.some((e) => e.endsWith('@yahoo.co.id')));
  const addresses = planted.filter((p) => p.kind === 'address').map((p) => p.value);
  assert.ok(addresses.some((a) => /^Jl\. .+ No\. \d+/.test(a) && /RT/i.test(a)));
  assert.ok(addresses.some((a) => /Kel\. .+, Kec\. /.test(a)), 'written-out addresses');
});

test('every planted value appears in its event, and every structured identifier is planted', () => {
  const tags = catalog.fieldTags('cwp.events.RawEvent');
  const kindsByLeaf: Record<string, string> = { fullName: 'name', nickname: 'name', donorName: 'name', nik: 'nik', phone: 'phone', email: 'email', street: 'address', dateOfBirth: 'dob' };
  for (const { event, planted } of sample) {
    const texts = strings(event);
    for (const { kind, value } of planted) assert.ok(texts.some((t) => t.includes(value)), `${kind} "${value}" is not in ${event.eventId}`);
    for (const tag of tags) {
      const leaf = tag.path.split('.').at(-1) ?? '';
      const kind = kindsByLeaf[leaf];
      if (!kind) continue;
      for (const value of walk([event], tag.valuePath)) {
        assert.ok(planted.some((p) => p.kind === kind && String(value).includes(p.value)), `${tag.path} = ${String(value)} not planted`);
      }
    }
  }
});

/** The free-text field of an event's payload, if it has one. */
function noteOf(event: RawEvent): string | null {
  const p = unwrapPayload(event) as unknown as Record<string, unknown>;
  for (const key of ['caseNotes', 'notes', 'description', 'message', 'summary']) {
    const value = p[key];
    if (typeof value === 'string') return value;
  }
  return null;
}

test('free text mentions PII in varied forms, and some notes carry none', () => {
  const texts = sample.flatMap(({ event }) => noteOf(event) ?? []);
  assert.ok(texts.length > 400);
  const all = texts.join('\n');
  assert.match(all, /NIK \d{4} \d{4} \d{4} \d{4}/);
  assert.match(all, /\b\d{2}-\d{2}-\d{4}\b/);
  assert.match(all, /\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\b/);
  assert.match(all, /\b(Ibu|Bu|Bapak|Pak|Sdr\.|Sdri\.|Kak|Mas|Mbak|dr\.) [A-Z]/);
  assert.match(all, /[a-z0-9._]+@[a-z.]+/i);
  for (const term of ['gizi buruk', 'stunting', 'TBC', 'demam berdarah', 'diare']) assert.ok(all.includes(term), term);
  const withoutPii = sample.filter(({ event, planted }) => {
    const note = noteOf(event);
    return note !== null && !planted.some((x) => note.includes(x.value));
  });
  assert.ok(withoutPii.length > 50, `${withoutPii.length} notes without PII`);
});

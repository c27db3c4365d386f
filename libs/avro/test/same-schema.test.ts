import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchemaCatalog, sameSchema } from '../src/index.js';

test('a namespace written explicitly or inherited is the same schema', () => {
  const a = { type: 'record', name: 'A', namespace: 'x', fields: [{ name: 'e', type: { type: 'enum', name: 'E', namespace: 'x', symbols: ['P'] } }] };
  const b = { type: 'record', name: 'x.A', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['P'] } }] };
  assert.equal(sameSchema(a, b), true);
});

test('a reference written relative to its namespace is the same as its full name', () => {
  const a = { type: 'record', name: 'x.A', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['P'] } }, { name: 'f', type: 'E' }, { name: 'g', type: ['null', 'string'] }] };
  const b = { type: 'record', name: 'x.A', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['P'] } }, { name: 'f', type: 'x.E' }, { name: 'g', type: ['null', 'string'] }] };
  assert.equal(sameSchema(a, b), true);
  assert.equal(sameSchema(a, { ...b, fields: [b.fields[0]!, { name: 'f', type: 'y.E' }, b.fields[2]!] }), false);
});

test('doc, default and pii differences are differences', () => {
  const base = { type: 'record', name: 'x.A', fields: [{ name: 'f', type: ['null', 'string'], default: null, pii: 'direct', doc: 'd' }] };
  for (const change of [{ default: undefined }, { pii: 'quasi' }, { doc: 'other' }]) {
    const field = { ...base.fields[0], ...change } as Record<string, unknown>;
    if (field['default'] === undefined) delete field['default'];
    assert.equal(sameSchema(base, { ...base, fields: [field] } as never), false, JSON.stringify(change));
  }
});

test('another namespace is another schema', () => {
  assert.equal(sameSchema({ type: 'enum', name: 'E', namespace: 'x', symbols: ['P'] }, { type: 'enum', name: 'E', namespace: 'y', symbols: ['P'] }), false);
});

test('every registered subject resolves to a schema equal to itself', () => {
  const catalog = loadSchemaCatalog();
  for (const name of Object.values(catalog.subjects())) assert.equal(sameSchema(catalog.resolve(name), structuredClone(catalog.resolve(name))), true);
});

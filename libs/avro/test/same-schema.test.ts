import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSchemaCatalog, sameSchema } from '../src/index.js';

test('a namespace written explicitly or inherited is the same schema', () => {
  const a = { type: 'record', name: 'A', namespace: 'x', fields: [{ name: 'e', type: { type: 'enum', name: 'E', namespace: 'x', symbols: ['P'] } }] };
  const b = { type: 'record', name: 'x.A', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['P'] } }] };
  assert.equal(sameSchema(a, b), true);
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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { ENCRYPTED_SCHEMA_DIR, encryptedSchemaFiles } from '../src/index.js';

test('schemas/encrypted/ holds exactly the derivation of the raw schemas (regenerate with npm run generate-schemas)', () => {
  const expected = encryptedSchemaFiles();
  assert.deepEqual(readdirSync(ENCRYPTED_SCHEMA_DIR).sort(), expected.map((f) => f.path).sort());
  for (const f of expected) assert.equal(readFileSync(join(ENCRYPTED_SCHEMA_DIR, f.path), 'utf8'), f.text, `${f.path} is stale`);
});

test('the derived schema: direct/sensitive/free-text fields are bytes, subjectId, quasi and untagged fields keep their types', () => {
  const catalog = loadSchemaCatalog();
  assert.equal(catalog.subjects()['events.encrypted.v1-value'], ENCRYPTED_EVENT_NAME);
  const tags = catalog.fieldTags(ENCRYPTED_EVENT_NAME);
  const fieldType = (record: string, field: string) => (catalog.resolve(record)['fields'] as Array<Record<string, unknown>>).find((f) => f['name'] === field)?.['type'];
  assert.equal(fieldType(ENCRYPTED_EVENT_NAME, 'subjectId'), 'string');
  assert.equal(fieldType('cwp.encrypted.ChildRecord', 'fullName'), 'bytes');
  assert.deepEqual(fieldType('cwp.encrypted.ChildRecord', 'nik'), ['null', 'bytes']);
  assert.deepEqual(fieldType('cwp.encrypted.ChildRecord', 'dateOfBirth'), ['null', 'string'], 'quasi stays clear');
  assert.equal(fieldType('cwp.encrypted.MedicalProfile', 'conditions'), 'bytes', 'a tagged array is one ciphertext');
  assert.equal(fieldType('cwp.encrypted.Address', 'province'), 'string', 'untagged stays clear');
  assert.equal(fieldType('cwp.encrypted.HealthObservation', 'observationType'), 'bytes', 'a sensitive enum is encrypted');
  // Every tag of the raw schema reappears on the derived one, so the pseudonymizer reads the same tags.
  const rawTags = catalog.fieldTags('cwp.events.ClassifiedEvent').map((t) => `${t.path}:${t.pii}`).sort();
  assert.deepEqual(tags.map((t) => `${t.path}:${t.pii}`).sort(), rawTags);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import avsc from 'avsc';
import type { JsonObject, JsonValue } from '../src/index.js';
import { DEFAULT_SCHEMA_DIR, SchemaError, loadSchemaCatalog } from '../src/index.js';

const catalog = loadSchemaCatalog();

const nameOf = (o: JsonObject, key = 'name'): string => o[key] as string;

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? schemaFiles(join(dir, e.name)) : e.name.endsWith('.avsc') ? [join(dir, e.name)] : [],
  );
}

function readObject(file: string): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

test('every .avsc file is one named type in cwp.<folder>, named like the file', () => {
  const files = schemaFiles(DEFAULT_SCHEMA_DIR);
  assert.ok(files.length >= 30, `found ${files.length} schema files`);
  for (const file of files) {
    const schema = readObject(file);
    const domain = relative(DEFAULT_SCHEMA_DIR, dirname(file));
    assert.equal(schema['namespace'], `cwp.${domain}`, file);
    assert.equal(schema['name'], basename(file, '.avsc'), file);
    assert.ok(catalog.has(`cwp.${domain}.${nameOf(schema)}`));
  }
  assert.equal(catalog.names().length, files.length, 'no named type is defined outside its own file');
});

test('every named type parses with avsc through the catalog', () => {
  for (const name of catalog.names()) {
    const type = catalog.type(name);
    assert.equal(type.name, name);
    assert.equal(catalog.type(name), type, 'types are cached');
  }
});

test('every record, field and enum has a non-empty doc; every enum has a default symbol', () => {
  const missing: string[] = [];
  for (const name of catalog.names()) {
    const def = catalog.resolve(name);
    if (typeof def['doc'] !== 'string' || def['doc'].trim() === '') missing.push(name);
    if (def['type'] === 'enum') {
      assert.ok((def['symbols'] as readonly string[]).includes(def['default'] as string), `${name} needs a default symbol for evolution`);
    }
    if (def['type'] === 'record') {
      for (const field of def['fields'] as readonly JsonObject[]) {
        if (typeof field['doc'] !== 'string' || field['doc'].trim() === '') missing.push(`${name}.${nameOf(field)}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('optional fields are ["null", T] with default null; timestamps are timestamp-millis longs', () => {
  for (const name of catalog.names()) {
    const def = catalog.resolve(name);
    if (def['type'] !== 'record') continue;
    for (const field of def['fields'] as readonly JsonObject[]) {
      const type = field['type'];
      if (Array.isArray(type) && (type as readonly JsonValue[]).includes('null')) {
        assert.equal((type as readonly JsonValue[])[0], 'null', `${name}.${nameOf(field)}: null first`);
        assert.equal(field['default'], null, `${name}.${nameOf(field)}: default null`);
      }
      if (/At$/.test(nameOf(field))) {
        const inner = Array.isArray(type) ? (type as readonly JsonValue[])[1] : type;
        assert.deepEqual(inner, { type: 'long', logicalType: 'timestamp-millis' }, `${name}.${nameOf(field)}`);
      }
    }
  }
});

test('resolve() inlines each named type once, keeps custom properties, and stands alone in plain avsc', () => {
  const raw = catalog.resolve('cwp.events.RawEvent');
  const text = JSON.stringify(raw);
  assert.equal(text.match(/"name":"Address"/g)?.length, 1, 'Address defined once');
  assert.equal(text.match(/"name":"ContactPerson"/g)?.length, 1, 'ContactPerson defined once');
  assert.ok(text.includes('"cwp.common.Address"'), 'later uses reference the full name');
  assert.ok(Object.isFrozen(raw));
  // A fresh avsc, no registry: the document must carry every definition it needs.
  const type = avsc.Type.forSchema(JSON.parse(text) as Parameters<typeof avsc.Type.forSchema>[0], { wrapUnions: 'auto' });
  assert.equal(type.name, 'cwp.events.RawEvent');
  const subjectId = (raw['fields'] as readonly JsonObject[]).find((f) => f['name'] === 'subjectId');
  assert.equal(subjectId?.['pii'], 'direct');
  assert.equal(subjectId?.['subjectKey'], true);
  // Every field property (doc, pii, subjectKey, default…) of every source record survives resolution untouched.
  const withoutType = (f: JsonObject): JsonObject => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'type'));
  for (const file of schemaFiles(DEFAULT_SCHEMA_DIR)) {
    const source = readObject(file);
    if (source['type'] !== 'record') continue;
    const resolved = catalog.resolve(`${nameOf(source, 'namespace')}.${nameOf(source)}`);
    assert.deepEqual(
      (resolved['fields'] as readonly JsonObject[]).map(withoutType),
      (source['fields'] as readonly JsonObject[]).map(withoutType),
      file,
    );
  }
});

test('resolve() output equals the source for a schema without references', () => {
  const file = join(DEFAULT_SCHEMA_DIR, 'common', 'Address.avsc');
  assert.deepEqual(catalog.resolve('cwp.common.Address'), readObject(file));
});

test('subjects() maps the topics to their records', () => {
  assert.deepEqual(catalog.subjects(), {
    'events.raw.v1-value': 'cwp.events.RawEvent',
    'events.classified.v1-value': 'cwp.events.ClassifiedEvent',
    'events.encrypted.v1-value': 'cwp.encrypted.EncryptedEvent',
    'events.pseudonymized.v1-value': 'cwp.analytics.PseudonymizedEvent',
    'alerts.child-safety.v1-value': 'cwp.alerts.ChildSafetyAlert',
    'alerts.security.v1-value': 'cwp.alerts.SecurityAlert',
    'aggregates.government.v1-value': 'cwp.aggregates.Release',
    'aggregates.business.v1-value': 'cwp.aggregates.Release',
    'aggregates.academia.v1-value': 'cwp.aggregates.Release',
    'aggregates.community.v1-value': 'cwp.aggregates.Release',
    'aggregates.media.v1-value': 'cwp.aggregates.Release',
  });
});

test('unknown names are a SchemaError listing what exists', () => {
  assert.throws(() => catalog.resolve('cwp.child.Nope'), (err: unknown) => err instanceof SchemaError && err.code === 'SCHEMA_UNKNOWN_NAME' && err.message.includes('cwp.child.ChildRecord'));
});

function withSchemaDir(files: Record<string, unknown>, run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-avro-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
    }
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rec = (name: string, ns: string, fields: unknown[]) => ({ type: 'record', name, namespace: ns, doc: 'd', fields });

function assertCode(fn: () => unknown, code: string, fragment: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SchemaError, String(err));
    assert.equal(err.code, code);
    assert.ok(err.message.includes(fragment), err.message);
    return true;
  });
}

test('duplicate full names are refused, naming both files', () => {
  withSchemaDir({ 'a/A.avsc': rec('A', 'cwp.a', []), 'b/A.avsc': rec('cwp.a.A', 'cwp.b', []) }, (dir) => {
    assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_DUPLICATE_NAME', 'a/A.avsc');
  });
});

test('unresolvable references are refused at load time, naming the field', () => {
  withSchemaDir({ 'a/A.avsc': rec('A', 'cwp.a', [{ name: 'x', doc: 'd', type: ['null', 'cwp.a.Missing'], default: null }]) }, (dir) => {
    assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_UNRESOLVED_REFERENCE', 'cwp.a.A.x');
  });
});

test('house rules: file name, namespace, pii values, union shapes, subjects', () => {
  withSchemaDir({ 'a/B.avsc': rec('A', 'cwp.a', []) }, (dir) => assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_INVALID', 'A.avsc'));
  withSchemaDir({ 'a/A.avsc': { type: 'record', name: 'A', doc: 'd', fields: [] } }, (dir) => assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_INVALID', 'namespace'));
  withSchemaDir({ 'a/A.avsc': rec('A', 'cwp.a', [{ name: 'x', doc: 'd', type: 'string', pii: 'secret' }]) }, (dir) =>
    assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_INVALID', '"secret"'),
  );
  withSchemaDir({ 'a/A.avsc': rec('A', 'cwp.a', [{ name: 'x', doc: 'd', type: ['null', 'string', 'int'], default: null }]) }, (dir) =>
    assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_INVALID', 'union'),
  );
  withSchemaDir({ 'a/A.avsc': rec('A', 'cwp.a', []), 'subjects.json': { 't-value': 'cwp.a.B' } }, (dir) =>
    assertCode(() => loadSchemaCatalog(dir), 'SUBJECTS_INVALID', 'cwp.a.B'),
  );
  withSchemaDir({ 'a/A.avsc': '{ not json' }, (dir) => assertCode(() => loadSchemaCatalog(dir), 'SCHEMA_READ_FAILED', 'a/A.avsc'));
});

test('a nested definition keeps its full name when inlined into another namespace', () => {
  const inner = { type: 'enum', name: 'Colour', doc: 'd', symbols: ['RED'] };
  withSchemaDir(
    {
      'a/A.avsc': rec('A', 'cwp.a', [{ name: 'c', doc: 'd', type: inner }]),
      'b/B.avsc': rec('B', 'cwp.b', [{ name: 'c', doc: 'd', type: 'cwp.a.Colour' }]),
    },
    (dir) => {
      const local = loadSchemaCatalog(dir);
      const fields = local.resolve('cwp.b.B')['fields'] as readonly JsonObject[];
      assert.deepEqual(fields[0]?.['type'], { ...inner, namespace: 'cwp.a' });
      assert.equal(local.type('cwp.b.B').toBuffer({ c: 'RED' }).length, 1);
    },
  );
});

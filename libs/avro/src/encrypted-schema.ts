// Derives the schema of events.encrypted.v1 from the classified one, so the field tags stay the
// one source of truth (ARCHITECTURE.md, Contracts: Schemas). In every payload record (and in the
// envelope), each field tagged "pii": "direct" | "sensitive" or "freeText": true, except the
// subjectKey, becomes `bytes` (["null", "bytes"] when it was nullable) holding ciphertext of the JSON
// of its value (format version 2 seals a record's fields in one GCM call, @cwp/crypto
// record-envelope.ts; the mark's value "cwp-field-v1" names the field family, not that format
// version); a tagged record or array is encrypted whole. Records that
// hold such fields, and every payload branch, get a derived name in the cwp.encrypted namespace
// (one flat namespace: the catalog's rule is one folder per namespace, schemas/encrypted/ here), so
// they never clash with the raw ones; each names its source in "derivedFrom". The output is one
// named type per file, references by full name, which the encryptor's generate-schemas script
// writes under schemas/encrypted/ for review.
import { SchemaError } from './errors.js';
import type { SchemaCatalog } from './schema-catalog.js';
import type { JsonObject, JsonValue } from './schema-json.js';
import { PRIMITIVE_TYPES, fullNameOf, isJsonObject, isNamedDefinition, namespaceOf, qualify, shortNameOf } from './schema-json.js';

/** Field property marking an encrypted field and naming its envelope format. */
export const ENCRYPTED_FIELD_PROPERTY = 'encrypted';
/** Value of ENCRYPTED_FIELD_PROPERTY: the field envelope format of @cwp/crypto. */
export const ENCRYPTED_FIELD_FORMAT = 'cwp-field-v1';
/** Full name of the encrypted envelope record. */
export const ENCRYPTED_EVENT_NAME = 'cwp.encrypted.EncryptedEvent';
/** Envelope field of events.encrypted.v1 holding the releasable (redacted) form of each free-text field. */
export const REDACTED_TEXT_FIELD = 'redactedText';
/** Record property naming the raw record a derived record was made from. */
export const DERIVED_FROM_PROPERTY = 'derivedFrom';
const ENCRYPTED_NAMESPACE = 'cwp.encrypted';

/** True when a field of a raw schema is encrypted by the encryptor (direct/sensitive/free text, never the subject key). */
export function isEncryptedField(field: JsonObject): boolean {
  if (field['subjectKey'] === true) return false;
  return field['pii'] === 'direct' || field['pii'] === 'sensitive' || field['freeText'] === true;
}

/** cwp.child.ChildRecord → cwp.encrypted.ChildRecord. */
export function encryptedNameOf(rawFullName: string): string {
  return `${ENCRYPTED_NAMESPACE}.${shortNameOf(rawFullName)}`;
}

// A named definition with nested definitions replaced by their full names: the shape of one file.
function shallowType(t: JsonValue, ns: string): JsonValue {
  if (typeof t === 'string') return PRIMITIVE_TYPES.has(t) ? t : qualify(t, ns);
  if (Array.isArray(t)) return (t as readonly JsonValue[]).map((b) => shallowType(b, ns));
  if (!isJsonObject(t)) return t;
  const o: JsonObject = t;
  if (isNamedDefinition(t)) return fullNameOf(o, ns);
  if (o['type'] === 'array') return { ...o, items: shallowType(o['items'] ?? null, ns) };
  if (o['type'] === 'map') return { ...o, values: shallowType(o['values'] ?? null, ns) };
  return o;
}

function shallowRecord(catalog: SchemaCatalog, fullName: string): JsonObject {
  const def = catalog.resolve(fullName);
  const ns = namespaceOf(fullName);
  return { ...def, fields: (def['fields'] as readonly JsonObject[]).map((f) => ({ ...f, type: shallowType(f['type'] ?? null, ns) })) };
}

function referencedNames(t: JsonValue): string[] {
  if (typeof t === 'string') return PRIMITIVE_TYPES.has(t) ? [] : [t];
  if (Array.isArray(t)) return (t as readonly JsonValue[]).flatMap(referencedNames);
  if (isJsonObject(t) && t['type'] === 'array') return referencedNames(t['items'] ?? null);
  if (isJsonObject(t) && t['type'] === 'map') return referencedNames(t['values'] ?? null);
  return [];
}

/** The derived record definitions, in a stable order (envelope first, then by full name). */
export function deriveEncryptedSchemas(catalog: SchemaCatalog, classifiedName = 'cwp.events.ClassifiedEvent'): ReadonlyArray<{ readonly fullName: string; readonly schema: JsonObject }> {
  const needs = new Map<string, boolean>();
  const isRecord = (name: string): boolean => {
    const t = catalog.resolve(name)['type'];
    return t === 'record' || t === 'error';
  };
  function needsDerivation(name: string): boolean {
    const known = needs.get(name);
    if (known !== undefined) return known;
    needs.set(name, false);
    const def = shallowRecord(catalog, name);
    const result = (def['fields'] as readonly JsonObject[]).some((f) => isEncryptedField(f) || referencedNames(f['type'] ?? null).some((n) => isRecord(n) && needsDerivation(n)));
    needs.set(name, result);
    return result;
  }

  const out = new Map<string, JsonObject>();
  const mapType = (t: JsonValue, forced: ReadonlySet<string>): JsonValue => {
    if (typeof t === 'string') {
      if (PRIMITIVE_TYPES.has(t) || !isRecord(t) || !(forced.has(t) || needsDerivation(t))) return t;
      derive(t);
      return encryptedNameOf(t);
    }
    if (Array.isArray(t)) return (t as readonly JsonValue[]).map((b) => mapType(b, forced));
    if (isJsonObject(t) && t['type'] === 'array') return { ...t, items: mapType(t['items'] ?? null, forced) };
    if (isJsonObject(t) && t['type'] === 'map') return { ...t, values: mapType(t['values'] ?? null, forced) };
    return t;
  };
  const mapField = (f: JsonObject, forced: ReadonlySet<string>): JsonObject => {
    if (!isEncryptedField(f)) return { ...f, type: mapType(f['type'] ?? null, forced) };
    const nullable = Array.isArray(f['type']) && (f['type'] as readonly JsonValue[]).includes('null');
    const copy: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(f)) {
      if (k === 'default' && !(nullable && v === null)) continue;
      copy[k] = k === 'type' ? (nullable ? ['null', 'bytes'] : 'bytes') : v;
    }
    copy['doc'] = `${typeof f['doc'] === 'string' ? f['doc'] : ''} Encrypted: a ${ENCRYPTED_FIELD_FORMAT} ciphertext of the JSON value under the subject's DEK${nullable ? ' (null stays null)' : ''}.`.trim();
    copy[ENCRYPTED_FIELD_PROPERTY] = ENCRYPTED_FIELD_FORMAT;
    return copy;
  };
  const sources = new Map<string, string>();
  function derive(rawName: string): void {
    const name = encryptedNameOf(rawName);
    const previous = sources.get(name);
    if (previous !== undefined && previous !== rawName) throw new SchemaError('SCHEMA_DUPLICATE_NAME', `${previous} and ${rawName} would both derive ${name}; rename one of them`);
    if (out.has(name)) return;
    sources.set(name, rawName);
    out.set(name, {});
    const def = shallowRecord(catalog, rawName);
    const fields = (def['fields'] as readonly JsonObject[]).map((f) => mapField(f, new Set()));
    out.set(name, {
      type: 'record', name: shortNameOf(name), namespace: namespaceOf(name), [DERIVED_FROM_PROPERTY]: rawName,
      doc: `Encrypted form of ${rawName} on events.encrypted.v1 (generated from its pii tags; do not edit). ${typeof def['doc'] === 'string' ? def['doc'] : ''}`.trim(),
      fields,
    });
  }

  const envelope = shallowRecord(catalog, classifiedName);
  const fields: JsonObject[] = [];
  for (const f of envelope['fields'] as readonly JsonObject[]) {
    // Every payload branch is derived, so a reader unwraps events.encrypted.v1 by cwp.encrypted.* names only.
    const forced = f['name'] === 'payload' ? new Set(referencedNames(f['type'] ?? null)) : new Set<string>();
    const mapped = mapField(f, forced);
    fields.push(f['name'] === 'payload'
      ? { ...mapped, doc: 'The source record with its direct, sensitive and free-text fields encrypted; a union of the ten derived payload records, decoded wrapped as {"<full record name>": record}.' }
      : mapped);
    if (f['name'] === 'classifiedAt') {
      fields.push({ name: 'encryptedAt', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When the encryptor produced this record, epoch milliseconds (UTC).' });
      fields.push({
        name: REDACTED_TEXT_FIELD, type: { type: 'map', values: 'string' }, default: {},
        doc: 'Releasable form of every free-text string field of the payload, by its dot path (e.g. payload.ChildRecord.caseNotes): the classifier\'s PII spans replaced by type placeholders ([NAME], [NIK], [PHONE], [EMAIL], [ADDRESS], [DATE_OF_BIRTH], [MEDICAL_TERM]) and every word outside the vetted lexicon by [REDACTED], numbers longer than two digits by [NUMBER] (@cwp/pii releaseText). Names no one; the original stays encrypted in its field. What the pseudonymizer may publish of free text.',
      });
    }
  }
  const root: JsonObject = {
    type: 'record', name: shortNameOf(ENCRYPTED_EVENT_NAME), namespace: namespaceOf(ENCRYPTED_EVENT_NAME), [DERIVED_FROM_PROPERTY]: classifiedName,
    doc: 'Envelope of every record on events.encrypted.v1, the system of record: the classified event with every direct, sensitive and free-text field replaced by ciphertext under the subject\'s DEK (AES-256-GCM). Format version 2: one GCM call seals all of a record\'s protected fields, the first holding the head (key id and version, nonce, tag) and its slice, the others their slice; the AAD binds the registry schema id of this record, the event id and every field path with its length, so a record is opened with the plan of the schema it was written with. Format version 1 (one envelope per field; AAD: event id, field path, schema id) still decrypts. subjectId stays clear for the pseudonymizer; quasi and untagged fields stay clear. Generated from the pii tags; do not edit.',
    fields,
  };
  return [{ fullName: ENCRYPTED_EVENT_NAME, schema: root }, ...[...out].sort(([a], [b]) => a.localeCompare(b)).map(([fullName, schema]) => ({ fullName, schema }))];
}

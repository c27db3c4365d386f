// Index of every named type across schema sources, with the house rules checked on the way.
import { SchemaError } from './errors.js';
import type { JsonObject, JsonValue } from './schema-json.js';
import { PRIMITIVE_TYPES, fullNameOf, isJsonObject, isNamedDefinition, namespaceOf } from './schema-json.js';

/** Sensitivity levels a field may declare with its "pii" property. */
export const PII_LEVELS = ['direct', 'quasi', 'sensitive'] as const;

/** One of PII_LEVELS. */
export type PiiLevel = (typeof PII_LEVELS)[number];

/** One schema document and where it came from (a file path, or any label for in-memory schemas). */
export interface SchemaSource {
  readonly origin: string;
  readonly schema: JsonValue;
}

/** A named type definition as written, with its full name and origin. */
export interface NamedDefinition {
  readonly fullName: string;
  readonly definition: JsonObject;
  readonly origin: string;
}

/** Indexes every named type (top-level and nested) by full name; throws SchemaError on duplicates or rule breaches. */
export function indexDefinitions(sources: readonly SchemaSource[]): ReadonlyMap<string, NamedDefinition> {
  const index = new Map<string, NamedDefinition>();
  for (const source of sources) {
    if (!isNamedDefinition(source.schema)) {
      throw new SchemaError('SCHEMA_INVALID', `${source.origin}: the top level must be a record, enum or fixed definition.`);
    }
    visit(source.schema, '', source.origin, source.origin, index);
  }
  return index;
}

function visit(node: JsonValue, namespace: string, where: string, origin: string, index: Map<string, NamedDefinition>): void {
  if (typeof node === 'string' || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    checkUnion(node as readonly JsonValue[], where);
    for (const branch of node as readonly JsonValue[]) visit(branch, namespace, where, origin, index);
    return;
  }
  const object = node as JsonObject;
  if (isNamedDefinition(object)) {
    const fullName = fullNameOf(object, namespace);
    const existing = index.get(fullName);
    if (existing) {
      throw new SchemaError(
        'SCHEMA_DUPLICATE_NAME',
        `${fullName} is defined twice (${existing.origin} and ${origin}); keep one definition and reference it by its full name.`,
      );
    }
    index.set(fullName, { fullName, definition: object, origin });
    if (object['type'] === 'record' || object['type'] === 'error') visitFields(object, fullName, origin, index);
    return;
  }
  const type = object['type'];
  if (type === 'array') visit(object['items'] ?? null, namespace, `${where}[]`, origin, index);
  else if (type === 'map') visit(object['values'] ?? null, namespace, `${where}{}`, origin, index);
  else if (typeof type !== 'string' || !PRIMITIVE_TYPES.has(type)) {
    throw new SchemaError('SCHEMA_INVALID', `${where}: ${JSON.stringify(object)} is not a valid type; use a primitive, array, map, union or a named definition.`);
  }
}

function visitFields(record: JsonObject, fullName: string, origin: string, index: Map<string, NamedDefinition>): void {
  const fields = record['fields'];
  if (!Array.isArray(fields)) throw new SchemaError('SCHEMA_INVALID', `${fullName}: a record needs a "fields" array.`);
  for (const field of fields as readonly JsonValue[]) {
    if (!isJsonObject(field) || typeof field['name'] !== 'string' || field['type'] === undefined) {
      throw new SchemaError('SCHEMA_INVALID', `${fullName}: every field needs a string "name" and a "type".`);
    }
    const where = `${fullName}.${field['name']}`;
    const pii = field['pii'];
    if (pii !== undefined && !(PII_LEVELS as readonly JsonValue[]).includes(pii)) {
      throw new SchemaError('SCHEMA_INVALID', `${where}: "pii" is ${JSON.stringify(pii)}; use one of ${PII_LEVELS.join(', ')}.`);
    }
    const subjectKey = field['subjectKey'];
    if (subjectKey !== undefined && subjectKey !== true) {
      throw new SchemaError('SCHEMA_INVALID', `${where}: "subjectKey" may only be true; remove it otherwise.`);
    }
    const freeText = field['freeText'];
    if (freeText !== undefined && (freeText !== true || field['pii'] !== 'sensitive')) {
      throw new SchemaError('SCHEMA_INVALID', `${where}: "freeText" may only be true, on a field tagged "pii": "sensitive" (free text may mention anything).`);
    }
    visit(field['type'], namespaceOf(fullName), where, origin, index);
  }
}

// avsc decodes ["null", T] unwrapped and ambiguous unions (several records) wrapped as {"<full name>": value}.
// Any other mix would decode one way or the other depending on its branches, so it is refused here
// to keep the TypeScript types and field-tag value paths exact. (resolveSchema checks that references
// in such unions name records.)
function checkUnion(branches: readonly JsonValue[], where: string): void {
  const nonNull = branches.filter((b) => b !== 'null');
  if (nonNull.length <= 1) return;
  for (const branch of nonNull) {
    const isRecordRef = typeof branch === 'string' && !PRIMITIVE_TYPES.has(branch);
    const isRecordDef = isJsonObject(branch) && (branch['type'] === 'record' || branch['type'] === 'error');
    if (!isRecordRef && !isRecordDef) {
      throw new SchemaError(
        'SCHEMA_INVALID',
        `${where}: union ${JSON.stringify(branches)} mixes ${JSON.stringify(branch)} with other branches; only ["null", T] or unions of records are allowed.`,
      );
    }
  }
}

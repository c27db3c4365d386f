// zod validators generated from resolved Avro schemas (Avro 1.11 specification, "Schema
// Declaration", "Logical Types"), so JSON accepted at the edge is exactly what the Avro type can
// encode: the .avsc files stay the one source of truth. The output of a generated validator is the
// value avsc encodes with AVRO_OPTIONS (timestamps as epoch-millisecond numbers, nullable fields
// filled with null, multi-record unions wrapped as {"<full name>": record}).
import { z } from 'zod';
import { SchemaError } from './errors.js';
import type { JsonObject, JsonValue } from './schema-json.js';
import { PRIMITIVE_TYPES, fullNameOf, isJsonObject, isNamedDefinition, namespaceOf, qualify, text } from './schema-json.js';

/** A generated validator; its output is an avsc-encodable value. */
export type AvroZodType = z.ZodType<unknown, unknown>;

/** A generated record validator (a strict zod object whose shape can be picked, omitted or extended). */
export type AvroZodObject = z.ZodObject<Record<string, AvroZodType>, z.core.$strict>;

/** Error message of a timestamp-millis value that is neither an ISO-8601 date-time nor an integer. */
const TIMESTAMP_MESSAGE = 'expected an ISO-8601 date-time with a UTC offset (e.g. 2025-01-06T08:00:00+07:00) or epoch milliseconds';

/** timestamp-millis: an ISO-8601 date-time with offset, or integer epoch milliseconds; output epoch milliseconds. */
export function timestampMillis(): z.ZodType<number, unknown> {
  return z
    .union([z.int(), z.iso.datetime({ offset: true })], { error: TIMESTAMP_MESSAGE })
    .transform((v) => (typeof v === 'number' ? v : Date.parse(v)));
}

/**
 * Validator of a resolved (self-contained) schema, as catalog.resolve() returns it. Records become
 * strict objects (unknown keys refused), ["null", T] nullable defaulting to null, fields with an Avro
 * default optional with that default, enums z.enum of their symbols, arrays and maps their zod
 * counterparts, int 32-bit and long safe integers, `uuid` strings RFC 9562 UUIDs, bytes and fixed
 * base64 strings decoded to Buffers. Throws SchemaError on a type it cannot express.
 */
export function avroToZod(resolved: JsonValue): AvroZodType {
  return createConverter(resolved).convert(resolved, '');
}

/** Like avroToZod for a record schema, typed as a zod object so callers can reshape it. Throws SchemaError for non-records. */
export function avroRecordToZod(resolved: JsonObject): AvroZodObject {
  if (resolved['type'] !== 'record' && resolved['type'] !== 'error') {
    throw new SchemaError('SCHEMA_INVALID', `avroRecordToZod needs a record schema, got ${text(resolved['type'])}.`);
  }
  const converter = createConverter(resolved);
  const fullName = fullNameOf(resolved, '');
  return converter.record(resolved, fullName);
}

interface Converter {
  convert(node: JsonValue, namespace: string): AvroZodType;
  record(definition: JsonObject, fullName: string): AvroZodObject;
}

function createConverter(root: JsonValue): Converter {
  const definitions = new Map<string, JsonObject>();
  collectDefinitions(root, '', definitions);
  const built = new Map<string, AvroZodType>();
  const building = new Set<string>();

  function named(fullName: string): AvroZodType {
    const done = built.get(fullName);
    if (done) return done;
    // A record that (indirectly) contains itself: resolve the reference once it is built.
    if (building.has(fullName)) return z.lazy(() => built.get(fullName)!);
    const def = definitions.get(fullName);
    if (!def) throw new SchemaError('SCHEMA_UNRESOLVED_REFERENCE', `avroToZod: ${fullName} is referenced but not defined in the schema; pass a resolved schema.`);
    building.add(fullName);
    let type: AvroZodType;
    if (def['type'] === 'record' || def['type'] === 'error') type = record(def, fullName);
    else if (def['type'] === 'enum') type = enumType(def, fullName);
    else type = fixedType(def, fullName);
    building.delete(fullName);
    built.set(fullName, type);
    return type;
  }

  function reference(name: string, namespace: string): string {
    const q = qualify(name, namespace);
    return definitions.has(q) ? q : name;
  }

  function record(def: JsonObject, fullName: string): AvroZodObject {
    const shape: Record<string, AvroZodType> = {};
    const fields = def['fields'];
    if (!Array.isArray(fields)) throw new SchemaError('SCHEMA_INVALID', `${fullName}: a record needs a "fields" array.`);
    for (const field of fields as readonly JsonValue[]) {
      if (!isJsonObject(field) || typeof field['name'] !== 'string') throw new SchemaError('SCHEMA_INVALID', `${fullName}: every field needs a string "name".`);
      let type = convert(field['type'] ?? null, namespaceOf(fullName));
      const nullable = isNullableUnion(field['type']);
      if (field['default'] !== undefined) {
        const fallback = field['default'];
        type = type.default(() => structuredClone(fallback) as never);
      } else if (nullable) {
        type = type.default(null as never);
      }
      if (typeof field['doc'] === 'string') type = type.describe(field['doc']);
      shape[field['name']] = type;
    }
    const object = z.strictObject(shape);
    return typeof def['doc'] === 'string' ? object.describe(def['doc']) : object;
  }

  function convert(node: JsonValue, namespace: string): AvroZodType {
    if (typeof node === 'string') return PRIMITIVE_TYPES.has(node) ? primitive(node, undefined) : named(reference(node, namespace));
    if (Array.isArray(node)) return union(node as readonly JsonValue[], namespace);
    if (!isJsonObject(node)) throw new SchemaError('SCHEMA_INVALID', `avroToZod: ${text(node)} is not an Avro type.`);
    if (isNamedDefinition(node)) return named(fullNameOf(node, namespace));
    const type = node['type'];
    if (type === 'array') return z.array(convert(node['items'] ?? null, namespace));
    if (type === 'map') return z.record(z.string(), convert(node['values'] ?? null, namespace));
    if (typeof type === 'string' && PRIMITIVE_TYPES.has(type)) return primitive(type, typeof node['logicalType'] === 'string' ? node['logicalType'] : undefined);
    throw new SchemaError('SCHEMA_INVALID', `avroToZod: ${text(node)} is not an Avro type.`);
  }

  function union(branches: readonly JsonValue[], namespace: string): AvroZodType {
    const nonNull = branches.filter((b) => b !== 'null');
    const hasNull = nonNull.length < branches.length;
    if (nonNull.length === 0) return z.null();
    if (nonNull.length === 1) {
      const inner = convert(nonNull[0] ?? null, namespace);
      return hasNull ? inner.nullable() : inner;
    }
    // Several records: avsc (wrapUnions 'auto') takes them wrapped as {"<full record name>": record}.
    const options = nonNull.map((branch) => {
      const fullName = typeof branch === 'string' ? reference(branch, namespace) : isJsonObject(branch) && isNamedDefinition(branch) ? fullNameOf(branch, namespace) : undefined;
      if (!fullName) throw new SchemaError('SCHEMA_INVALID', `avroToZod: union ${text(branches)} may only mix null with named records.`);
      return z.strictObject({ [fullName]: convert(branch, namespace) });
    });
    const wrapped = z.union(options as unknown as [AvroZodType, AvroZodType, ...AvroZodType[]]);
    return hasNull ? wrapped.nullable() : wrapped;
  }

  return { convert, record };
}

function primitive(type: string, logicalType: string | undefined): AvroZodType {
  switch (type) {
    case 'null':
      return z.null();
    case 'boolean':
      return z.boolean();
    case 'int':
      return z.int32();
    case 'long':
      return logicalType === 'timestamp-millis' ? timestampMillis() : z.int();
    case 'float':
    case 'double':
      return z.number();
    case 'string':
      return logicalType === 'uuid' ? z.uuid() : z.string();
    case 'bytes':
      return base64Bytes(undefined);
    default:
      throw new SchemaError('SCHEMA_INVALID', `avroToZod: unknown primitive ${type}.`);
  }
}

function enumType(def: JsonObject, fullName: string): AvroZodType {
  const symbols = def['symbols'];
  if (!Array.isArray(symbols) || symbols.length === 0 || !symbols.every((s) => typeof s === 'string')) {
    throw new SchemaError('SCHEMA_INVALID', `${fullName}: an enum needs a non-empty "symbols" array of strings.`);
  }
  const values = z.enum(symbols as [string, ...string[]]);
  return typeof def['doc'] === 'string' ? values.describe(def['doc']) : values;
}

function fixedType(def: JsonObject, fullName: string): AvroZodType {
  const size = def['size'];
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new SchemaError('SCHEMA_INVALID', `${fullName}: a fixed type needs an integer "size".`);
  return base64Bytes(size);
}

// JSON has no bytes: accept base64 (standard or url-safe) and hand avsc a Buffer.
function base64Bytes(size: number | undefined): AvroZodType {
  return z
    .string()
    .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64')
    .transform((s) => Buffer.from(s, 'base64'))
    .refine((b) => size === undefined || b.length === size, size === undefined ? 'expected base64' : `expected base64 of exactly ${size} bytes`);
}

function isNullableUnion(type: JsonValue | undefined): boolean {
  return Array.isArray(type) && (type as readonly JsonValue[]).includes('null');
}

function collectDefinitions(node: JsonValue, namespace: string, out: Map<string, JsonObject>): void {
  if (Array.isArray(node)) {
    for (const branch of node as readonly JsonValue[]) collectDefinitions(branch, namespace, out);
    return;
  }
  if (!isJsonObject(node)) return;
  if (isNamedDefinition(node)) {
    const fullName = fullNameOf(node, namespace);
    if (!out.has(fullName)) out.set(fullName, node);
    const fields = node['fields'];
    if (Array.isArray(fields)) {
      for (const field of fields as readonly JsonValue[]) if (isJsonObject(field)) collectDefinitions(field['type'] ?? null, namespaceOf(fullName), out);
    }
    return;
  }
  if (node['type'] === 'array') collectDefinitions(node['items'] ?? null, namespace, out);
  else if (node['type'] === 'map') collectDefinitions(node['values'] ?? null, namespace, out);
}

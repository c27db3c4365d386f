// Plain-JSON view of Avro schemas (Avro 1.11 specification, "Schema Declaration" and "Names").
import { SchemaError } from './errors.js';

/** Any JSON value, as found in an .avsc file. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A JSON object, as found in an .avsc file. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** The eight Avro primitive type names. */
export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Avro types that carry a name and can be referenced by it. */
export const NAMED_KINDS: ReadonlySet<string> = new Set(['record', 'error', 'enum', 'fixed']);

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a record, error, enum or fixed definition. */
export function isNamedDefinition(value: JsonValue | undefined): value is JsonObject {
  return isJsonObject(value) && typeof value['type'] === 'string' && NAMED_KINDS.has(value['type']);
}

/** A schema value as text for names and messages: strings as they are, anything else as JSON. */
export function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
}

/** Full name of a definition per the spec: a dotted name wins, else its namespace attribute, else the enclosing one. */
export function fullNameOf(definition: JsonObject, enclosingNamespace: string): string {
  const name = definition['name'];
  if (typeof name !== 'string' || name === '') {
    throw new SchemaError('SCHEMA_INVALID', `A ${text(definition['type'])} definition has no name; give every named type a "name".`);
  }
  if (name.includes('.')) return name;
  const ns = typeof definition['namespace'] === 'string' ? definition['namespace'] : enclosingNamespace;
  return ns === '' ? name : `${ns}.${name}`;
}

/** Namespace part of a full name ('' for the null namespace). */
export function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

/** Short (unqualified) part of a full name. */
export function shortNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** Full name a type reference denotes inside `namespace` (dotted references are already full). */
export function qualify(reference: string, namespace: string): string {
  return reference.includes('.') || namespace === '' ? reference : `${namespace}.${reference}`;
}

/** Deep-freezes a JSON value in place and returns it. */
export function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// Equality of two schema documents up to where namespaces are written. Registries re-serialise a
// schema (Apicurio drops a namespace equal to the enclosing one), so text equality is too strict,
// while Avro's Parsing Canonical Form is too loose: it drops doc, default and our pii tags.
import type { JsonObject, JsonValue } from './schema-json.js';
import { isJsonObject } from './schema-json.js';

const PRIMITIVES: ReadonlySet<string> = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Rewrites every named definition and reference with its full name and no `namespace` key (Avro 1.11 spec, "Names"). */
export function qualifyNames(schema: JsonValue, enclosing = ''): JsonValue {
  if (isArray(schema)) return schema.map((s) => qualifyNames(s, enclosing));
  // A reference to a named type, relative to the enclosing namespace unless it has a dot.
  if (typeof schema === 'string') return PRIMITIVES.has(schema) || schema.includes('.') || enclosing === '' ? schema : `${enclosing}.${schema}`;
  if (!isJsonObject(schema)) return schema;
  const rawName = schema['name'];
  const kind = schema['type'];
  const named = typeof rawName === 'string' && typeof kind === 'string' && ['record', 'error', 'enum', 'fixed'].includes(kind);
  let ns = enclosing;
  const out: Record<string, JsonValue> = {};
  if (named) {
    const name = rawName;
    const declared = typeof schema['namespace'] === 'string' ? schema['namespace'] : enclosing;
    const full = name.includes('.') ? name : declared ? `${declared}.${name}` : name;
    ns = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
    out['name'] = full;
  }
  for (const [k, v] of Object.entries(schema)) {
    if (named && (k === 'name' || k === 'namespace')) continue;
    if (k === 'fields' && isArray(v)) {
      out[k] = v.map((f: JsonValue) => (isJsonObject(f) ? { ...f, type: qualifyNames(f['type'] ?? null, ns) } : f));
    } else if (k === 'type' || k === 'items' || k === 'values') {
      out[k] = qualifyNames(v, ns);
    } else {
      out[k] = v;
    }
  }
  return out;
}

/** True when both documents define the same schema, docs, defaults and custom properties included. */
export function sameSchema(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(sortKeys(qualifyNames(a))) === JSON.stringify(sortKeys(qualifyNames(b)));
}

function sortKeys(v: JsonValue): JsonValue {
  if (isArray(v)) return v.map(sortKeys);
  if (!isJsonObject(v)) return v;
  const obj: JsonObject = v;
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, sortKeys(obj[k] ?? null)]));
}

function isArray(v: JsonValue | undefined): v is readonly JsonValue[] {
  return Array.isArray(v);
}

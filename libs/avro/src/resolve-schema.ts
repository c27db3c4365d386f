// Inlines named types so one schema document stands alone, as a schema registry expects
// (Avro 1.11 specification, "Names": a name must be defined before it is used, once per document).
import { SchemaError } from './errors.js';
import type { NamedDefinition } from './named-index.js';
import type { JsonObject, JsonValue } from './schema-json.js';
import { PRIMITIVE_TYPES, fullNameOf, isJsonObject, isNamedDefinition, namespaceOf, text } from './schema-json.js';

/**
 * Self-contained schema of `fullName`: each referenced named type is inlined at its first occurrence
 * (depth-first, document order) and referenced by full name afterwards. Every other property
 * (doc, pii, subjectKey, default, logicalType…) is copied unchanged. Throws SchemaError on unknown names.
 */
export function resolveSchema(fullName: string, index: ReadonlyMap<string, NamedDefinition>): JsonObject {
  const root = index.get(fullName);
  if (!root) throw unknownName(fullName, index);
  const emitted = new Set<string>();
  return inline(root, '', emitted, index, fullName) as JsonObject;
}

function unknownName(fullName: string, index: ReadonlyMap<string, NamedDefinition>): SchemaError {
  return new SchemaError('SCHEMA_UNKNOWN_NAME', `No schema named ${fullName}; known names: ${[...index.keys()].sort().join(', ')}.`);
}

function inline(entry: NamedDefinition, contextNamespace: string, emitted: Set<string>, index: ReadonlyMap<string, NamedDefinition>, where: string): JsonValue {
  emitted.add(entry.fullName);
  const def = entry.definition;
  // A nested definition that inherited its namespace must say it explicitly once moved elsewhere.
  const needsNamespace =
    typeof def['name'] === 'string' && !def['name'].includes('.') && def['namespace'] === undefined && namespaceOf(entry.fullName) !== contextNamespace;
  const copy = walkDefinition(def, namespaceOf(entry.fullName), emitted, index, where);
  return needsNamespace ? { ...copy, namespace: namespaceOf(entry.fullName) } : copy;
}

function walkDefinition(def: JsonObject, namespace: string, emitted: Set<string>, index: ReadonlyMap<string, NamedDefinition>, where: string): JsonObject {
  if (def['type'] !== 'record' && def['type'] !== 'error') return structuredClone(def);
  const fields = (def['fields'] as readonly JsonObject[]).map((field) => ({
    ...structuredClone(field),
    type: walk(field['type'] ?? null, namespace, emitted, index, `${where}.${text(field['name'])}`),
  }));
  return { ...structuredClone(def), fields };
}

function walk(node: JsonValue, namespace: string, emitted: Set<string>, index: ReadonlyMap<string, NamedDefinition>, where: string): JsonValue {
  if (typeof node === 'string') {
    if (PRIMITIVE_TYPES.has(node)) return node;
    const fullName = node.includes('.') ? node : namespace === '' ? node : `${namespace}.${node}`;
    const entry = index.get(fullName) ?? (node.includes('.') ? undefined : index.get(node));
    if (!entry) {
      throw new SchemaError(
        'SCHEMA_UNRESOLVED_REFERENCE',
        `${where} references ${node}, which no schema defines; add schemas/<domain>/<Name>.avsc or fix the name (use full names across files).`,
      );
    }
    return emitted.has(entry.fullName) ? entry.fullName : inline(entry, namespace, emitted, index, where);
  }
  if (Array.isArray(node)) {
    const branches = node as readonly JsonValue[];
    const resolved = branches.map((b) => walk(b, namespace, emitted, index, where));
    if (branches.filter((b) => b !== 'null').length > 1) {
      for (const [i, b] of branches.entries()) {
        if (typeof b === 'string' && b !== 'null' && !isRecordNamed(resolved[i], index)) {
          throw new SchemaError('SCHEMA_INVALID', `${where}: union branch ${b} is not a record; unions of several branches may only hold records.`);
        }
      }
    }
    return resolved;
  }
  if (!isJsonObject(node)) return node;
  if (isNamedDefinition(node)) {
    const fullName = fullNameOf(node, namespace);
    if (emitted.has(fullName)) return fullName;
    emitted.add(fullName);
    return walkDefinition(node, namespaceOf(fullName), emitted, index, where);
  }
  const copy: JsonObject = structuredClone(node);
  if (node['type'] === 'array') return { ...copy, items: walk(node['items'] ?? null, namespace, emitted, index, `${where}[]`) };
  if (node['type'] === 'map') return { ...copy, values: walk(node['values'] ?? null, namespace, emitted, index, `${where}{}`) };
  return copy;
}

function isRecordNamed(resolved: JsonValue | undefined, index: ReadonlyMap<string, NamedDefinition>): boolean {
  if (typeof resolved === 'string') {
    const type = index.get(resolved)?.definition['type'];
    return type === 'record' || type === 'error';
  }
  return isJsonObject(resolved) && (resolved['type'] === 'record' || resolved['type'] === 'error');
}

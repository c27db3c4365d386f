// Flattens the "pii" / "subjectKey" / "freeText" field properties of a resolved schema: the one list the
// classifier, encryptor and pseudonymizer read to decide how each field is handled.
import type { PiiLevel } from './named-index.js';
import type { JsonObject, JsonValue } from './schema-json.js';
import { fullNameOf, isJsonObject, text, isNamedDefinition, namespaceOf, shortNameOf } from './schema-json.js';

/** Where a tagged field sits and how sensitive it is. */
export interface FieldTag {
  /** Dot path of field names; branches of multi-record unions appear as their short record name (payload.ChildRecord.fullName); arrays and nullable unions are transparent. */
  readonly path: string;
  /** Keys to walk in an avsc-decoded value: wrapped union branches by full name, '[]' for each array element, '*' for each map value. */
  readonly valuePath: readonly string[];
  /** Declared sensitivity. */
  readonly pii: PiiLevel;
  /** Present (true) only on the field that holds the data subject's id, which is pseudonymised rather than encrypted. */
  readonly subjectKey?: true;
  /** Present (true) on free-text fields (string or array of strings) that the classifier scans for PII. */
  readonly freeText?: true;
}

/** Every tagged field of a resolved (self-contained) schema, in document order. */
export function collectFieldTags(resolved: JsonObject): readonly FieldTag[] {
  const tags: FieldTag[] = [];
  const definitions = new Map<string, JsonObject>();
  walk(resolved, '', [], [], definitions, new Set(), tags);
  return tags;
}

function walk(
  node: JsonValue,
  namespace: string,
  path: readonly string[],
  valuePath: readonly string[],
  definitions: Map<string, JsonObject>,
  active: Set<string>,
  tags: FieldTag[],
): void {
  if (typeof node === 'string') {
    const def = definitions.get(node) ?? definitions.get(namespace === '' ? node : `${namespace}.${node}`);
    if (def) walk(def, namespace, path, valuePath, definitions, active, tags);
    return;
  }
  if (Array.isArray(node)) {
    const branches = (node as readonly JsonValue[]).filter((b) => b !== 'null');
    if (branches.length === 1) {
      walk(branches[0] ?? null, namespace, path, valuePath, definitions, active, tags);
      return;
    }
    // Several record branches: avsc wraps the value as {"<full name>": record}.
    for (const branch of branches) {
      const fullName = typeof branch === 'string' ? qualifiedRef(branch, namespace, definitions) : isJsonObject(branch) ? fullNameOf(branch, namespace) : text(branch);
      walk(branch, namespace, [...path, shortNameOf(fullName)], [...valuePath, fullName], definitions, active, tags);
    }
    return;
  }
  if (!isJsonObject(node)) return;
  if (isNamedDefinition(node)) {
    const fullName = fullNameOf(node, namespace);
    if (!definitions.has(fullName)) definitions.set(fullName, node);
    if ((node['type'] !== 'record' && node['type'] !== 'error') || active.has(fullName)) return;
    active.add(fullName);
    for (const field of node['fields'] as readonly JsonObject[]) {
      const name = text(field['name']);
      const fieldPath = [...path, name];
      const fieldValuePath = [...valuePath, name];
      const pii = field['pii'];
      if (pii === 'direct' || pii === 'quasi' || pii === 'sensitive') {
        tags.push({
          path: fieldPath.join('.'),
          valuePath: fieldValuePath,
          pii,
          ...(field['subjectKey'] === true ? { subjectKey: true as const } : {}),
          ...(field['freeText'] === true ? { freeText: true as const } : {}),
        });
      }
      walk(field['type'] ?? null, namespaceOf(fullName), fieldPath, fieldValuePath, definitions, active, tags);
    }
    active.delete(fullName);
    return;
  }
  if (node['type'] === 'array') walk(node['items'] ?? null, namespace, path, [...valuePath, '[]'], definitions, active, tags);
  else if (node['type'] === 'map') walk(node['values'] ?? null, namespace, path, [...valuePath, '*'], definitions, active, tags);
}

function qualifiedRef(ref: string, namespace: string, definitions: ReadonlyMap<string, JsonObject>): string {
  if (ref.includes('.') || definitions.has(ref)) return ref;
  return namespace === '' ? ref : `${namespace}.${ref}`;
}

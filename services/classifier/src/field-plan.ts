// The fields of the raw event schema, planned once at start-up: every leaf field (tagged or not)
// with the keys to walk to it in a decoded value, its pii tag and whether it is free text. The
// per-record work is then a walk over a fixed list, with no schema interpretation on the hot path.
import type { JsonObject, JsonValue, PiiLevel } from '@cwp/avro';

/** One leaf field of the schema. */
export interface FieldSlot {
  /** Dot path, union branches by short record name, arrays transparent: payload.ChildRecord.medical.conditions. */
  readonly path: string;
  /** Keys to walk in a decoded value; '[]' walks every array element. */
  readonly valuePath: readonly string[];
  readonly pii: PiiLevel | null;
  readonly freeText: boolean;
}

/** Envelope fields, and the fields of each payload branch by the branch's full record name. */
export interface FieldPlan {
  readonly envelope: readonly FieldSlot[];
  readonly branches: ReadonlyMap<string, readonly FieldSlot[]>;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function isObj(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nameOf(def: JsonObject): string {
  const name = def['name'];
  if (typeof name !== 'string') throw new Error(`a schema definition has no string name: ${JSON.stringify(def).slice(0, 80)}`);
  return name;
}

function fullName(def: JsonObject, ns: string): string {
  const name = nameOf(def);
  if (name.includes('.')) return name;
  const space = typeof def['namespace'] === 'string' ? def['namespace'] : ns;
  return space ? `${space}.${name}` : name;
}

/** Plans the fields of a self-contained schema whose record has one multi-record union field `unionField`. */
export function planFields(resolved: JsonObject, unionField = 'payload'): FieldPlan {
  const defs = new Map<string, JsonObject>();
  const envelope: FieldSlot[] = [];
  const branches = new Map<string, FieldSlot[]>();
  const rootNs = fullName(resolved, '').split('.').slice(0, -1).join('.');

  function resolveType(t: JsonValue | undefined, ns: string): JsonValue | undefined {
    if (typeof t === 'string' && !PRIMITIVES.has(t)) return defs.get(t.includes('.') ? t : `${ns}.${t}`) ?? defs.get(t);
    return t;
  }

  // Walks a field's type; leaves push a slot; records recurse; arrays of records recurse transparently.
  function walkType(t: JsonValue | undefined, ns: string, path: string[], valuePath: string[], field: JsonObject, out: FieldSlot[]): void {
    let type = resolveType(t, ns);
    if (Array.isArray(type)) {
      const nonNull = (type as readonly JsonValue[]).filter((b) => b !== 'null');
      if (nonNull.length !== 1) throw new Error(`field ${path.join('.')}: only ["null", T] unions are supported below the payload union`);
      type = resolveType(nonNull[0], ns);
    }
    if (isObj(type) && (type['type'] === 'record' || type['type'] === 'error')) {
      const name = fullName(type, ns);
      defs.set(name, type);
      walkRecord(type, name.split('.').slice(0, -1).join('.'), path, valuePath, out);
      return;
    }
    if (isObj(type) && type['type'] === 'array') {
      const items = resolveType(type['items'], ns);
      if (isObj(items) && items['type'] === 'record') {
        walkType(items, ns, path, [...valuePath, '[]'], field, out);
        return;
      }
      if (isObj(items) && typeof items['name'] === 'string') defs.set(fullName(items, ns), items);
    }
    if (isObj(type) && typeof type['name'] === 'string') defs.set(fullName(type, ns), type);
    const pii = field['pii'];
    out.push({ path: path.join('.'), valuePath, pii: pii === 'direct' || pii === 'quasi' || pii === 'sensitive' ? pii : null, freeText: field['freeText'] === true });
  }

  function walkRecord(def: JsonObject, ns: string, path: string[], valuePath: string[], out: FieldSlot[]): void {
    for (const f of def['fields'] as readonly JsonObject[]) {
      const name = nameOf(f);
      walkType(f['type'], ns, [...path, name], [...valuePath, name], f, out);
    }
  }

  defs.set(fullName(resolved, ''), resolved);
  for (const f of resolved['fields'] as readonly JsonObject[]) {
    const name = nameOf(f);
    if (name !== unionField) {
      walkType(f['type'], rootNs, [name], [name], f, envelope);
      continue;
    }
    for (const branch of f['type'] as readonly JsonValue[]) {
      const def = resolveType(branch, rootNs);
      if (!isObj(def)) throw new Error(`payload branch ${JSON.stringify(branch)} is not a record`);
      const branchName = fullName(def, rootNs);
      defs.set(branchName, def);
      const slots: FieldSlot[] = [];
      walkRecord(def, branchName.split('.').slice(0, -1).join('.'), [name, branchName.split('.').pop() ?? branchName], [name, branchName], slots);
      branches.set(branchName, slots);
    }
  }
  return { envelope, branches };
}

/** Every value at `valuePath` in `value` (arrays fan out), with the array indexes met on the way. */
export function valuesAt(value: unknown, valuePath: readonly string[]): Array<{ value: unknown; indexes: number[] }> {
  let current: Array<{ value: unknown; indexes: number[] }> = [{ value, indexes: [] }];
  for (const key of valuePath) {
    const next: Array<{ value: unknown; indexes: number[] }> = [];
    for (const c of current) {
      if (c.value === null || c.value === undefined) continue;
      if (key === '[]') {
        if (Array.isArray(c.value)) c.value.forEach((v: unknown, i) => next.push({ value: v, indexes: [...c.indexes, i] }));
      } else {
        next.push({ value: (c.value as Record<string, unknown>)[key], indexes: c.indexes });
      }
    }
    current = next;
  }
  return current.filter((c) => c.value !== null && c.value !== undefined && !(Array.isArray(c.value) && c.value.length === 0));
}

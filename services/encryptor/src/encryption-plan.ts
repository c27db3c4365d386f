// Which values the encryptor encrypts, planned once at start-up from the resolved schema of
// events.encrypted.v1 (itself derived from the raw pii tags, see @cwp/avro encrypted-schema.ts):
// a field marked "encrypted" is sealed; a field whose record type holds such fields is walked
// (arrays element by element). The per-record work is then a walk over this fixed plan.
import type { JsonObject, JsonValue } from '@cwp/avro';
import { DERIVED_FROM_PROPERTY, ENCRYPTED_FIELD_FORMAT, ENCRYPTED_FIELD_PROPERTY } from '@cwp/avro';
import { ValidationError } from '@cwp/errors';

/** What to do inside one record. */
export interface RecordPlan {
  /** Fields whose value is replaced by a ciphertext (null stays null). */
  readonly encrypt: readonly string[];
  /** Those of `encrypt` that are free text ("freeText": true): a string one also gets a releasable form. */
  readonly freeText: ReadonlySet<string>;
  /** Fields holding records (or arrays of records) with encrypted fields inside. */
  readonly nested: readonly { readonly name: string; readonly array: boolean; readonly plan: RecordPlan }[];
}

/** A payload branch: its raw and encrypted full names, its short name in field paths, its plan. */
export interface BranchPlan {
  readonly rawName: string;
  readonly encryptedName: string;
  readonly shortName: string;
  readonly plan: RecordPlan;
}

/** The envelope's plan and the payload branches, by raw and by encrypted full name. */
export interface EncryptionPlan {
  readonly envelope: RecordPlan;
  readonly byRawName: ReadonlyMap<string, BranchPlan>;
  readonly byEncryptedName: ReadonlyMap<string, BranchPlan>;
}

const isObj = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function fullName(def: JsonObject, ns: string): string {
  const name = typeof def['name'] === 'string' ? def['name'] : '';
  if (name.includes('.')) return name;
  const space = typeof def['namespace'] === 'string' ? def['namespace'] : ns;
  return space ? `${space}.${name}` : name;
}

/** Plans a resolved events.encrypted.v1 schema whose payload field is a union of derived records. */
export function planEncryption(resolved: JsonObject, unionField = 'payload'): EncryptionPlan {
  const defs = new Map<string, JsonObject>();
  const rootName = fullName(resolved, '');
  const rootNs = rootName.slice(0, rootName.lastIndexOf('.'));

  // Named types are inlined at first use and referenced by full name after, so remember every definition met.
  function deref(t: JsonValue | undefined, ns: string): JsonValue | undefined {
    if (typeof t === 'string') return defs.get(t) ?? defs.get(`${ns}.${t}`) ?? t;
    if (isObj(t) && typeof t['name'] === 'string' && (t['type'] === 'record' || t['type'] === 'enum' || t['type'] === 'fixed')) {
      const name = fullName(t, ns);
      defs.set(name, t);
      if (t['type'] === 'record') planRecord(t, name);
    }
    return t;
  }

  const plans = new Map<string, RecordPlan>();
  function planRecord(def: JsonObject, name: string): RecordPlan {
    const known = plans.get(name);
    if (known) return known;
    const ns = name.slice(0, name.lastIndexOf('.'));
    const encrypt: string[] = [];
    const freeText = new Set<string>();
    const nested: Array<{ name: string; array: boolean; plan: RecordPlan }> = [];
    const plan: RecordPlan = { encrypt, freeText, nested };
    plans.set(name, plan);
    for (const f of def['fields'] as readonly JsonObject[]) {
      const fname = typeof f['name'] === 'string' ? f['name'] : '';
      if (fname === unionField && name === rootName) continue;
      if (f[ENCRYPTED_FIELD_PROPERTY] === ENCRYPTED_FIELD_FORMAT) {
        encrypt.push(fname);
        if (f['freeText'] === true) freeText.add(fname);
        continue;
      }
      let t = f['type'];
      if (Array.isArray(t)) {
        for (const b of t as readonly JsonValue[]) deref(b, ns);
        const nonNull = (t as readonly JsonValue[]).filter((b) => b !== 'null');
        t = nonNull.length === 1 ? nonNull[0] : undefined;
      }
      let array = false;
      let resolvedT = deref(t, ns);
      if (isObj(resolvedT) && resolvedT['type'] === 'array') {
        array = true;
        resolvedT = deref(resolvedT['items'], ns);
      }
      if (isObj(resolvedT) && resolvedT['type'] === 'record') {
        const inner = planRecord(resolvedT, fullName(resolvedT, ns));
        if (inner.encrypt.length > 0 || inner.nested.length > 0) nested.push({ name: fname, array, plan: inner });
      }
    }
    return plan;
  }

  defs.set(rootName, resolved);
  const envelope = planRecord(resolved, rootName);
  const byRawName = new Map<string, BranchPlan>();
  const byEncryptedName = new Map<string, BranchPlan>();
  const union = (resolved['fields'] as readonly JsonObject[]).find((f) => f['name'] === unionField);
  if (!union || !Array.isArray(union['type'])) throw new Error(`schema ${rootName} has no union field ${unionField}`);
  for (const branch of union['type'] as readonly JsonValue[]) {
    const def = deref(branch, rootNs);
    if (!isObj(def) || def['type'] !== 'record') throw new Error(`payload branch ${JSON.stringify(branch)} is not a record`);
    const encryptedName = fullName(def, rootNs);
    const rawName = typeof def[DERIVED_FROM_PROPERTY] === 'string' ? def[DERIVED_FROM_PROPERTY] : encryptedName;
    const bp: BranchPlan = { rawName, encryptedName, shortName: rawName.slice(rawName.lastIndexOf('.') + 1), plan: planRecord(def, encryptedName) };
    byRawName.set(rawName, bp);
    byEncryptedName.set(encryptedName, bp);
  }
  return { envelope, byRawName, byEncryptedName };
}

/** Called for each planned field present (not null): what it returns takes the field's place. */
export type FieldVisitor<C> = (ctx: C, path: string, value: unknown, freeText: boolean) => unknown;

/** A record plan compiled for one visitor: copies a record, replacing each planned field by the visitor's result. */
type Walk<C> = (record: Readonly<Record<string, unknown>>, ctx: C, path: string) => Record<string, unknown>;

const join = (prefix: string, name: string): string => (prefix === '' ? name : `${prefix}.${name}`);

/**
 * Compiles `plan` into a walk with no per-call closures: with a `prefix` known now, every field path
 * is built once here; without one (array elements, mapPlannedFields) the path is joined per call.
 * Both visit the fields in the same order, the record order of the record ciphertext: a record's
 * encrypted fields in plan order, then its nested records (array elements in index order).
 * Nested plans are compiled at first use, so a recursive record type compiles.
 */
function compileWalk<C>(plan: RecordPlan, visit: FieldVisitor<C>, prefix: string | undefined): Walk<C> {
  const names = plan.encrypt;
  const freeText = names.map((n) => plan.freeText.has(n));
  const paths = prefix === undefined ? undefined : names.map((n) => join(prefix, n));
  const nested = plan.nested.map((n) => {
    const base = prefix === undefined ? undefined : join(prefix, n.name);
    let walk: Walk<C> | undefined;
    // An array's elements carry their index in the path, so only a record reached without one keeps a fixed prefix.
    const compiled = (): Walk<C> => (walk ??= compileWalk(n.plan, visit, n.array ? undefined : base));
    return { name: n.name, array: n.array, base, compiled };
  });
  return (record, ctx, path) => {
    const out: Record<string, unknown> = { ...record };
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      const v = record[name];
      out[name] = v === null || v === undefined ? null : visit(ctx, paths ? paths[i]! : join(path, name), v, freeText[i]!);
    }
    for (const n of nested) {
      const v = record[n.name];
      if (v === null || v === undefined) continue;
      const base = n.base ?? join(path, n.name);
      const walk = n.compiled();
      if (n.array) {
        const items = v as readonly Record<string, unknown>[];
        const mapped = new Array<Record<string, unknown>>(items.length);
        for (let i = 0; i < items.length; i += 1) mapped[i] = walk(items[i]!, ctx, `${base}[${i}]`);
        out[n.name] = mapped;
      } else out[n.name] = walk(v as Record<string, unknown>, ctx, base);
    }
    return out;
  };
}

/** The walk of `plan` under a fixed path prefix for `visit`: the hot path of the encryptor (paths built once). */
export function compilePlannedFields<C>(plan: RecordPlan, prefix: string, visit: FieldVisitor<C>): (record: Readonly<Record<string, unknown>>, ctx: C) => Record<string, unknown> {
  const walk = compileWalk(plan, visit, prefix);
  return (record, ctx) => walk(record, ctx, prefix);
}

type MapFn = (path: string, value: unknown, freeText: boolean) => unknown;
const callMap: FieldVisitor<MapFn> = (map, path, value, freeText) => map(path, value, freeText);
const mapWalks = new WeakMap<RecordPlan, Walk<MapFn>>();

/**
 * Copies `record`, replacing every planned field's value by `map(path, value)` (null and undefined
 * stay null). Paths are dot paths with array indexes: payload.ChildRecord.medical.immunisations[0].vaccine.
 * The same compiled walk as compilePlannedFields, so both visit the fields in the same order.
 */
export function mapPlannedFields(record: Readonly<Record<string, unknown>>, plan: RecordPlan, path: string, map: MapFn): Record<string, unknown> {
  let walk = mapWalks.get(plan);
  if (!walk) mapWalks.set(plan, (walk = compileWalk(plan, callMap, undefined)));
  return walk(record, map, path);
}

/**
 * The payload union's branch of an event (`{ "<full name>": record }`) and its plan, looked up in
 * `byName` (byRawName for classified events, byEncryptedName for encrypted ones). A name the plan does
 * not know, or a branch holding no record, is a ValidationError (UNKNOWN_PAYLOAD); its name is quoted
 * (at most 60 characters), never a value.
 */
export function payloadBranch(payload: unknown, byName: ReadonlyMap<string, BranchPlan>): { readonly branch: BranchPlan; readonly body: Record<string, unknown> } {
  let name: string | undefined;
  if (typeof payload === 'object' && payload !== null) for (const k in payload) { name = k; break; }
  const branch = name === undefined ? undefined : byName.get(name);
  const quoted = JSON.stringify(String(name).slice(0, 60));
  if (!branch) throw new ValidationError('UNKNOWN_PAYLOAD', `payload branch ${quoted} is not one events.encrypted.v1 knows`);
  const body = (payload as Record<string, unknown>)[name!];
  if (typeof body !== 'object' || body === null) throw new ValidationError('UNKNOWN_PAYLOAD', `payload branch ${quoted} holds no record`);
  return { branch, body: body as Record<string, unknown> };
}

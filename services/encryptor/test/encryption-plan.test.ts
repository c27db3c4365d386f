import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENCRYPTED_EVENT_NAME, loadSchemaCatalog } from '@cwp/avro';
import { createGenerator } from '@cwp/synthetic';
import type { RecordPlan } from '../src/encryption-plan.js';
import { ValidationError } from '@cwp/errors';
import { compilePlannedFields, mapPlannedFields, payloadBranch, planEncryption } from '../src/encryption-plan.js';

const plan = planEncryption(loadSchemaCatalog().resolve(ENCRYPTED_EVENT_NAME));

type Visit = readonly [path: string, value: unknown, freeText: boolean];

/** The reference walk, written out plainly: encrypted fields in plan order, then nested records (array elements by index). */
function reference(record: Readonly<Record<string, unknown>>, p: RecordPlan, path: string, out: Visit[]): void {
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`);
  for (const name of p.encrypt) {
    const v = record[name];
    if (v !== null && v !== undefined) out.push([at(name), v, p.freeText.has(name)]);
  }
  for (const n of p.nested) {
    const v = record[n.name];
    if (v === null || v === undefined) continue;
    if (n.array) (v as Record<string, unknown>[]).forEach((el, i) => reference(el, n.plan, `${at(n.name)}[${i}]`, out));
    else reference(v as Record<string, unknown>, n.plan, at(n.name), out);
  }
}

test('the compiled walk (paths built once) and mapPlannedFields visit the reference order over 3000 generated events of every branch', () => {
  const branchesSeen = new Set<string>();
  let arrayPaths = 0;
  for (const { event } of createGenerator({ seed: 'plan-walk' }).batch(3000)) {
    const [rawName, body] = Object.entries(event.payload as Record<string, unknown>)[0]!;
    const branch = plan.byRawName.get(rawName)!;
    const prefix = `payload.${branch.shortName}`;
    branchesSeen.add(rawName);
    const expected: Visit[] = [];
    reference(body as Record<string, unknown>, branch.plan, prefix, expected);

    const compiledVisits: Visit[] = [];
    const compiled = compilePlannedFields<Visit[]>(branch.plan, prefix, (acc, p, v, ft) => { acc.push([p, v, ft]); return `sealed:${p}`; });
    const out = compiled(body as Record<string, unknown>, compiledVisits);
    const mapVisits: Visit[] = [];
    const mapped = mapPlannedFields(body as Record<string, unknown>, branch.plan, prefix, (p, v, ft) => { mapVisits.push([p, v, ft]); return `sealed:${p}`; });

    assert.deepEqual(compiledVisits, expected);
    assert.deepEqual(mapVisits, expected);
    assert.deepEqual(out, mapped);
    arrayPaths += expected.filter(([p]) => p.includes('[')).length;
    // The input is copied, never changed.
    for (const [p] of expected) assert.ok(!JSON.stringify(body).includes(`sealed:${p}`));
  }
  assert.equal(branchesSeen.size, plan.byRawName.size, 'every payload branch was generated');
  assert.ok(arrayPaths > 0, 'some events hold protected fields inside arrays');
});

test('a planned field that is null or absent stays null and is not visited; unplanned fields are copied as they are', () => {
  const child = plan.byRawName.get('cwp.child.ChildRecord')!;
  const visited: string[] = [];
  const walk = compilePlannedFields<string[]>(child.plan, 'payload.ChildRecord', (acc, p) => { acc.push(p); return Buffer.from('x'); });
  const out = walk({ childId: 'c-1', nik: null, extra: 42, address: null }, visited);
  assert.deepEqual(visited, ['payload.ChildRecord.childId']);
  assert.equal(out['nik'], null);
  assert.equal(out['fullName'], null);
  assert.equal(out['extra'], 42);
  assert.equal(out['address'], null);
  assert.ok(Buffer.isBuffer(out['childId']));
});

test('payloadBranch: the one branch and its record; an unknown name, an empty union or a branch without a record is UNKNOWN_PAYLOAD, naming the branch and no value', () => {
  const body = { childId: 'c-1' };
  const { branch, body: found } = payloadBranch({ 'cwp.child.ChildRecord': body }, plan.byRawName);
  assert.equal(branch.encryptedName, 'cwp.encrypted.ChildRecord');
  assert.equal(found, body);
  assert.equal(payloadBranch({ 'cwp.encrypted.ChildRecord': body }, plan.byEncryptedName).branch.rawName, 'cwp.child.ChildRecord');
  const refused = (payload: unknown, byName = plan.byRawName): string => {
    try {
      payloadBranch(payload, byName);
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.code, 'UNKNOWN_PAYLOAD');
      assert.ok(!err.message.includes('c-1'));
      return err.message;
    }
    throw new Error('accepted');
  };
  assert.match(refused({ 'cwp.child.Nope': body }), /"cwp\.child\.Nope" is not one/);
  assert.match(refused({ 'cwp.child.ChildRecord': body }, plan.byEncryptedName), /is not one/);
  assert.match(refused({}), /"undefined" is not one/);
  assert.match(refused(null), /is not one/);
  assert.match(refused({ 'cwp.child.ChildRecord': null }), /"cwp\.child\.ChildRecord" holds no record/);
  assert.match(refused({ 'cwp.child.ChildRecord': 'c-1' }), /holds no record/);
});

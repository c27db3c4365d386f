// The Kafka principals of infra/kafka-principals.json and the ACLs they imply: a pure function from
// the declaration to the exact ACL set (tested in test/unit-infra), applied by provisioning, and the
// per-machine SCRAM passwords that make up generated (infra/local/kafka-users.mjs).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PRINCIPALS_FILE = new URL('../kafka-principals.json', import.meta.url);

const topicPattern = z.string().regex(/^[A-Za-z0-9._-]+\*?$/, 'a topic name, or a prefix ending in *');
const principal = z.strictObject({
  doc: z.string().min(1),
  prefix: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/).optional().describe('consumer groups and transactional ids: <prefix> or <prefix>.<anything> (default cwp-<name>)'),
  read: z.array(topicPattern).default([]),
  write: z.array(topicPattern).default([]),
  create: z.array(topicPattern).default([]),
  deleteGroups: z.boolean().default(false),
});
const file = z.strictObject({
  $comment: z.string().optional(),
  principals: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), principal),
});

/** One declared principal. */
export type Principal = z.infer<typeof principal> & { readonly name: string; readonly groupPrefix: string };

/** Reads and validates infra/kafka-principals.json. */
export function loadPrincipals(text: string = readFileSync(PRINCIPALS_FILE, 'utf8')): Principal[] {
  const parsed = file.parse(JSON.parse(text));
  return Object.entries(parsed.principals).map(([name, p]) => ({ ...p, name, groupPrefix: p.prefix ?? `cwp-${name}` }));
}

/** A Kafka ACL binding (allow only: nothing is allowed that is not listed). */
export interface AclBinding {
  readonly principal: string;
  readonly resourceType: 'TOPIC' | 'GROUP' | 'TRANSACTIONAL_ID';
  readonly resourceName: string;
  readonly patternType: 'LITERAL' | 'PREFIXED';
  readonly operation: 'READ' | 'WRITE' | 'DESCRIBE' | 'CREATE' | 'DELETE';
}

function topicResource(pattern: string): Pick<AclBinding, 'resourceName' | 'patternType'> {
  return pattern.endsWith('*') ? { resourceName: pattern.slice(0, -1), patternType: 'PREFIXED' } : { resourceName: pattern, patternType: 'LITERAL' };
}

/**
 * The exact ACLs of the declared principals: Read+Describe on what a principal reads (with its
 * consumer groups), Write+Describe on what it writes (with its transactional ids), Create on what
 * it may create, Delete on its own groups when declared. The broker's super user is not listed.
 */
export function aclsOf(principals: readonly Principal[]): AclBinding[] {
  const out: AclBinding[] = [];
  for (const p of principals) {
    const principalName = `User:${p.name}`;
    const add = (resourceType: AclBinding['resourceType'], r: Pick<AclBinding, 'resourceName' | 'patternType'>, ...ops: AclBinding['operation'][]): void => {
      for (const operation of ops) out.push({ principal: principalName, resourceType, ...r, operation });
    };
    for (const t of p.read) add('TOPIC', topicResource(t), 'READ', 'DESCRIBE');
    for (const t of p.write) add('TOPIC', topicResource(t), 'WRITE', 'DESCRIBE');
    for (const t of p.create) add('TOPIC', topicResource(t), 'CREATE');
    // A group or transactional id named <prefix> or <prefix>.<anything>: PREFIXED on the bare
    // prefix would also admit "cwp-classifierX"; two bindings keep it to the dot-separated family.
    const family = [{ resourceName: p.groupPrefix, patternType: 'LITERAL' as const }, { resourceName: `${p.groupPrefix}.`, patternType: 'PREFIXED' as const }];
    if (p.read.length > 0) for (const r of family) add('GROUP', r, 'READ', ...(p.deleteGroups ? ['DELETE' as const] : []));
    if (p.write.length > 0) for (const r of family) add('TRANSACTIONAL_ID', r, 'WRITE', 'DESCRIBE');
  }
  return out;
}

/** The key that identifies an ACL binding (for set comparisons). */
export function aclKey(a: AclBinding): string {
  return [a.principal, a.resourceType, a.patternType, a.resourceName, a.operation].join('|');
}

/** The SCRAM password of a principal from the per-machine users file (KAFKA_USERS_FILE). */
export function principalPassword(name: string, usersFile: string): string {
  const users = JSON.parse(readFileSync(usersFile, 'utf8')) as Record<string, unknown>;
  const password = users[name];
  if (typeof password !== 'string') throw new Error(`no Kafka user ${name} in ${usersFile}: run 'make up' (it creates every declared principal)`);
  return password;
}

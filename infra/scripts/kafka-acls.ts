// Applies the ACLs of infra/kafka-principals.json to the broker, as its super user: creates every
// declared binding and deletes any other allow-binding held by a declared principal, so each
// principal ends with exactly what the file says. Idempotent.
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { aclKey, aclsOf, loadPrincipals, type AclBinding } from './kafka-principals.js';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

function toEntry(a: AclBinding): kafkajs.AclEntry {
  return {
    principal: a.principal, host: '*', permissionType: AclPermissionTypes.ALLOW,
    resourceType: AclResourceTypes[a.resourceType], resourceName: a.resourceName,
    resourcePatternType: ResourcePatternTypes[a.patternType], operation: AclOperationTypes[a.operation],
  };
}

function nameOf<T extends Record<string, string | number>>(enumObject: T, value: number): string {
  return Object.keys(enumObject).find((k) => enumObject[k] === value) ?? String(value);
}

/** Brings the broker's ACLs to the declaration; returns how many bindings were created and deleted. */
export async function applyKafkaAcls(admin: Admin): Promise<{ declared: number; created: number; deleted: number }> {
  const principals = loadPrincipals();
  const wanted = aclsOf(principals);
  const wantedKeys = new Set(wanted.map(aclKey));
  const declared = new Set(principals.map((p) => `User:${p.name}`));

  const existing = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY,
  });
  const have = new Set<string>();
  const stale: kafkajs.AclFilter[] = [];
  for (const r of existing.resources) {
    for (const acl of r.acls) {
      const binding = {
        principal: acl.principal, resourceType: nameOf(AclResourceTypes, r.resourceType), resourceName: r.resourceName,
        patternType: nameOf(ResourcePatternTypes, r.resourcePatternType), operation: nameOf(AclOperationTypes, acl.operation),
      } as AclBinding;
      const key = aclKey(binding);
      if (acl.permissionType === AclPermissionTypes.ALLOW && wantedKeys.has(key)) { have.add(key); continue; }
      if (declared.has(acl.principal)) {
        stale.push({ resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, principal: acl.principal, host: acl.host, operation: acl.operation, permissionType: acl.permissionType });
      }
    }
  }
  const missing = wanted.filter((a) => !have.has(aclKey(a)));
  if (missing.length > 0) await admin.createAcls({ acl: missing.map(toEntry) });
  if (stale.length > 0) await admin.deleteAcls({ filters: stale });
  return { declared: wanted.length, created: missing.length, deleted: stale.length };
}

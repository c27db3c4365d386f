// CARE_OPERATION: admissions, discharges, transfers, headcounts, staffing and inspections at a
// facility; admissions and discharges move pooled children in and out.
import type { OperationType } from '@cwp/avro';
import { careOperationNote } from '../notes.js';
import type { Child, Facility } from '../world.js';
import type { BuildContext, Built } from './context.js';

/** A CareOperation at a pooled facility, keeping occupancy and children's care status consistent. */
export function buildCareOperation(ctx: BuildContext): Built<'CARE_OPERATION'> {
  const { rng, world } = ctx;
  const facility = rng.pick(world.facilities);
  let type = rng.weighted<OperationType>([['HEADCOUNT', 30], ['ADMISSION', 18], ['DISCHARGE', 12], ['TRANSFER', 6], ['STAFFING', 20], ['INSPECTION', 14]]);
  const residents = world.children.filter((c) => c.facilityId === facility.id);
  let child: Child | null = null;
  let other = facility.locality.regency.name;

  if (type === 'ADMISSION') {
    const candidates = world.children.filter((c) => c.careStatus !== 'INSTITUTIONAL_CARE' && c.locality.province.code === facility.locality.province.code);
    if (facility.occupancy >= facility.capacity || candidates.length === 0) type = 'HEADCOUNT';
    else {
      child = rng.pick(candidates);
      child.careStatus = 'INSTITUTIONAL_CARE';
      child.facilityId = facility.id;
      child.locality = facility.locality;
      child.address = facility.address;
      facility.occupancy += 1;
    }
  } else if (type === 'DISCHARGE' || type === 'TRANSFER') {
    const destination: Facility | undefined = rng.pick(world.facilities);
    if (residents.length === 0 || (type === 'TRANSFER' && (destination.id === facility.id || destination.occupancy >= destination.capacity))) type = 'HEADCOUNT';
    else {
      child = rng.pick(residents);
      facility.occupancy = Math.max(0, facility.occupancy - 1);
      if (type === 'TRANSFER') {
        child.facilityId = destination.id;
        child.locality = destination.locality;
        child.address = destination.address;
        destination.occupancy += 1;
        other = destination.name;
      } else {
        child.careStatus = rng.pick(['KINSHIP_CARE', 'WITH_PARENTS', 'FOSTER_CARE'] as const);
        child.facilityId = null;
      }
    }
  } else if (type === 'STAFFING') {
    facility.staff = Math.max(2, facility.staff + rng.int(-1, 1));
  }

  const staff = world.createAdult(rng, facility.locality.province.code, null);
  return {
    subjectType: child ? 'CHILD' : 'FACILITY',
    subjectId: child ? child.id : facility.id,
    sourceSystem: 'lks-ops',
    payload: {
      facilityId: facility.id,
      facilityName: facility.name,
      district: facility.locality.district.name,
      province: facility.locality.province.name,
      operationType: type,
      childId: child?.id ?? null,
      occupancy: facility.occupancy,
      capacity: facility.capacity,
      staffOnDuty: rng.chance(0.85) ? Math.max(1, facility.staff - rng.int(0, 2)) : null,
      notes: careOperationNote(ctx.note, type === 'UNKNOWN' ? 'HEADCOUNT' : type, child, other, staff),
    },
  };
}
